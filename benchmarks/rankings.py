"""Most viewed at scale: 1,000,000 articles and 100,000,000 stored views (SQLite).

    .venv/bin/python benchmarks/rankings.py [--articles 1000000] [--views 100000000]

Builds a throwaway database in a temporary folder with `bench_data` (about three
minutes for a million articles), then measures
1. the worker's recomputation of every edition's rankings, and
2. what a page pays to read them: the ids (cache hit, and cache miss reading the
   `Ranking` rows), the teasers, and the counts, which are the only parts of a page
   that the archive's size could touch.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["NEWSDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="newsdesk-rankings-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402

from newsdesk.audience.rankings import rankings_compute, rankings_read  # noqa: E402
from newsdesk.audience.selectors import attach_counts, most_viewed  # noqa: E402


def build(articles: int, views: int) -> None:
    """The same archive as `make bench-data`, in a throwaway database."""
    call_command("migrate", verbosity=0)
    call_command("bench_data", articles=articles, views=views)


def timed(function, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--views", type=int, default=100_000_000)
    args = parser.parse_args()
    build(args.articles, args.views)

    started = time.perf_counter()
    rankings_compute()
    print(f"worker: recomputing all rankings took {(time.perf_counter() - started) * 1000:.0f} ms")

    def page_read():
        lists = most_viewed(language="en", limit=5)
        attach_counts([article for ranked in lists.values() for article in ranked])

    def ids_from_rows():
        cache.clear()
        rankings_read(language="en")

    page_read()
    print(f"page: ranking ids, cache hit          {timed(lambda: rankings_read(language='en'), 2000):.3f} ms")
    print(f"page: ranking ids, cache miss (rows)  {timed(ids_from_rows, 500):.3f} ms")
    print(f"page: ids + 15 teasers + counts       {timed(page_read, 1000):.3f} ms")


if __name__ == "__main__":
    main()
