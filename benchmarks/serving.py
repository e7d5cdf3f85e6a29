"""Serving pages: nginx's limit, our app server's cache hits and misses, a plain Django
site's misses on the same data, memory per worker.

    make bench-data                  # once: a million articles in var/bench
    .venv/bin/python benchmarks/serving.py [--seconds 10] [--runs 3] [--server granian|gunicorn]

Uses the database NEWSDESK_DATA_DIR (var/bench) or DATABASE_URL points at, and Redis at
BENCH_REDIS_URL (redis://127.0.0.1:6379/15) as the shared cache. wrk drives every
server from this same machine (2 threads, 32 connections, against 2 workers: the two
cores shared by all); each figure is the median of `--runs` runs. The baseline
(benchmarks/baseline) is what a plain Django project would serve: one article read by id
with the ORM, one Django template, startproject's middleware. Prints a table for
docs/performance.md, each miss also as a multiple of the baseline's.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, app_server, django_shell, free_port, run_wrk, stop, wait_for

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


# A plain Django project on the same data: the yardstick for a miss.
BASELINE = "benchmarks.baseline.wsgi:application"


def crawler(paths: list[str]) -> str:
    """wrk's script for a crawler's misses: a different page on every request."""
    return "\n".join([
        "paths = {" + ", ".join(f'"{path}"' for path in paths) + "}",
        "i = 0",
        "request = function() i = i % #paths + 1; return wrk.format(nil, paths[i]) end",
    ])  # fmt: skip


def median_run(url: str, args, script: str | None = None) -> dict:
    """The run with the median throughput (its latencies with it), and every run's errors."""
    load = {"threads": args.threads, "connections": args.connections}
    runs = sorted((run_wrk(url, args.seconds, script, **load) for _ in range(args.runs)), key=lambda r: r["rps"])
    return {**runs[len(runs) // 2], "errors": sum(r["errors"] for r in runs)}


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2, help="wrk's")
    parser.add_argument("--connections", type=int, default=32, help="wrk's")
    parser.add_argument("--server", choices=["granian", "gunicorn"], default="granian")
    args = parser.parse_args()
    missing = [tool for tool in ("wrk", "nginx") if shutil.which(tool) is None]
    if missing:
        sys.exit(f"{' and '.join(missing)} needed: apt install wrk nginx-light")
    base = {
        **os.environ,
        "NEWSDESK_DATA_DIR": os.environ.get("NEWSDESK_DATA_DIR", str(ROOT / "var" / "bench")),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
        "CACHE_KEY_PREFIX": "newsdesk-bench",
        "LOG_LEVEL": "WARNING",
    }
    code = (
        "import json; from newsdesk.content.models import Article; "
        "qs = Article.objects.visible().filter(language='en').order_by('-published_at', '-id'); "
        "a = qs.first(); "
        "newest = list(qs[:2000]); "
        "print(json.dumps({'section': a.section.slug, 'count': Article.objects.count(), "
        "'articles': [s.get_absolute_url() for s in newest], 'ids': [s.pk for s in newest]}))"
    )
    found = json.loads(django_shell(base, code))
    article, count = found["articles"][0], found["count"]
    pages = {"article": article, "home": "/en/", "section": f"/en/section/{found['section']}/"}
    crawl = crawler(found["articles"])
    results = {}

    server, url = app_server({**base, "PAGE_CACHE": "1"}, workers=args.workers, server=args.server)
    try:
        html = urllib.request.urlopen(url + article).read()
        results["nginx, saved article HTML"] = nginx_limit(html, args)
        for name, path in pages.items():
            urllib.request.urlopen(url + path).read()  # store it
            results[f"{name}, cache hit"] = median_run(url + path, args)
        memory_hit = worker_memory(server)
    finally:
        stop(server)
    # Each process asks Redis every time: what a hit costs for a page not read this second.
    server, url = app_server({**base, "PAGE_CACHE": "1", "PAGE_MEMO_SECONDS": "0"}, workers=args.workers,
                             server=args.server)  # fmt: skip
    try:
        results["article, hit from Redis"] = median_run(url + article, args)
    finally:
        stop(server)
    server, url = app_server({**base, "PAGE_CACHE": "0"}, workers=args.workers, server=args.server)
    try:
        for name, path in pages.items():
            results[f"{name}, cache miss"] = median_run(url + path, args)
        results["article, miss, each different"] = median_run(url + "/", args, script=crawl)
        memory_miss = worker_memory(server)
    finally:
        stop(server)
    server, url = app_server(base, workers=args.workers, server=args.server, application=BASELINE)
    try:
        results["baseline: article"] = median_run(f"{url}/article/{found['ids'][0]}/", args)
        baseline_crawl = crawler([f"/article/{pk}/" for pk in found["ids"]])
        results["baseline: each different"] = median_run(url + "/", args, script=baseline_crawl)
    finally:
        stop(server)

    limit = results["nginx, saved article HTML"]["rps"]
    baseline = results["baseline: each different"]["rps"]
    print(f"{count} articles · {args.server} {args.workers} workers · wrk {args.threads} threads "
          f"{args.connections} connections · {args.seconds} s × {args.runs} runs (median) · "
          f"{os.cpu_count()} cores")  # fmt: skip
    print(f"{'what':<32} {'req/s':>8} {'p50':>9} {'p99':>9} {'vs nginx':>9} {'vs baseline':>12} {'errors':>7}")
    for name, r in results.items():
        versus = f"{r['rps'] / baseline:.2f}" if "miss" in name or name.startswith("baseline") else ""
        print(f"{name:<32} {r['rps']:>8.0f} {r['p50']:>9} {r['p99']:>9} {r['rps'] / limit:>9.2f} {versus:>12} "
              f"{r['errors']:>7}")  # fmt: skip
    print(f"worker RSS after the hit runs: {memory_hit} MB; after the miss runs: {memory_miss} MB")


if __name__ == "__main__":
    main()
