"""Run Newsdesk in production: granian with several workers, and the worker beside it.

    make serve          # the same, after installing
    python manage.py serve [--bind 127.0.0.1:8000] [--workers N]

Refuses to start with an unsafe configuration and says why. Collects the static files
(hashed and compressed, served with far-future caching) and applies migrations first.
"""

import os
import signal
import subprocess
import sys
import time
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http.request import validate_host

# Measured on the reference machine (docs/performance.md): with 2 cores, 3 workers of one
# thread each serve the most pages a second; more only add memory. One thread per worker
# also bounds the database connections at one per worker.
DEFAULT_WORKERS = max(2, (os.cpu_count() or 1) + 1)


def app_server_command(*, bind: str, workers: int, application: str = "newsdesk.wsgi:application") -> list[str]:
    """granian serving the WSGI application (the page cache answers hits before Django)."""
    host, _, port = bind.rpartition(":")
    return [
        sys.executable, "-m", "granian", "--interface", "wsgi", "--host", host.strip("[]") or "127.0.0.1",
        "--port", port, "--workers", str(workers), "--blocking-threads", "1", "--runtime-mode", "st",
        # A worker is replaced if it dies or grows past 300 MB (about four times its measured size).
        "--respawn-failed-workers", "--workers-max-rss", "300", "--access-log", application,
    ]  # fmt: skip


def problems() -> list[str]:
    """What makes this configuration unsafe or unable to serve several workers consistently."""
    found = []
    if settings.DEBUG:
        found.append("DEBUG is on: it shows internals to anyone; unset DEBUG.")
    secret = os.environ.get("SECRET_KEY", "")
    if not secret:
        found.append("SECRET_KEY is not set: give a long random value (50 characters or more).")
    elif len(secret) < 50 or len(set(secret)) < 10 or secret.startswith("django-insecure"):
        found.append("SECRET_KEY is too short or too simple: use 50 or more random characters.")
    if not os.environ.get("ALLOWED_HOSTS"):
        found.append("ALLOWED_HOSTS is not set: list the site's host names, e.g. news.example.kz.")
    found += _site_url_problems(os.environ.get("SITE_URL", ""))
    if not os.environ.get("EMAIL_HOST"):
        found.append(
            "EMAIL_HOST is not set: staff could not reset a forgotten password (docs/deploy.md, Staff sign-in)."
        )
    if not settings.REDIS_URL:
        found.append(
            "REDIS_URL is not set: several workers need a shared cache, or one would serve "
            "pages another has already dropped."
        )
    if not settings.DATABASE_URL:
        found.append("DATABASE_URL is not set: production runs on PostgreSQL (postgres://user@host/name).")
    return found


def _site_url_problems(site_url: str) -> list[str]:
    if not site_url:
        return ["SITE_URL is not set: give the address readers use, e.g. https://news.example.kz."]
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/") or parts.query:
        return ["SITE_URL must be a scheme and a host only, e.g. https://news.example.kz."]
    found = []
    allowed = [host.strip() for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host.strip()]
    if not validate_host(parts.hostname, allowed):
        found.append(f"SITE_URL's host {parts.hostname} is not in ALLOWED_HOSTS.")
    if parts.scheme == "https" and not os.environ.get("BEHIND_HTTPS_PROXY"):
        found.append(
            "SITE_URL is https, but the app server speaks plain http: run it behind a TLS proxy "
            "(docs/deploy.md) and set BEHIND_HTTPS_PROXY=1, or every request would be redirected."
        )
    return found


class Command(BaseCommand):
    help = "Run the site in production: checks, static files, migrations, granian and the worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", DEFAULT_WORKERS)))
        parser.add_argument("--check-only", action="store_true", help="Check the configuration and stop.")

    def handle(self, *args: Any, bind: str, workers: int, check_only: bool, **options: Any) -> None:
        found = problems()
        if found:
            raise CommandError("Newsdesk will not start in production:\n- " + "\n- ".join(found))
        if check_only:
            self.stdout.write("The configuration is fit for production.")
            return
        env = {**os.environ, "NEWSDESK_PRODUCTION": "1"}
        # Our own interpreter and arguments: nothing here comes from a request.
        for command in (["collectstatic", "--noinput", "-v0"], ["migrate", "--noinput", "-v0"]):
            subprocess.run([sys.executable, "manage.py", *command], env=env, check=True)  # noqa: S603
        processes = [
            subprocess.Popen([sys.executable, "manage.py", "worker"], env=env),
            subprocess.Popen(app_server_command(bind=bind, workers=workers), env=env),  # noqa: S603
        ]
        self.stdout.write(f"Serving on http://{bind}/ with {workers} workers, and the worker. Ctrl-C stops both.")
        stopping = []

        def stop(*_args: object) -> None:
            stopping.append(True)
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping and all(process.poll() is None for process in processes):
            time.sleep(0.5)
        stop()
        for process in processes:
            process.wait()
