"""What every public page says about itself in <head>: one canonical address, a
description, its link preview (Open Graph, the Twitter card) and its feeds."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from newsdesk.content.models import Article, Author, Byline, Tag
from newsdesk.newsroom import services
from tests.conftest import SITE, jpeg_bytes
from tests.editions.test_editions import CYRILLIC
from tests.public.heads import read

ALMATY = ZoneInfo("Asia/Almaty")
DEFAULT_IMAGE = f"{SITE}/static/newsdesk/share-default.png"


@pytest.fixture
def pages(story, agency):
    """Every kind of public page, by the path it is asked at and its own canonical path."""
    author = Author.objects.create(name="Aigerim Sultan", biography_en="Covers health in Central Asia.")
    Byline.objects.create(article=story, author=author)
    return {
        "home": "/en/",
        "section": "/en/section/politics/",
        "tag": "/en/tag/who/",
        "day": "/en/2025/12/11/",
        "article": story.get_absolute_url(),
        "author": "/en/author/aigerim-sultan/",
        "live": "/en/live/",
        "most viewed": "/en/most-viewed/",
        "corrections": "/en/corrections/",
        "month": "/en/2025/12/",
        "year": "/en/2025/",
    }


KINDS = ["home", "section", "tag", "day", "article", "author", "live", "most viewed", "corrections", "month", "year"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_public_page_has_one_absolute_self_referencing_canonical_link(client, pages, kind):
    path = pages[kind]
    page = read(client.get(path + "?utm_source=newsletter"))  # what a page is shared with is not its address
    [canonical] = page.rel("canonical")
    assert canonical["href"] == f"{SITE}{path}"
    assert page.one("og:url") == canonical["href"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_public_page_has_a_description_title_image_and_card(client, pages, kind):
    page = read(client.get(pages[kind]))
    description = page.one("description")
    assert description and page.one("og:description") == description == page.one("twitter:description")
    assert page.one("og:title") and page.one("og:title") == page.one("twitter:title")
    assert page.one("og:site_name") == "Kazakhstan Today"
    assert page.one("og:type") == {"article": "article", "author": "profile"}.get(kind, "website")
    assert page.one("og:image").startswith(f"{SITE}/") and page.one("twitter:image") == page.one("og:image")
    assert page.one("og:image:width") and page.one("og:image:height")
    assert page.one("twitter:card") == "summary_large_image"
    assert page.one("og:locale") == "en_US"
    assert page.meta("og:locale:alternate") == ["ru_RU", "kk_KZ"]


@pytest.mark.parametrize(
    ("path", "description"),
    [
        ("/en/", "The latest news from Kazakhstan Today."),
        ("/en/section/politics/", "Politics: the latest news from Kazakhstan Today."),
        ("/en/tag/who/", "News tagged WHO from Kazakhstan Today."),
        ("/en/2025/12/11/", "News of 11 December 2025 from Kazakhstan Today."),
        ("/en/author/aigerim-sultan/", "Covers health in Central Asia."),
        ("/en/live/", "Watch Kazakhstan Today live: the agency's internet TV."),
    ],
)
def test_descriptions_say_what_the_page_is(client, pages, path, description):
    assert read(client.get(path)).one("description") == description


def test_descriptions_in_the_pages_language(client, story, agency):
    agency.name_ru = "Казахстан сегодня"
    agency.save()
    page = read(client.get("/ru/section/politics/"))
    assert "Политика" in page.one("description") and "Казахстан сегодня" in page.one("description")
    assert page.one("og:locale") == "ru_RU" and page.meta("og:locale:alternate") == ["en_US", "kk_KZ"]


def test_an_author_without_a_biography_is_described_by_their_stories(client, story):
    Byline.objects.create(article=story, author=Author.objects.create(name="Dana Omar"))
    assert read(client.get("/en/author/dana-omar/")).one("description") == "Stories by Dana Omar from Kazakhstan Today."


def test_an_article_page_describes_the_story(client, story):
    Article.objects.filter(pk=story.pk).update(lead="The parties discussed health.")
    page = read(client.get(story.get_absolute_url()))
    assert page.one("description") == "The parties discussed health."
    assert page.one("og:title") == story.title
    assert page.one("article:published_time") == "2025-12-11T20:30:00+05:00"
    assert page.one("article:modified_time") == "2025-12-11T20:30:00+05:00"
    assert page.one("article:section") == "Politics"
    assert page.meta("article:tag") == ["WHO"]
    # Its photo, as a JPEG rendition, with its size and what it shows.
    jpeg = story.photo.renditions[-1]
    assert page.one("og:image") == f"{SITE}/media/{jpeg['name']}"
    assert (page.one("og:image:width"), page.one("og:image:height")) == ("640", "360")
    assert page.one("og:image:alt") == "The meeting" == page.one("twitter:image:alt")


def test_an_article_without_a_lead_is_described_by_its_title_and_tags_each_get_a_tag(client, make_article):
    tags = [Tag.objects.create(language="en", name=name, slug=name.lower()) for name in ("Health", "Astana")]
    article = make_article("A short note", lead="", tags=tags)
    page = read(client.get(article.get_absolute_url()))
    assert page.one("description") == "A short note"
    assert sorted(page.meta("article:tag")) == ["Astana", "Health"]


def test_a_photo_as_wide_as_previews_take_is_given_by_its_1200_pixel_rendition(client, make_article):
    photo = services_photo(jpeg_bytes((2400, 1260)))
    article = make_article("A wide photo", photo=photo)
    page = read(client.get(article.get_absolute_url()))
    assert page.one("og:image") == f"{SITE}/media/renditions/{photo.pk}/1280.jpg"
    assert (page.one("og:image:width"), page.one("og:image:height")) == ("1280", "672")


def services_photo(data: bytes):
    from newsdesk.content import services as content_services

    return content_services.photo_create(by=None, file=ContentFile(data, name="wide.jpg"), alt_text="Wide", credit="x")


@pytest.mark.parametrize("kind", ["home", "section", "tag", "day", "live"])
def test_pages_without_a_photo_show_the_bundled_share_image(client, pages, kind):
    page = read(client.get(pages[kind]))
    assert page.one("og:image") == DEFAULT_IMAGE
    assert (page.one("og:image:width"), page.one("og:image:height")) == ("1200", "630")
    assert client.get("/static/newsdesk/share-default.png").status_code == 200


def test_the_bundled_share_image_is_a_small_1200_by_630_png():
    from pathlib import Path

    from PIL import Image

    import newsdesk.public

    path = Path(newsdesk.public.__file__).parent / "static" / "newsdesk" / "share-default.png"
    with Image.open(path) as image:
        assert image.format == "PNG" and image.size == (1200, 630)
    assert path.stat().st_size < 20_000


def test_the_configured_share_image_when_there_is_one(client, pages, agency):
    agency.share_image = ContentFile(jpeg_bytes((1200, 630), "teal"), name="share.jpg")
    agency.save()
    for kind in ("home", "section", "author", "live"):
        page = read(client.get(pages[kind]))
        assert page.one("og:image") == f"{SITE}{agency.share_image.url}", kind
        assert (page.one("og:image:width"), page.one("og:image:height")) == ("1200", "630")
    # An article with a photo keeps its photo.
    assert "/media/renditions/" in read(client.get(pages["article"])).one("og:image")


def test_a_share_image_that_cannot_be_read_is_given_without_a_size(client, agency, db):
    agency.share_image = ContentFile(jpeg_bytes((1200, 630)), name="share.jpg")
    agency.save()
    agency.share_image.storage.delete(agency.share_image.name)
    page = read(client.get("/en/"))
    assert page.one("og:image") == f"{SITE}{agency.share_image.url}"
    assert page.meta("og:image:width") == [] and page.meta("og:image:height") == []


def test_a_page_further_back_in_a_feed_is_its_own_canonical(client, make_article, agency):
    for n in range(25):
        make_article(f"Story {n}", ago=timedelta(hours=n + 1))
    first = client.get("/en/")
    older = re.search(r'href="\?before=([0-9.]+)"', first.content.decode()).group(1)
    page = read(client.get(f"/en/?before={older}&utm_source=x"))
    [canonical] = page.rel("canonical")
    assert canonical["href"] == f"{SITE}/en/?before={older}"
    newer = read(client.get(f"/en/section/politics/?after={older}"))
    assert newer.rel("canonical")[0]["href"] == f"{SITE}/en/section/politics/?after={older}"


def test_the_withdrawn_story_page_is_its_own_address_but_says_only_that_it_was_withdrawn(client, story):
    services.article_withdraw(article=story, by=None)
    response = client.get(story.get_absolute_url())
    page = read(response)
    assert response.status_code == 410
    assert [link["href"] for link in page.rel("canonical")] == [f"{SITE}{story.get_absolute_url()}"]
    assert page.one("description") == "This story was withdrawn."
    assert page.one("robots") == "noindex"
    assert page.one("og:image") == DEFAULT_IMAGE and page.meta("article:published_time") == []


def test_error_pages_have_no_canonical_and_no_preview(client, db):
    for path in ("/en/no-such-page/", "/en/section/no-such-section/", "/en/author/nobody/"):
        page = read(client.get(path))
        assert page.rel("canonical") == [] and page.meta("og:title") == [] and page.meta("description") == []


def _feeds(page) -> list[tuple[str, str]]:
    return [(link["type"], link["href"]) for link in page.rel("alternate") if "type" in link]


EDITION_FEEDS = [("application/rss+xml", "/en/rss.xml"), ("application/atom+xml", "/en/atom.xml")]


@pytest.mark.parametrize(
    ("kind", "own"),
    [
        ("home", []),
        ("day", []),
        ("live", []),
        ("section", ["/en/section/politics/rss.xml", "/en/section/politics/atom.xml"]),
        ("article", ["/en/section/politics/rss.xml", "/en/section/politics/atom.xml"]),
        ("tag", ["/en/tag/who/rss.xml", "/en/tag/who/atom.xml"]),
        ("author", ["/en/author/aigerim-sultan/rss.xml", "/en/author/aigerim-sultan/atom.xml"]),
    ],
)
def test_each_page_links_the_editions_feeds_and_its_own(client, pages, kind, own):
    page = read(client.get(pages[kind]))
    feeds = _feeds(page)
    assert feeds[:2] == EDITION_FEEDS
    assert [href for _type, href in feeds[2:]] == own
    assert [t for t, _href in feeds[2:]] == ["application/rss+xml", "application/atom+xml"][: len(own)]
    assert all(link["title"] for link in page.rel("alternate") if "type" in link)
    # The footer: the edition's feeds and the sitemap index.
    assert [a["href"] for a in page.body_links] == ["/en/rss.xml", "/en/atom.xml", "/sitemap.xml"]


def test_feed_titles_name_what_they_follow(client, pages):
    titles = [link["title"] for link in read(client.get(pages["tag"])).rel("alternate") if "type" in link]
    assert titles == [
        "Kazakhstan Today (RSS)",
        "Kazakhstan Today (Atom)",
        "Kazakhstan Today: tag WHO (RSS)",
        "Kazakhstan Today: tag WHO (Atom)",
    ]


def test_a_tag_of_cyrillic_letters_links_its_feeds_by_its_address(client, make_article, agency):
    tag = Tag.objects.create(language="ru", name="выборы", slug="выборы")
    make_article("Выборы", language="ru", tags=[tag])
    page = read(client.get("/ru/tag/%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B/"))
    assert ("application/rss+xml", "/ru/tag/%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B/rss.xml") in _feeds(page)


@pytest.fixture
def latin_pages(make_article, agency):
    at = datetime(2025, 12, 11, 20, 30, tzinfo=ALMATY)
    agency.name_kk = "Қазақстан Бүгін"
    agency.live_stream_title_en = agency.live_stream_title_ru = agency.live_stream_title_kk = "Тікелей эфир"
    agency.save()
    tag = Tag.objects.create(language="kk", name="денсаулық", slug="densaulyq")
    story = make_article("Денсаулық сақтау", language="kk", at=at, lead="Министр кездесті.", tags=[tag])
    author = Author.objects.create(
        name="Айгерім Сұлтан", job_title_kk="Тілші", biography_kk="Денсаулық туралы жазады.", slug="aigerim"
    )
    Byline.objects.create(article=story, author=author)
    return [
        "/kk-latn/",
        "/kk-latn/section/politics/",
        "/kk-latn/tag/densaulyq/",
        "/kk-latn/2025/12/11/",
        f"/kk-latn/news/{story.pk}-{story.slug}/",
        "/kk-latn/author/aigerim/",
        "/kk-latn/live/",
    ]


def test_latin_pages_say_it_all_in_latin(client, latin_pages):
    for path in latin_pages:
        response = client.get(path)
        assert response.status_code == 200, path
        page = read(response)
        said = [m.get("content", "") for m in page.metas] + [link.get("title", "") for link in page.links]
        said += page.scripts
        found = [text for text in said if CYRILLIC.search(text)]
        assert not found, (path, found)
        assert page.one("og:locale") == "kk_KZ" and page.meta("og:locale:alternate") == ["en_US", "ru_RU"]
        html = response.content.decode()
        body = html[html.index("<body") :]
        body = re.sub(r'<nav class="editions".*?</nav>', "", body, flags=re.S)
        assert not CYRILLIC.search(body), (path, CYRILLIC.findall(body)[:10])
    article = read(client.get(latin_pages[4]))
    assert article.one("og:title") == "Densaulyq saqtau" and article.meta("article:tag") == ["densaulyq"]
    assert read(client.get(latin_pages[-1])).one("og:title") == "Tıkelei efir"


def test_the_updated_time_on_an_article_is_its_last_shown_change(client, story):
    page = client.get(story.get_absolute_url()).content.decode()
    assert 'class="updated"' not in page  # never changed for readers
    revised = datetime(2025, 12, 12, 9, 5, tzinfo=ALMATY)
    # An edit shown as updated, no correction (a save: its time moves, as every save's does).
    Article.objects.filter(pk=story.pk).update(revised_at=revised, updated_at=timezone.now())
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<p class="updated">Updated <time datetime="2025-12-12T09:05+05:00">12.12.2025, 09:05</time></p>' in html
    assert read(client.get(story.get_absolute_url())).one("article:modified_time") == "2025-12-12T09:05:00+05:00"
    # A revision time before the publication (a story published later than saved) is no update.
    earlier = story.published_at - timedelta(days=1)
    Article.objects.filter(pk=story.pk).update(revised_at=earlier, updated_at=timezone.now())
    assert 'class="updated"' not in client.get(story.get_absolute_url()).content.decode()


def test_a_correction_through_the_newsroom_shows_as_updated(client, story):
    from newsdesk.newsroom import roles
    from tests.newsroom.conftest import staff

    chief = staff("chief", roles.CHIEF_EDITOR)
    article = Article.objects.get(pk=story.pk)
    article.title = story.title + " (corrected)"
    services.article_save(article=article, by=chief, correction_note="The title was incomplete.")
    article.refresh_from_db()
    html = client.get(article.get_absolute_url()).content.decode()
    local = timezone.localtime(article.revised_at, ALMATY)
    assert f'<time datetime="{local.isoformat(timespec="minutes")}">{local:%d.%m.%Y, %H:%M}</time>' in html
