"""Password guessing against the app server: what it costs readers, and what guessers get.

    .venv/bin/python benchmarks/signin_flood.py [--seconds 20] [--guessers 4] [--workers 3]

A fresh embedded database in a temporary folder (the demo edition, its accounts with real
PBKDF2 passwords), `make serve`'s granian with `--workers` workers, public pages rendered
afresh each time (PAGE_CACHE=0). A reader asks for the home page in a loop: alone first,
then while `--guessers` threads post wrong passwords as fast as they are answered: at the
demo editor from one address, then a new name from a new address every time (a botnet:
BEHIND_PROXY=1, the address in X-Forwarded-For). Prints the reader's latencies and the guessers'
answers, for docs/performance.md.
"""

import argparse
import http.cookiejar
import itertools
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PYTHON, ROOT, app_server, stop


def reader(url: str, seconds: float) -> list[float]:
    latencies, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.perf_counter()
        with urllib.request.urlopen(f"{url}/en/", timeout=30) as response:
            response.read()
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def guesser(url: str, who, stop_at: float, answers: dict, lock: threading.Lock) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(f"{url}/admin/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    for n in itertools.count():
        if time.monotonic() >= stop_at:
            return
        username, address = next(who)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": f"guess {n}"})
        headers = {"X-Forwarded-For": address}
        request = urllib.request.Request(f"{url}/admin/login/", data=body.encode(), headers=headers)
        try:
            status = opener.open(request, timeout=60).status
        except urllib.error.HTTPError as error:
            status = error.code
        with lock:
            answers[status] = answers.get(status, 0) + 1


def flood(url: str, args, who) -> tuple[list[float], dict]:
    answers, lock = {}, threading.Lock()
    stop_at = time.monotonic() + args.seconds + 2
    threads = [threading.Thread(target=guesser, args=(url, who, stop_at, answers, lock)) for _ in range(args.guessers)]
    for thread in threads:
        thread.start()
    time.sleep(2)  # the guessers are at it
    latencies = reader(url, args.seconds)
    for thread in threads:
        thread.join()
    return latencies, answers


def describe(name: str, latencies: list[float], answers: dict | None = None) -> str:
    cuts = statistics.quantiles(latencies, n=100)
    line = f"| {name} | {cuts[49]:.0f} ms | {cuts[98]:.0f} ms | {len(latencies)} |"
    if answers is not None:
        line += " " + ", ".join(f"{count} × {status}" for status, count in sorted(answers.items())) + " |"
    else:
        line += " — |"
    return line


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--guessers", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--no-throttle", action="store_true", help="Limits and hashing cap out of reach: as before.")
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="newsdesk-signin-")
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env |= {"NEWSDESK_DATA_DIR": data, "PAGE_CACHE": "0", "BEHIND_PROXY": "1", "COOKIE_SECURE": "0"}
    if args.no_throttle:
        env |= {
            "STAFF_SIGNIN_ACCOUNT_ADDRESS_LIMIT": "1000000",
            "STAFF_SIGNIN_ADDRESS_LIMIT": "1000000",
            "STAFF_SIGNIN_ACCOUNT_SLOW_AFTER": "1000000",
            "STAFF_SIGNIN_HASHING_SLOTS": "1000",
        }
    for command in (["migrate", "-v0"], ["load_demo", "--generated", "20", "--no-stream"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    server, url = app_server(env, workers=args.workers)
    try:
        reader(url, 2)  # warm every worker
        rows = [describe("reader alone", reader(url, args.seconds))]
        one = itertools.repeat(("editor", "198.18.0.1"))
        rows.append(describe(f"{args.guessers} guessers at the editor, one address", *flood(url, args, one)))
        # The worst case: a new name from a new address every time, so that no count ever
        # trips and every attempt would hash (a name no account has is hashed all the same).
        many = ((f"name{n}", f"198.18.{n // 250}.{n % 250 + 1}") for n in itertools.count(1000))
        rows.append(describe(f"{args.guessers} guessers, new name and address each time", *flood(url, args, many)))
    finally:
        stop(server)
    rules = "no throttle, no hashing cap" if args.no_throttle else "throttle and hashing cap as configured"
    print(f"granian, {args.workers} workers, {os.cpu_count()} cores, {args.seconds:g} s each, uncached home; {rules}")
    print("| while | reader p50 | reader p99 | reader requests | guessers' answers |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
