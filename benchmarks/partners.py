"""The partner API at a million articles against ten thousand: the item list and the change feed.

    make bench-data                       # once: a million articles in var/bench
    .venv/bin/python benchmarks/partners.py [--requests 300]

Measures in-process (no network) what a partner's poll costs with a valid key, the key's
lookup and the rate-limit check included (in Redis with REDIS_URL, else the database):
the latest items of an edition, a page further down, the change feed's newest page, a
page from the middle of the feed, and one item. On the archive of `make bench-data`
(NEWSDESK_DATA_DIR, var/bench, or DATABASE_URL) and on one of 10,000 articles that it
builds itself in a throwaway folder. Prints the median and p99 of each, requests a second
of one process, its queries, and the ratio of the medians; figures go to docs/performance.md.
"""

import argparse
import json
import os
import platform
import sys

from common import ROOT, measure_both_archives


def measure(requests: int) -> dict:
    """Run inside a process set up for one archive: {name: figures}."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    import django

    django.setup()
    import statistics
    import time

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from newsdesk.partners.keys import partner_key_create
    from newsdesk.partners.models import ItemVersion, Partner

    partner = Partner.objects.create(
        name="Benchmark", editions=["en", "ru", "kk", "kk-latn"], requests_per_minute=10_000_000
    )
    key = partner_key_create(partner=partner, label="bench", by=None)[1]
    try:
        newest = ItemVersion.objects.order_by("-pk").values_list("pk", flat=True).first()
        if newest is None:
            sys.exit("No item versions in this archive: bench_data writes them.")
        count = ItemVersion.objects.count()
        middle = ItemVersion.objects.order_by("pk").values_list("pk", flat=True)[count // 2]
        one = ItemVersion.objects.filter(language="en").order_by("-pk").values_list("article_id", flat=True).first()
        client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {key}")
        second_page = client.get("/api/v1/items", {"edition": "en"}).json()["next_cursor"]
        calls = {
            "items, latest 20": ("/api/v1/items", {"edition": "en"}),
            "items, 2nd page": ("/api/v1/items", {"edition": "en", "cursor": second_page}),
            "changes, newest 100": ("/api/v1/changes", {"updated_after": str(newest - 100)}),
            "changes, from middle": ("/api/v1/changes", {"updated_after": str(middle)}),
            "one item": (f"/api/v1/items/{one}", {}),
        }
        results = {}
        for name, (path, params) in calls.items():
            for _ in range(5):  # warm the database's pages
                response = client.get(path, params)
                assert response.status_code == 200, (path, response.status_code, response.content[:300])
            timings = []
            for _ in range(requests):
                started = time.perf_counter()
                client.get(path, params)
                timings.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path, params)
            timings.sort()
            results[name] = {
                "median": statistics.median(timings),
                "p99": timings[max(0, int(len(timings) * 0.99) - 1)],
                "per_second": 1000 / statistics.mean(timings),
                "queries": len(queries),
                "bytes": len(response.content),
            }
        results["_archive"] = {
            "versions": count,
            "vendor": connection.vendor,
            "redis": bool(os.environ.get("REDIS_URL")),
        }
        return results
    finally:
        partner.delete()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.requests)))
        return
    small, big = measure_both_archives(__file__, args.requests)
    archive = big["_archive"]
    print(
        f"{platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · {archive['vendor']}, rate limit in "
        f"{'Redis' if archive['redis'] else 'the database'}: "
        f"{archive['versions']:,} item versions against {small['_archive']['versions']:,}"
    )
    print(f"{'':<21} {'median ms':>17} {'p99 ms':>15} {'req/s':>13} {'queries':>9} {'KB':>6} {'ratio':>6}")
    print(f"{'':<21} {'1M':>8} {'10k':>8} {'1M':>7} {'10k':>7} {'1M':>6} {'10k':>6} {'1M':>4} {'10k':>4} {'1M':>6}")
    for name, row in big.items():
        if name.startswith("_"):
            continue
        other = small[name]
        print(
            f"{name:<21} {row['median']:>8.2f} {other['median']:>8.2f} {row['p99']:>7.1f} {other['p99']:>7.1f} "
            f"{row['per_second']:>6.0f} {other['per_second']:>6.0f} {row['queries']:>4} {other['queries']:>4} "
            f"{row['bytes'] / 1024:>6.0f} {row['median'] / other['median']:>6.2f}"
        )


if __name__ == "__main__":
    main()
