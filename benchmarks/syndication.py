"""Feeds and sitemaps on a cache miss: a million articles against ten thousand.

    make bench-data                       # once: a million articles in var/bench
    .venv/bin/python benchmarks/syndication.py [--requests 200]

Measures in-process (no network, no page cache) the edition's RSS and Atom feeds, a
section's feed, the sitemap index, a month's sitemap and the news sitemap, on the archive
of `make bench-data` (NEWSDESK_DATA_DIR, var/bench) and on one of 10,000 articles that it
builds itself in a throwaway folder at the same density (the same stories a day, so a
month, the last 48 hours and the latest 50 hold as many stories in both: what must not
grow is the cost of the archive behind them). Prints the median and p99 of each, its
queries, and the ratio of the medians; figures go to docs/performance.md.
"""

import argparse
import json
import os
import platform
import sys

from common import ROOT, measure_both_archives


def measure(requests: int) -> dict:
    """Run inside a process set up for one archive: {name: (median ms, p99 ms, queries)}."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    os.environ["PAGE_CACHE"] = "0"
    import django

    django.setup()
    import statistics
    import time

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from newsdesk.content.models import Article
    from newsdesk.siteconfig.selectors import site_settings

    newest = Article.objects.visible().filter(language="en").order_by("-published_at").first()
    if newest is None:
        sys.exit("No articles in this archive.")
    # The last whole month: as full in both archives.
    local = timezone.localtime(newest.published_at, site_settings().zone)
    year, month = (local.year, local.month - 1) if local.month > 1 else (local.year - 1, 12)
    pages = {
        "RSS, edition": "/en/rss.xml",
        "Atom, edition": "/en/atom.xml",
        "RSS, section": f"/en/section/{newest.section.slug}/rss.xml",
        "sitemap index": "/sitemap.xml",
        "sitemap, a month": f"/en/sitemap-{year:04d}-{month:02d}.xml",
        "news sitemap": "/en/sitemap-news.xml",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for name, path in pages.items():
        for _ in range(5):  # warm the database's pages and the templates
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert "X-Page-Cache" not in response, f"{path} came from the page cache"
        timings.sort()
        results[name] = {
            "path": path,
            "median": statistics.median(timings),
            "p99": timings[max(0, int(len(timings) * 0.99) - 1)],
            "queries": len(queries),
            "bytes": len(response.content),
        }
    results["_archive"] = {"articles": Article.objects.count(), "vendor": connection.vendor}
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.requests)))
        return
    small, big = measure_both_archives(__file__, args.requests)
    print(
        f"{platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · {big['_archive']['vendor']}: "
        f"{big['_archive']['articles']:,} articles against {small['_archive']['articles']:,}"
    )
    print(f"{'':<18} {'median ms':>19} {'p99 ms':>15} {'queries':>9} {'KB':>13} {'ratio':>6}")
    print(f"{'':<18} {'1M':>9} {'10k':>9} {'1M':>7} {'10k':>7} {'1M':>4} {'10k':>4} {'1M':>6} {'10k':>6}")
    for name, row in big.items():
        if name.startswith("_"):
            continue
        other = small[name]
        print(
            f"{name:<18} {row['median']:>9.2f} {other['median']:>9.2f} {row['p99']:>7.1f} {other['p99']:>7.1f} "
            f"{row['queries']:>4} {other['queries']:>4} {row['bytes'] / 1024:>6.0f} {other['bytes'] / 1024:>6.0f} "
            f"{row['median'] / other['median']:>6.2f}"
        )


if __name__ == "__main__":
    main()
