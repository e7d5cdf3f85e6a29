"""The month and year archives: calendars whose days with stories link to their day pages."""

import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from newsdesk.newsroom import services as workflow
from newsdesk.syndication.archive_pages import archive_paths_showing
from tests.conftest import ALMATY, SITE
from tests.public.heads import read
from tests.public.test_lookup_views import _main, assert_no_heading_jumps

EDITIONS = ("en", "ru", "kk", "kk-latn")
LANGUAGE = {"en": "en", "ru": "ru", "kk": "kk", "kk-latn": "kk"}


def _day_links(html: str) -> list[str]:
    return re.findall(r'<td><a href="([^"]+)"', html)


@pytest.fixture
def december(make_article, agency, announced):
    """Two stories on the 11th, one on the 3rd, one in November and one in 2024 (Almaty days)."""
    at = lambda *args: datetime(*args, tzinfo=ALMATY)  # noqa: E731
    for title, moment in [
        ("Late on the 11th", at(2025, 12, 11, 23, 50)),  # the 11th in Almaty, the 11th in UTC too
        ("Early on the 11th", at(2025, 12, 11, 0, 10)),  # the 10th in UTC
        ("On the 3rd", at(2025, 12, 3, 12, 0)),
        ("In November", at(2025, 11, 20, 12, 0)),
        ("A year before", at(2024, 6, 1, 12, 0)),
    ]:
        announced(make_article, title, at=moment)


def test_a_months_calendar_links_the_days_with_stories(client, december):
    response = client.get("/en/2025/12/")
    assert response.status_code == 200
    main = _main(response)
    assert '<h1 class="page-heading" id="archive-heading">December 2025</h1>' in main
    assert _day_links(main) == ["/en/2025/12/03/", "/en/2025/12/11/"]
    assert 'aria-label="11 December 2025: 2 stories"' in main and 'aria-label="3 December 2025: 1 story"' in main
    assert '<abbr title="Monday">Mon</abbr>' in main
    # 1 December 2025 is a Monday: the first row starts with it.
    assert re.search(r"<tbody>\s*<tr><td><span class=\"no-news\">1</span>", main)
    assert 'rel="prev" href="/en/2025/11/"' in main and 'rel="next"' not in main
    assert 'href="/en/2025/">Archive of 2025</a>' in main
    assert_no_heading_jumps(response.content.decode())
    sidebar = response.content.decode().split('id="most-viewed-heading"')[1]
    assert "<h3>Day</h3>" in sidebar  # the sidebar as on every listing


def test_the_months_neighbours_skip_the_empty_months(client, december):
    main = _main(client.get("/en/2025/11/"))
    assert 'rel="prev" href="/en/2024/06/"' in main and 'rel="next" href="/en/2025/12/"' in main
    assert _day_links(main) == ["/en/2025/11/20/"]


def test_a_years_calendars_link_each_month_and_day(client, december):
    response = client.get("/en/2025/")
    main = _main(response)
    assert '<h1 class="page-heading">Archive of 2025</h1>' in main
    assert re.findall(r"<h2 [^>]*>(.*?)</h2>", main)[-2:] == [
        '<a href="/en/2025/11/">November</a>',
        '<a href="/en/2025/12/">December</a>',
    ]
    assert '<h2 id="month-1">January</h2>' in main  # no news: no link
    assert _day_links(main) == ["/en/2025/11/20/", "/en/2025/12/03/", "/en/2025/12/11/"]
    assert 'rel="prev" href="/en/2024/">Archive of 2024</a>' in main
    assert_no_heading_jumps(response.content.decode())


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_archive_answers_in_every_edition_in_its_language(client, make_article, agency, announced, edition):
    announced(make_article, "Жаңалық", language=LANGUAGE[edition], at=datetime(2025, 12, 11, 12, tzinfo=ALMATY))
    for path in (f"/{edition}/2025/12/", f"/{edition}/2025/"):
        response = client.get(path)
        assert response.status_code == 200, path
        page = read(response)
        assert page.rel("canonical")[0]["href"] == SITE + path
        hreflangs = {link["hreflang"] for link in page.rel("alternate") if "hreflang" in link}
        assert hreflangs == {"en", "ru", "kk", "kk-Latn", "x-default"}
        assert _day_links(_main(response)) == [f"/{edition}/2025/12/11/"], path
    headings = {
        "ru": ("Декабрь 2025 г.", "Пн"),
        "kk": ("2025 жылғы желтоқсан", "Дс"),
        "kk-latn": ("2025 jylğy jeltoqsan", "Ds"),
    }
    if edition in headings:
        heading, monday = headings[edition]
        main = _main(client.get(f"/{edition}/2025/12/"))
        assert f">{heading}</h1>" in main and f">{monday}</abbr>" in main


def test_nonsense_dates_are_404s(client, agency):
    tomorrow = timezone.localdate(timezone=ALMATY) + timedelta(days=1)
    assert client.get(f"/en/{tomorrow:%Y}/{tomorrow:%m}/").status_code == 200
    for path in ["/en/2025/00/", "/en/2025/13/", "/en/1899/", "/en/1899/12/", f"/en/{tomorrow.year + 1}/", "/xx/2025/"]:
        assert client.get(path).status_code == 404, path
    assert client.get("/en/9999/12/").status_code == 404
    assert client.get("/en/2025/12/?page=abc").status_code == 200


def test_an_articles_date_links_to_its_day_and_the_day_to_its_month(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<a class="day-link" href="/en/2025/12/11/"><time datetime="2025-12-11T20:30+05:00">' in html
    assert 'href="/en/2025/12/">' in client.get("/en/2025/12/11/").content.decode()


def test_a_story_changes_its_month_and_year_pages_in_each_edition(make_article, agency):
    story = make_article("Тест", language="kk", at=datetime(2025, 12, 31, 23, 30, tzinfo=ALMATY))  # 2025 there
    assert archive_paths_showing(story) == ["/kk/2025/12/", "/kk/2025/", "/kk-latn/2025/12/", "/kk-latn/2025/"]


@pytest.fixture
def cached(settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True, "PAGE_MEMO_SECONDS": 0}


def test_a_published_story_shows_in_the_cached_calendar_at_once(
    client, make_article, agency, cached, django_capture_on_commit_callbacks
):
    day = timezone.localdate(timezone=ALMATY)
    month, year = f"/en/{day:%Y}/{day:%m}/", f"/en/{day:%Y}/"
    for path in (month, year):
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit"
    draft = make_article("Fresh news", ago=None)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_publish(article=draft, by=None)
    for path in (month, year):
        response = client.get(path)
        assert "X-Page-Cache" not in response, path
        assert f"/en/{day:%Y}/{day:%m}/{day:%d}/" in _day_links(_main(response)), path
