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

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from newsdesk.content.models import Article  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))


def measure(client: Client, paths: list[str]) -> tuple[float, float, int]:
    """Median and p99 ms over REQUESTS requests cycling through `paths`, and one's queries."""
    for n in range(20):  # warm templates, caches and the database's pages
        assert client.get(paths[n % len(paths)]).status_code == 200, paths[n % len(paths)]
    timings = []
    for n in range(REQUESTS):
        path = paths[n % len(paths)]
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(paths[0])
    assert "X-Page-Cache" not in response, f"{paths[0]} came from the page cache"
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.99) - 1], len(queries)


def main() -> None:
    article = Article.objects.visible().filter(language="en").order_by("-published_at").first()
    if article is None:
        sys.exit("No articles: run `make demo` (or manage.py load_demo) first.")
    day = article.published_at
    # A crawler's misses: a different story each time, so nothing kept per story helps.
    stories = Article.objects.visible().filter(language="en").order_by("-published_at", "-id")[:REQUESTS]
    pages = {
        "home": ["/en/"],
        "article": [article.get_absolute_url()],
        "article, each different": [a.get_absolute_url() for a in stories],
        "section": [f"/en/section/{article.section.slug}/"],
        "home, page 2": [],
        "day archive": [f"/en/{day:%Y/%m/%d}/"],
    }
    client = Client(HTTP_HOST="127.0.0.1")
    html = client.get("/en/").content.decode()
    marker = "?before="
    pages["home, page 2"] = ["/en/" + html[html.index(marker) :].split('"')[0] if marker in html else "/en/"]
    print(
        f"{platform.node()} · {platform.processor() or platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()} · {connection.vendor} · {Article.objects.count()} articles"
    )
    print(f"{'page':<24} {'median ms':>10} {'p99 ms':>8} {'queries':>8}", flush=True)
    for name, paths in pages.items():
        median, p99, queries = measure(client, paths)
        print(f"{name:<24} {median:>10.2f} {p99:>8.2f} {queries:>8}", flush=True)
    back_office(article)


def back_office(article: Article) -> None:
    """The desk's article list, as a chief editor sees it; the account is rolled back."""
    from django.contrib.auth.models import User

    from newsdesk.accounts import otp
    from newsdesk.accounts.services import two_factor_confirm, two_factor_start

    desk = "/admin/content/article/"
    pages = {
        "desk: all stories": [desk],
        "desk: published, English": [f"{desk}?language__exact=en&status__exact=published"],
        "desk: one section": [f"{desk}?section__id__exact={article.section_id}"],
        "desk: page 2": [f"{desk}?p=2"],
        "desk: title search": [f"{desk}?q={article.title.split()[0]}"],
    }
    with transaction.atomic():
        client = Client(HTTP_HOST="127.0.0.1")
        chief = User.objects.create_superuser("bench-chief", password=None)
        # The back office lets superusers in only once they have two-factor sign-in.
        secret = two_factor_start(user=chief)
        two_factor_confirm(user=chief, code=otp.code_at(secret, otp.current_step()))
        client.force_login(chief)
        for name, paths in pages.items():
            median, p99, queries = measure(client, paths)
            print(f"{name:<24} {median:>10.2f} {p99:>8.2f} {queries:>8}", flush=True)
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
