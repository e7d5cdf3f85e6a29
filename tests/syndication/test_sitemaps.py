"""The sitemaps a search engine reads: valid by the official schemas, every address live."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Article, Author, Byline, Tag
from newsdesk.content.services import tags_named
from newsdesk.newsroom import services as workflow
from newsdesk.syndication import sitemap_queries
from newsdesk.syndication.sitemap_xml import xml_text
from tests.conftest import ALMATY, SITE
from tests.syndication.sitemap_schemas import IMAGE, NEWS, SITEMAP, XHTML, locs, sitemap, walk


@pytest.fixture
def archive(publish_story, make_photo, agency, db):
    """A story in three languages with a photo, an older Kazakh one, tags in two languages."""
    en = publish_story(
        "Kazakhstan and WHO strengthen cooperation",
        at=datetime(2025, 12, 11, 20, 30, tzinfo=ALMATY),
        photo=make_photo(),
        tags=tags_named(language="en", names=["Health"]),
    )
    ru = publish_story(
        "Казахстан и ВОЗ укрепляют сотрудничество",
        language="ru",
        at=datetime(2025, 12, 11, 21, 0, tzinfo=ALMATY),
        translation_group=en.translation_group,
    )
    kk = publish_story(
        "Қазақстан мен ДДСҰ ынтымақтастықты нығайтады",
        language="kk",
        at=datetime(2025, 12, 12, 9, 0, tzinfo=ALMATY),
        translation_group=en.translation_group,
        tags=tags_named(language="kk", names=["Денсаулық"]),
    )
    older = publish_story("Астанада қар жауды", language="kk", at=datetime(2025, 11, 3, 8, 0, tzinfo=ALMATY))
    fresh = publish_story("The Senate votes on the budget", ago=timedelta(hours=2))
    Byline.objects.create(article=en, author=Author.objects.create(name="Aigerim Sadykova"))
    return {"en": en, "ru": ru, "kk": kk, "older": older, "fresh": fresh}


def test_every_sitemap_the_index_lists_is_valid_and_every_address_answers_200(client, schemas, archive):
    children = walk(client, schemas)
    expected = {
        "/en/sitemap-pages.xml",
        "/en/sitemap-tags-1.xml",
        "/en/sitemap-news.xml",
        "/en/sitemap-2025-12.xml",
        "/ru/sitemap-pages.xml",
        "/ru/sitemap-2025-12.xml",
        "/kk/sitemap-pages.xml",
        "/kk/sitemap-tags-1.xml",
        "/kk/sitemap-2025-11.xml",
        "/kk/sitemap-2025-12.xml",
        "/kk-latn/sitemap-pages.xml",
        "/kk-latn/sitemap-tags-1.xml",
        "/kk-latn/sitemap-2025-11.xml",
        "/kk-latn/sitemap-2025-12.xml",
    }
    now = timezone.localtime(timezone.now(), ALMATY)
    expected.add(f"/en/sitemap-{now:%Y-%m}.xml")  # the fresh story's month
    assert set(children) == expected


def test_each_child_of_the_index_has_a_lastmod(client, schemas, archive):
    index = sitemap(client, schemas, "/sitemap.xml")
    children = index.findall(SITEMAP + "sitemap")
    assert children and all(child.findtext(SITEMAP + "lastmod") for child in children)
    december = next(c for c in children if c.findtext(SITEMAP + "loc") == SITE + "/kk/sitemap-2025-12.xml")
    assert december.findtext(SITEMAP + "lastmod")  # the day the Kazakh version was counted


def test_a_month_lists_its_stories_with_lastmod_photo_and_every_language_version(client, schemas, archive):
    en, ru, kk = archive["en"], archive["ru"], archive["kk"]
    root = sitemap(client, schemas, "/en/sitemap-2025-12.xml")
    (url,) = root.findall(SITEMAP + "url")
    assert url.findtext(SITEMAP + "loc") == f"{SITE}/en/news/{en.pk}-{en.slug}/"
    assert url.findtext(SITEMAP + "lastmod") == "2025-12-11T20:30:00+05:00"
    image = url.findtext(f"{IMAGE}image/{IMAGE}loc")
    assert image == SITE + en.photo.file.url and image.endswith(".jpg")
    links = [(link.get("rel"), link.get("hreflang"), link.get("href")) for link in url.findall(XHTML + "link")]
    assert links == [
        ("alternate", "en", f"{SITE}/en/news/{en.pk}-{en.slug}/"),
        ("alternate", "ru", f"{SITE}/ru/news/{ru.pk}-{ru.slug}/"),
        ("alternate", "kk", f"{SITE}/kk/news/{kk.pk}-{kk.slug}/"),
        ("alternate", "kk-Latn", f"{SITE}/kk-latn/news/{kk.pk}-{kk.slug}/"),
    ]


def test_the_kazakh_stories_appear_in_both_kazakh_editions_with_their_own_addresses(client, schemas, archive):
    kk = archive["kk"]
    cyrillic = locs(sitemap(client, schemas, "/kk/sitemap-2025-12.xml"))
    latin = locs(sitemap(client, schemas, "/kk-latn/sitemap-2025-12.xml"))
    assert cyrillic == [f"{SITE}/kk/news/{kk.pk}-{kk.slug}/"]
    assert latin == [f"{SITE}/kk-latn/news/{kk.pk}-{kk.slug}/"]


def test_lastmod_is_the_shown_update_time(client, schemas, archive):
    revised = datetime(2025, 12, 14, 10, 0, tzinfo=ALMATY)
    Article.objects.filter(pk=archive["en"].pk).update(revised_at=revised)
    url = sitemap(client, schemas, "/en/sitemap-2025-12.xml").find(SITEMAP + "url")
    assert url.findtext(SITEMAP + "lastmod") == "2025-12-14T10:00:00+05:00"


def test_a_translation_readers_cannot_see_is_no_alternate(client, schemas, archive):
    Article.objects.filter(pk=archive["ru"].pk).update(status=Article.Status.WITHDRAWN)
    url = sitemap(client, schemas, "/en/sitemap-2025-12.xml").find(SITEMAP + "url")
    assert [link.get("hreflang") for link in url.findall(XHTML + "link")] == ["en", "kk", "kk-Latn"]


def test_months_follow_the_agencys_zone(client, schemas, publish_story, agency):
    """00:30 on 1 December in Almaty is still November in UTC: December's, there."""
    story = publish_story("Midnight story", at=datetime(2025, 12, 1, 0, 30, tzinfo=ALMATY))
    assert locs(sitemap(client, schemas, "/en/sitemap-2025-12.xml")) == [f"{SITE}/en/news/{story.pk}-{story.slug}/"]
    assert client.get("/en/sitemap-2025-11.xml").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/en/sitemap-2025-13.xml",
        "/en/sitemap-0000-01.xml",
        "/en/sitemap-9999-12.xml",
        "/en/sitemap-2024-01.xml",  # no stories
        "/en/sitemap-2025-02-30.xml",
        "/en/sitemap-2025-12-00.xml",
        "/en/sitemap-tags-0.xml",
        "/en/sitemap-tags-99999999999999999999999.xml",
        "/en/sitemap-tags-7.xml",
        "/ru/sitemap-news.xml",  # nothing in the last two days
    ],
)
def test_empty_or_impossible_sitemaps_are_404(client, archive, path):
    assert client.get(path).status_code == 404


