import itertools
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from newsdesk.audience.services import views_add
from newsdesk.content import services as content_services
from tests.conftest import jpeg_bytes

ALMATY = ZoneInfo("Asia/Almaty")


def test_home_lists_the_latest_with_time_views_title_and_photo(client, story, make_article):
    make_article("An older story", at=datetime(2025, 12, 11, 12, 55, tzinfo=ALMATY))
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    first = html.index(story.title)
    assert first < html.index("An older story")
    assert "11.12.2025, 20:30" in html and 'datetime="2025-12-11T20:30+05:00"' in html
    assert ">14,706<" in html
    assert f"/media/renditions/{story.photo.pk}/320.avif 320w" in html and "<picture>" in html


def test_article_page_has_every_element_of_the_reference_page_in_order(client, story, make_article):
    earlier = make_article("Prospects Discussed in Istanbul", at=datetime(2025, 12, 11, 13, 57, tzinfo=ALMATY))
    views_add(article_id=earlier.pk, views=15106, zone=ALMATY)
    html = client.get(story.get_absolute_url()).content.decode()
    html = html[html.index("<body") :]  # the head repeats some of it (structured data, previews)
    markers = [
        "11.12.2025, 20:30",  # date and time
        ">14,706<",  # views
        f'<h1 class="story-title">{story.title}</h1>',
        'alt="The meeting"',  # photo
        "Photo: gov.kz",  # its credit line
        "Tell a friend",
        "First Deputy Minister met WHO.",  # body
        'Source: <a href="https://qazinform.com"',  # source attribution
        "may not be reproduced without reference to Kazakhstan Today",  # reprint notice
        "Relevant news",
        "Prospects Discussed in Istanbul",
        "Internet TV",
        "Kazakhstan Today Live",
        'id="most-viewed-heading">Most viewed',  # the block (the menu links to its page)
    ]
    positions = [html.find(marker) for marker in markers]
    missing = [m for m, p in zip(markers, positions, strict=True) if p < 0]
    assert not missing
    assert positions == sorted(positions), "elements are out of the reference page's order"


