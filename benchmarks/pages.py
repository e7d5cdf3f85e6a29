"""Time the public pages in-process against the demo edition (no network, no page cache).

    make bench            # loads the demo edition if the database is empty, then runs this

Prints, per page, the median and 99th percentile of the time Django takes to answer,
and the number of SQL queries. Figures go to docs/performance.md with machine and date.
"""

import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
# Misses are what this measures: a page-cache hit never reaches the views.
os.environ.setdefault("PAGE_CACHE", "0")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from newsdesk.content.models import Article  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))


def measure(client: Client, path: str) -> tuple[float, float, int]:
    for _ in range(20):  # warm templates, caches and the database's pages
        assert client.get(path).status_code == 200, path
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert "X-Page-Cache" not in response, f"{path} came from the page cache"
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.99) - 1], len(queries)


def main() -> None:
    article = Article.objects.visible().filter(language="en").order_by("-published_at").first()
    if article is None:
        sys.exit("No articles: run `make demo` (or manage.py load_demo) first.")
    day = article.published_at
    pages = {
        "home": "/en/",
        "article": article.get_absolute_url(),
        "section": f"/en/section/{article.section.slug}/",
        "home, page 2": None,
        "day archive": f"/en/{day:%Y/%m/%d}/",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    html = client.get("/en/").content.decode()
    marker = "?before="
    pages["home, page 2"] = "/en/" + html[html.index(marker) :].split('"')[0] if marker in html else "/en/"
    print(
        f"{platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · {connection.vendor} · {Article.objects.count()} articles"
    )
    print(f"{'page':<14} {'median ms':>10} {'p99 ms':>8} {'queries':>8}", flush=True)
    for name, path in pages.items():
        median, p99, queries = measure(client, path)
        print(f"{name:<14} {median:>10.2f} {p99:>8.2f} {queries:>8}")


if __name__ == "__main__":
    main()