def test_the_news_sitemap_has_the_last_two_days_newest_first(client, schemas, publish_story, agency):
    publish_story("Fifty hours old", ago=timedelta(hours=50))
    older = publish_story("Yesterday's story", ago=timedelta(hours=47, minutes=30))
    newer = publish_story("This morning's story", ago=timedelta(hours=3))
    root = sitemap(client, schemas, "/en/sitemap-news.xml")
    assert locs(root) == [f"{SITE}/en/news/{newer.pk}-{newer.slug}/", f"{SITE}/en/news/{older.pk}-{older.slug}/"]
    news = root.find(f"{SITEMAP}url/{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Kazakhstan Today"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "This morning's story"
    published = datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published == newer.published_at.replace(microsecond=0)


def test_the_latin_news_sitemap_speaks_kazakh_in_latin_letters(client, schemas, publish_story, agency):
    agency.name_kk = "Қазақстан бүгін"
    agency.save()
    publish_story("Астанада қар жауды", language="kk", ago=timedelta(hours=1))
    latin = sitemap(client, schemas, "/kk-latn/sitemap-news.xml").find(f"{SITEMAP}url/{NEWS}news")
    cyrillic = sitemap(client, schemas, "/kk/sitemap-news.xml").find(f"{SITEMAP}url/{NEWS}news")
    assert latin.findtext(f"{NEWS}publication/{NEWS}language") == "kk"
    assert cyrillic.findtext(f"{NEWS}publication/{NEWS}language") == "kk"
    assert latin.findtext(f"{NEWS}title") == "Astanada qar jaudy"
    assert cyrillic.findtext(f"{NEWS}title") == "Астанада қар жауды"
    assert latin.findtext(f"{NEWS}publication/{NEWS}name") == "Qazaqstan bügın"


def test_the_news_sitemap_stops_at_its_limit(client, schemas, publish_story, agency, monkeypatch):
    monkeypatch.setattr(sitemap_queries, "NEWS_LIMIT", 2)
    stories = [publish_story(f"Story {n}", ago=timedelta(minutes=10 * n)) for n in range(1, 4)]
    assert locs(sitemap(client, schemas, "/en/sitemap-news.xml")) == [
        f"{SITE}/en/news/{s.pk}-{s.slug}/" for s in stories[:2]
    ]


# What a database keeps (PostgreSQL refuses NUL, and no database stores a lone surrogate).
HOSTILE = "Budget ]]> </script><b>&amp; \"quoted\" 'single' \x01\x0b\x1f\ufffe end"


def test_a_hostile_title_is_escaped_and_stripped_of_what_xml_forbids(client, schemas, publish_story, agency):
    story = publish_story("Budget", ago=timedelta(hours=1))
    Article.objects.filter(pk=story.pk).update(title=HOSTILE)  # as an old import might have left it
    response = client.get("/en/sitemap-news.xml")
    root = schemas.check(response.content)  # well-formed and valid
    assert (
        root.findtext(f"{SITEMAP}url/{NEWS}news/{NEWS}title") == "Budget ]]> </script><b>&amp; \"quoted\" 'single'  end"
    )
    assert b"</script>" not in response.content and b"]]>" not in response.content


@pytest.mark.parametrize("character", ["\x00", "\x08", "\x0b", "\x0c", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff"])
def test_characters_xml_forbids_are_dropped(character):
    assert xml_text(f"a{character}b") == "ab"


@pytest.mark.parametrize("character", ["\t", "\n", "\r", "\x7f", "\u00e9", "\U0001f600"])
def test_characters_xml_allows_are_kept(character):
    assert xml_text(f"a{character}b") == f"a{character}b"


def test_the_pages_child_lists_home_sections_authors_with_a_story_most_viewed_and_the_live_page(
    client, schemas, publish_story, agency
):
    story = publish_story("Story with a byline", ago=timedelta(hours=1))
    writer = Author.objects.create(name="Aigerim Sadykova")
    Byline.objects.create(article=story, author=writer)
    Author.objects.create(name="No Stories Yet")
    kazakh_only = Author.objects.create(name="Kazakh Desk")
    Byline.objects.create(article=publish_story("Қазақша", language="kk", ago=timedelta(hours=1)), author=kazakh_only)
    pages = locs(sitemap(client, schemas, "/en/sitemap-pages.xml"))
    assert pages == [
        SITE + "/en/",
        SITE + "/en/section/politics/",
        SITE + f"/en/author/{writer.slug}/",
        SITE + "/en/most-viewed/",
        SITE + "/en/live/",
    ]
    assert SITE + f"/kk-latn/author/{kazakh_only.slug}/" in locs(sitemap(client, schemas, "/kk-latn/sitemap-pages.xml"))


def test_the_corrections_log_is_listed_once_the_edition_has_a_public_correction(client, schemas, publish_story, agency):
    story = publish_story("Story to correct", ago=timedelta(hours=1))
    assert SITE + "/en/corrections/" not in locs(sitemap(client, schemas, "/en/sitemap-pages.xml"))
    workflow.article_save(article=Article.objects.get(pk=story.pk), by=None, correction_note="The date was wrong.")
    assert SITE + "/en/corrections/" in locs(sitemap(client, schemas, "/en/sitemap-pages.xml"))
    assert SITE + "/ru/corrections/" not in locs(sitemap(client, schemas, "/ru/sitemap-pages.xml"))


def test_the_agencys_published_pages_are_listed_with_their_versions_in_the_other_editions(
    client, schemas, publish_story, agency
):
    from newsdesk.siteconfig.models import AgencyPage

    publish_story("A story", ago=timedelta(hours=1))
    for language, title in (("en", "About us"), ("kk", "Біз туралы")):
        AgencyPage.objects.create(edition=language, kind="about", title=title, published=True)
    AgencyPage.objects.create(edition="en", kind="privacy", title="Privacy", published=False)
    root = sitemap(client, schemas, "/kk-latn/sitemap-pages.xml")
    assert SITE + "/kk-latn/page/about/" in locs(root)
    entry = next(url for url in root if url.findtext(f"{SITEMAP}loc") == SITE + "/kk-latn/page/about/")
    alternates = {link.get("hreflang"): link.get("href") for link in entry.iter(f"{XHTML}link")}
    assert alternates == {
        "en": SITE + "/en/page/about/",
        "kk": SITE + "/kk/page/about/",
        "kk-Latn": SITE + "/kk-latn/page/about/",
    }
    english = locs(sitemap(client, schemas, "/en/sitemap-pages.xml"))
    assert SITE + "/en/page/about/" in english and SITE + "/en/page/privacy/" not in english
    assert not [loc for loc in locs(sitemap(client, schemas, "/ru/sitemap-pages.xml")) if "/page/" in loc]


def test_the_live_page_is_left_out_when_no_stream_is_configured(client, schemas, publish_story, agency):
    agency.live_stream_url = ""
    agency.save()
    assert client.get("/en/live/").status_code == 404
    assert SITE + "/en/live/" not in locs(sitemap(client, schemas, "/en/sitemap-pages.xml"))


def test_authors_pages_listed_answer_200(client, schemas, publish_story, agency):
    story = publish_story("Story with a byline", ago=timedelta(hours=1))
    Byline.objects.create(article=story, author=Author.objects.create(name="Aigerim Sadykova"))
    for loc in locs(sitemap(client, schemas, "/en/sitemap-pages.xml")):
        assert client.get(loc.removeprefix(SITE)).status_code == 200, loc


def test_tags_children_hold_the_editions_tags_by_id_range(client, schemas, limit, publish_story, agency):
    limit(2)
    english = [Tag.objects.create(language="en", name=f"Tag {n}", slug=f"tag-{n}") for n in range(3)]
    kazakh = Tag.objects.create(language="kk", name="Астана", slug="астана")
    publish_story("Any story", ago=timedelta(hours=1))
    index = locs(sitemap(client, schemas, "/sitemap.xml"))
    pages = {loc.removeprefix(SITE) for loc in index if "tags" in loc}
    first, last = (english[0].pk - 1) // 2 + 1, (english[-1].pk - 1) // 2 + 1
    kazakh_page = (kazakh.pk - 1) // 2 + 1
    assert pages == {f"/en/sitemap-tags-{n}.xml" for n in range(first, last + 1)} | {
        f"/kk/sitemap-tags-{kazakh_page}.xml",
        f"/kk-latn/sitemap-tags-{kazakh_page}.xml",
    }
    listed = [loc for page in sorted(pages) if page.startswith("/en/") for loc in locs(sitemap(client, schemas, page))]
    assert sorted(listed) == sorted(f"{SITE}/en/tag/{tag.slug}/" for tag in english)
    latin = sitemap(client, schemas, f"/kk-latn/sitemap-tags-{kazakh_page}.xml").find(SITEMAP + "url")
    assert latin.findtext(SITEMAP + "loc") == SITE + "/kk-latn/tag/%D0%B0%D1%81%D1%82%D0%B0%D0%BD%D0%B0/"
    assert [link.get("hreflang") for link in latin.findall(XHTML + "link")] == ["kk", "kk-Latn"]


def test_robots_txt_names_the_sitemap_index(client, db):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