def test_share_links_are_plain_links_to_the_regions_networks(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    share = html[html.index('class="share"') : html.index("story-body")]
    for start in ("mailto:?", "https://wa.me/?", "https://t.me/share/url?", "https://vk.com/share.php?"):
        assert f'href="{start}' in share
    assert "https%3A%2F%2Fnews.example.kz%2Fen%2Fnews%2F" in share
    # Nothing from another host is loaded: no scripts, frames or images from elsewhere.
    assert not re.search(r'<(script|iframe|img)[^>]+src="https?://', html)


def test_most_viewed_blocks_show_day_week_and_month(client, story):
    html = client.get("/en/").content.decode()
    block = html[html.index('id="most-viewed-heading"') :]
    for label in ("Day", "Week", "Month"):
        assert f"<h3>{label}</h3>" in block
    assert block.count(story.title) == 3


def test_live_block_is_hidden_without_a_stream(client, story, agency):
    agency.live_stream_url = ""
    agency.save()
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Internet TV" not in html
    assert client.get("/en/live/").status_code == 404


def test_live_page_plays_the_stream_and_allows_only_its_host(client, agency):
    response = client.get("/en/live/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-src="https://stream.example.kz/live/index.m3u8"' in html and "<video" in html
    csp = response.headers["Content-Security-Policy"]
    assert "media-src 'self' blob: https://stream.example.kz" in csp
    assert "connect-src 'self' https://stream.example.kz" in csp
    assert "script-src 'self';" in csp


def test_a_wrong_or_missing_slug_redirects_permanently_to_the_canonical_url(client, story):
    canonical = story.get_absolute_url()
    for wrong in (f"/en/news/{story.pk}/", f"/en/news/{story.pk}-old-title/", f"/ru/news/{story.pk}-x/"):
        response = client.get(wrong)
        assert response.status_code == 301 and response["Location"] == canonical


def main(response) -> str:
    """The page's own content, without the header and the sidebar's rankings."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_section_tag_and_day_pages(client, story):
    assert story.title in main(client.get("/en/section/politics/"))
    assert story.title in main(client.get("/en/tag/who/"))
    day = client.get("/en/2025/12/11/")
    assert day.status_code == 200 and story.title in main(day)
    assert story.title not in main(client.get("/en/2025/12/10/"))


def test_withdrawn_story_says_so_with_410(client, story):
    from newsdesk.newsroom import services

    services.article_withdraw(article=story, by=None)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 410
    assert "This story was withdrawn" in response.content.decode()
    assert story.title not in main(client.get("/en/"))


def test_scheduled_story_appears_at_its_minute(client, make_article, agency):
    at = timezone.now() + timedelta(minutes=5)
    article = make_article("Scheduled statement", at=at)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Scheduled statement" not in main(client.get("/en/"))
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(seconds=1)):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Scheduled statement" in client.get("/en/").content.decode()


def test_pages_have_the_editions_in_their_urls(client, story):
    html = client.get("/en/").content.decode()
    for code in ("en", "ru", "kk"):
        assert f'href="/{code}/"' in html
    assert client.get("/ru/").status_code == 200
    assert client.get("/kk/").status_code == 200
    assert client.get("/de/").status_code == 404


def test_root_redirects_to_an_edition(client, db):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/en/"


def test_robots_txt(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.content.decode()


def test_pages_have_few_queries_and_no_n_plus_one(client, story, make_article, django_assert_num_queries):
    """Exact counts, warm caches: one more is an N+1 or a lost cache; one less, update the docs."""
    from newsdesk.audience import redis_counter

    for n in range(15):
        make_article(f"Story {n}", at=timezone.now() - timedelta(hours=n + 1))
    day = timezone.localtime(story.published_at, ZoneInfo("Asia/Almaty"))
    counts = 0 if redis_counter.enabled() else 1  # every count on the page: one read, Redis or database
    for path, queries in [
        # The pinned stories, the feed, the section's block (menu, Most viewed and the banner are kept).
        ("/en/", 3 + counts),
        ("/en/?before=1765467000000000.1", 1 + counts),
        # The article, its kept parts (tags, bylines and corrections are in them), the
        # section's previous stories (the next story, and relevant news's filling), relevant
        # news (the ids kept at publication, their teasers), translations.
        (story.get_absolute_url(), 5 + counts),
        ("/en/section/politics/", 2 + counts),  # the section, the feed
        ("/en/tag/who/", 2 + counts),
        (f"/en/{day:%Y/%m/%d}/", 3 + counts),  # the feed, the neighbouring days
    ]:
        client.get(path)  # warm the caches of settings, menu and rankings
        with django_assert_num_queries(queries):
            assert client.get(path).status_code == 200, path


def test_a_replaced_photo_shows_in_its_teasers_at_once(client, make_article, make_photo):
    photo = make_photo()
    make_article("A story with a photo", photo=photo)
    assert 'width="640" height="360"' in client.get("/en/").content.decode()
    photo.file = ContentFile(jpeg_bytes((800, 600)), name="replaced.jpg")
    content_services.photo_save(photo=photo, by=None, file_changed=True)
    html = client.get("/en/").content.decode()  # the teaser kept from the first page is not it
    assert 'width="800" height="600"' in html and photo.renditions[0]["name"] in html


@pytest.mark.parametrize(("edition", "shown"), [("en", "14,706"), ("ru", "14\xa0706"), ("kk", "14\xa0706")])
def test_view_counts_are_grouped_as_each_edition_writes_them(client, story, make_article, edition, shown):
    """On teasers (kept rendered, the count filled in per page), Most viewed and the article,
    and the page's script is told the same separator for the count the beacon brings."""
    if edition != "en":
        story = make_article("Жаңалық", language=edition)
        views_add(article_id=story.pk, views=14706, zone=ALMATY)
    for _twice in range(2):  # the second time from the kept teasers
        html = client.get(f"/{edition}/").content.decode()
        assert html.count(f'<span data-views-for="{story.pk}">{shown}</span>') == 4  # feed, Most viewed ×3
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'<span data-views-for="{story.pk}">{shown}</span>' in html
    assert f'data-thousands="{shown[2]}"' in html


@pytest.mark.parametrize("path", ["/en/section/politics/", "/en/tag/who/", "day", "/ru/section/politics/"])
def test_listings_outline_goes_from_h1_to_h2_to_h3_without_a_jump(client, story, make_article, path):
    """Teasers' titles are h3; a listing's heading is h1; an h2 between them (axe and the
    HTML checker flag a jump from h1 to h3)."""
    make_article("Жаңа оқиға", language="ru")
    if path == "day":
        day = timezone.localtime(story.published_at, ZoneInfo("Asia/Almaty"))
        path = f"/en/{day:%Y/%m/%d}/"
    html = client.get(path).content.decode()
    main = html[html.index('<main id="main"') : html.index("</main>")]
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]
    assert levels[0] == 1 and 3 in levels, levels
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, (path, levels)
