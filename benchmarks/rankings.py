"""Most viewed at scale: 1,000,000 articles and 100,000,000 stored views (SQLite).

    .venv/bin/python benchmarks/rankings.py [--articles 1000000] [--views 100000000]

Builds a throwaway database in a temporary folder (a few minutes), then measures
1. the worker's recomputation of every edition's rankings, and
2. what a page pays to read them: the ids (cache hit, and cache miss reading the
   `Ranking` rows), the teasers, and the counts, which are the only parts of a page
   that the archive's size could touch.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
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
from django.db import connection, transaction  # noqa: E402

from newsdesk.audience.rankings import rankings_compute, rankings_read  # noqa: E402
from newsdesk.audience.selectors import attach_counts, most_viewed  # noqa: E402


def build(articles: int, views: int) -> None:
    call_command("migrate", verbosity=0)
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    rng = random.Random(1)
    when = connection.ops.adapt_datetimefield_value
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO content_section (slug, name_en, name_ru, name_kk, position, is_in_menu) "
            "VALUES (%s, %s, '', '', 0, 1)",
            [(f"s{n}", f"Section {n}") for n in range(7)],
        )
        section_ids = [row[0] for row in cursor.execute("SELECT id FROM content_section").fetchall()]
        started = time.monotonic()
        batch = []
        ten_years = 10 * 365 * 24 * 3600
        for n in range(1, articles + 1):
            published = now - timedelta(seconds=int(ten_years * (n / articles) ** 3))
            batch.append(
                (n, ("en", "ru", "kk")[n % 3], uuid.uuid4().hex, f"Story number {n}", f"story-{n}",
                 section_ids[n % 7], when(published), when(published), when(published))
            )  # fmt: skip
            if len(batch) == 50_000:
                _insert_articles(cursor, batch)
                batch = []
                print(f"\r{n:,} articles ({time.monotonic() - started:.0f} s)", end="", flush=True)
        _insert_articles(cursor, batch)
        # Views: a long tail over the archive, and the last 30 days' hours for recent stories.
        weights = [1 / (rank**0.9) for rank in range(1, articles + 1)]
        scale = views / sum(weights)
        cursor.executemany(
            "INSERT INTO audience_viewtotal (article_id, views) VALUES (%s, %s)",
            [(n, max(1, int(weights[n - 1] * scale))) for n in range(1, articles + 1)],
        )
        hours = []
        for n in range(1, 20_001):
            for _ in range(24):
                hour = now - timedelta(hours=rng.randrange(24 * 30))
                hours.append((n, when(hour), rng.randrange(1, 500)))
        cursor.executemany(
            "INSERT INTO audience_viewhour (article_id, hour, views) VALUES (%s, %s, %s) "
            "ON CONFLICT (article_id, hour) DO UPDATE SET views = audience_viewhour.views + excluded.views",
            hours,
        )
    stored = connection.cursor().execute("SELECT SUM(views) FROM audience_viewtotal").fetchone()[0]
    print(f"\rbuilt: {articles:,} articles, {stored:,} stored views, {len(hours):,} hourly rows")


def _insert_articles(cursor, rows) -> None:
    cursor.executemany(
        "INSERT INTO content_article (id, language, translation_group, status, title, slug, lead, body, "
        "section_id, is_breaking, published_at, version, created_at, updated_at) "
        "VALUES (%s, %s, %s, 'published', %s, %s, '', '<p>Text.</p>', %s, 0, %s, 1, %s, %s)",
        rows,
    )


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
