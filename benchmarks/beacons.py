"""Beacon throughput: counted views per second, against the same server answering an empty 204.

    make bench                         # runs this among the others
    .venv/bin/python benchmarks/beacons.py [--seconds 10] [--workers 3]

Starts the app server as `make serve` does (granian) on a free port against the demo database (SQLite), once counting in
SQLite and once counting through Redis (REDIS_URL, default redis://127.0.0.1:6379/15),
and drives it with wrk from this machine. Every beacon comes from a different reader
(a different X-Forwarded-For, in a /24 of its own), so each one is a real count. Afterwards the stored
total is compared with the number of 200 answers.
"""

import argparse
import os
import platform
import shutil
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import app_server, django_shell, run_wrk, stop

BEACON_LUA = """
counter = 0
request = function()
  counter = counter + 1
  local headers = {}
  -- Every reader in a network of its own: views are capped per address and per /24.
  headers["X-Forwarded-For"] = string.format("%d.%d.%d.7",
    1 + math.floor(counter / 65536) % 223, math.floor(counter / 256) % 256, counter % 256)
  headers["User-Agent"] = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36 RUN_ID"
  return wrk.format("POST", "BEACON_PATH", headers, "")
end
"""


def stored_count(env: dict, article: str) -> int:
    """The article's count in the database, after flushing what waits in Redis."""
    code = (
        "from newsdesk.audience.jobs import counts_flush; counts_flush(); "
        "from newsdesk.audience.database_counter import database_counts_for; "
        f"print(database_counts_for({{{article}}})[{article}])"
    )
    return int(django_shell(env, code))


def measure(label: str, env: dict, args) -> dict:
    env = {**env, "BEHIND_PROXY": "1", "VIEW_RATE_LIMIT": "1000000", "LOG_LEVEL": "WARNING"}
    article = django_shell(
        env,
        "from newsdesk.content.models import Article; "
        "print(Article.objects.visible().filter(language='en').order_by('-published_at').first().pk)",
    )
    server, url = app_server(env, workers=args.workers)
    try:
        before = stored_count(env, article)
        empty = run_wrk(f"{url}/healthz", args.seconds)
        beacon = run_wrk(
            f"{url}/en/news/{article}/views/",
            args.seconds,
            # A fresh run id: readers of an earlier run are still within their 30 minutes.
            BEACON_LUA.replace("BEACON_PATH", f"/en/news/{article}/views/").replace("RUN_ID", uuid.uuid4().hex),
        )
    finally:
        stop(server)
    counted = stored_count(env, article) - before
    return {"label": label, "empty": empty, "beacon": beacon, "counted": counted}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt install wrk")
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    runs = [
        measure("SQLite", base, args),
        measure("SQLite + Redis", {**base, "REDIS_URL": redis_url, "CACHE_KEY_PREFIX": "newsdesk-bench"}, args),
    ]
    print(f"{platform.node()} · {os.cpu_count()} cores · granian {args.workers} workers · wrk 1 thread, "
          f"16 connections, {args.seconds} s each, on the same machine")  # fmt: skip
    print(f"{'back end':<16} {'empty 204 rps':>14} {'beacon rps':>11} {'ratio':>6} {'p50':>8} {'p99':>8} "
          f"{'answered':>9} {'stored':>8}")  # fmt: skip
    for run in runs:
        empty, beacon = run["empty"], run["beacon"]
        answered = beacon["requests"] - beacon["errors"]
        print(f"{run['label']:<16} {empty['rps']:>14.0f} {beacon['rps']:>11.0f} {beacon['rps'] / empty['rps']:>6.2f} "
              f"{beacon['p50']:>8} {beacon['p99']:>8} {answered:>9} {run['counted']:>8}")  # fmt: skip


if __name__ == "__main__":
    main()
