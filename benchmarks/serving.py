"""Serving pages: nginx's limit, our app server's cache hits and misses, memory per worker.

    make bench-data                  # once: a million articles in var/bench
    .venv/bin/python benchmarks/serving.py [--seconds 10] [--runs 3] [--server gunicorn|granian]

Uses the database NEWSDESK_DATA_DIR (var/bench) or DATABASE_URL points at, and Redis at
BENCH_REDIS_URL (redis://127.0.0.1:6379/15) as the shared cache. wrk drives every
server from this same machine (1 thread, 16 connections); each figure is the median of
`--runs` runs. Prints a table for docs/performance.md.
"""

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from beacons import free_port, run_wrk

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

NGINX_CONF = """
worker_processes 2;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}; proxy_temp_path {dir}; fastcgi_temp_path {dir};
    uwsgi_temp_path {dir}; scgi_temp_path {dir};
    server {{
        listen 127.0.0.1:{port};
        location / {{ root {dir}; default_type text/html; }}
    }}
}}
"""


def wait_for(url: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


def median_run(url: str, args) -> dict:
    runs = [run_wrk(url, args.seconds) for _ in range(args.runs)]
    return {
        "rps": statistics.median(r["rps"] for r in runs),
        "p50": sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]["p50"],
        "p99": sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]["p99"],
        "errors": sum(r["errors"] for r in runs),
    }


def nginx_limit(html: bytes, args) -> dict:
    directory = Path(tempfile.mkdtemp(prefix="newsdesk-nginx-"))
    (directory / "article.html").write_bytes(html)
    port = free_port()
    (directory / "nginx.conf").write_text(NGINX_CONF.format(dir=directory, port=port))
    nginx = subprocess.Popen([shutil.which("nginx"), "-c", str(directory / "nginx.conf"), "-g", "daemon off;"])
    try:
        wait_for(f"http://127.0.0.1:{port}/article.html")
        return median_run(f"http://127.0.0.1:{port}/article.html", args)
    finally:
        nginx.send_signal(signal.SIGQUIT)
        nginx.wait()


def app_server(env: dict, args):
    port = free_port()
    if args.server == "granian":
        command = [PYTHON, "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
                   "--workers", str(args.workers), "--log-level", "warning", "newsdesk.wsgi:application"]  # fmt: skip
    else:
        command = [PYTHON, "-m", "gunicorn", "newsdesk.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(args.workers),
                   "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    wait_for(f"http://127.0.0.1:{port}/healthz")
    return server, f"http://127.0.0.1:{port}"


def worker_memory(server: subprocess.Popen) -> list[int]:
    """Resident size (MB) of the server's worker processes."""
    sizes = []
    for child in Path("/proc").glob("[0-9]*"):
        try:
            status = (child / "status").read_text()
        except OSError:
            continue
        if f"PPid:\t{server.pid}\n" in status:
            rss = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
            sizes.append(int(rss.split()[1]) // 1024)
    return sizes


def stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--server", choices=["gunicorn", "granian"], default="gunicorn")
    args = parser.parse_args()
    base = {
        **os.environ,
        "NEWSDESK_DATA_DIR": os.environ.get("NEWSDESK_DATA_DIR", str(ROOT / "var" / "bench")),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
        "CACHE_KEY_PREFIX": "newsdesk-bench",
        "LOG_LEVEL": "WARNING",
    }
    code = (
        "from newsdesk.content.models import Article; "
        "a = Article.objects.visible().filter(language='en').order_by('-published_at', '-id').first(); "
        "print(a.get_absolute_url(), a.section.slug, Article.objects.count())"
    )
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT, env=base, capture_output=True, text=True
    )
    article, section, count = out.stdout.split()
    pages = {"article": article, "home": "/en/", "section": f"/en/section/{section}/"}
    results = {}

    server, url = app_server({**base, "PAGE_CACHE": "1"}, args)
    try:
        html = urllib.request.urlopen(url + article).read()
        results["nginx, saved article HTML"] = nginx_limit(html, args)
        for name, path in pages.items():
            urllib.request.urlopen(url + path).read()  # store it
            results[f"{name}, cache hit"] = median_run(url + path, args)
        memory_hit = worker_memory(server)
    finally:
        stop(server)
    server, url = app_server({**base, "PAGE_CACHE": "0"}, args)
    try:
        for name, path in pages.items():
            results[f"{name}, cache miss"] = median_run(url + path, args)
        memory_miss = worker_memory(server)
    finally:
        stop(server)

    limit = results["nginx, saved article HTML"]["rps"]
    print(f"{count} articles · {args.server} {args.workers} workers · wrk 1 thread 16 connections · "
          f"{args.seconds} s × {args.runs} runs (median) · {os.cpu_count()} cores")  # fmt: skip
    print(f"{'what':<28} {'req/s':>8} {'p50':>9} {'p99':>9} {'vs nginx':>9} {'errors':>7}")
    for name, r in results.items():
        print(f"{name:<28} {r['rps']:>8.0f} {r['p50']:>9} {r['p99']:>9} {r['rps'] / limit:>9.2f} {r['errors']:>7}")
    print(f"worker RSS after the hit runs: {memory_hit} MB; after the miss runs: {memory_miss} MB")


if __name__ == "__main__":
    main()
