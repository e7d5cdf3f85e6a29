"""What the benchmarks share: free ports, app servers, wrk runs, Django shells, and the
small archive the million-article one is compared with."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from newsdesk.public.management.commands.serve import app_server_command  # noqa: E402

PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_wrk(url: str, seconds: int, script: str | None = None, *, threads: int = 1, connections: int = 16) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        if script:
            lua.write(script)
            command += ["-s", lua.name]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": requests,
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
        "p50": re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1),
        "p99": re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1),
    }


def django_shell(env: dict, code: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def wait_for(url: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


def app_server(
    env: dict, *, workers: int, server: str = "granian", application: str = "newsdesk.wsgi:application"
) -> tuple[subprocess.Popen, str]:
    """Start the site as `make serve` does (granian), or under gunicorn for comparison; wait for it."""
    port = free_port()
    if server == "granian":
        bind = f"127.0.0.1:{port}"
        command = [*app_server_command(bind=bind, workers=workers, application=application), "--no-access-log"]
    else:
        command = [PYTHON, "-m", "gunicorn", application, "-b", f"127.0.0.1:{port}",
                   "-w", str(workers), "--log-level", "warning"]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/healthz")
    except RuntimeError:
        stop(process)
        raise
    return process, url


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    process.wait()


BIG_ARCHIVE_DAYS = 3650  # bench_data's ten years


def build_small(folder: Path, articles: int) -> dict:
    """An archive of `articles` in `folder`, as dense as bench_data's million over ten
    years (the same stories a day); the environment that points at it."""
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(folder)}
    env.pop("DATABASE_URL", None)
    manage = [PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    days = max(1, round(BIG_ARCHIVE_DAYS * articles / 1_000_000))
    subprocess.run(
        [*manage, "bench_data", "--articles", str(articles), "--views", str(articles * 100), "--days", str(days)],
        cwd=ROOT,
        env=env,
        check=True,
        stderr=subprocess.DEVNULL,
    )
    return env


def run_measure(script: str, env: dict, requests: int) -> dict:
    """`script --measure` in a process of its own on the archive `env` points at: its JSON."""
    output = subprocess.run(
        [PYTHON, script, "--measure", "--requests", str(requests)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure_both_archives(script: str, requests: int) -> tuple[dict, dict]:
    """(10,000 articles, bench_data's million): `script`'s figures on each."""
    big_env = {**os.environ}
    if "DATABASE_URL" not in big_env:
        big_env.setdefault("NEWSDESK_DATA_DIR", str(ROOT / "var" / "bench"))
        if not (Path(big_env["NEWSDESK_DATA_DIR"]) / "newsdesk.sqlite3").exists():
            sys.exit("No archive: run `make bench-data` first.")
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-bench-small-"))
    try:
        small = run_measure(script, build_small(folder, 10_000), requests)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return small, run_measure(script, big_env, requests)
