"""An author's page (`/<edition>/author/<slug>/`): who they are and their stories in the
edition's language, page by page; every byline links to it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Article, Author, Byline
from newsdesk.newsroom import services
from tests.conftest import SITE
from tests.public.heads import read


@pytest.fixture
def reporter(db, make_photo) -> Author:
    return Author.objects.create(
        name="Aigerim Sultan",
        photo=make_photo(alt_text="Portrait"),
        job_title_en="Health correspondent",
        job_title_ru="Корреспондент по здравоохранению",
        biography_en="Covers health in Central Asia.",
        biography_ru="Пишет о здравоохранении.",
    )


def _by(author: Author, *articles: Article, role: str = Byline.Role.REPORTED_BY) -> None:
    for article in articles:
        Byline.objects.create(article=article, author=author, role=role)


def main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_the_page_shows_the_author_and_their_stories(client, reporter, make_article, agency):
    story = make_article("Clinics open in Turkestan")
    _by(reporter, story)
    make_article("Someone else's story")
    response = client.get("/en/author/aigerim-sultan/")
    assert response.status_code == 200
    html = main(response)
    assert '<h1 class="page-heading">Aigerim Sultan</h1>' in html
    assert "Health correspondent" in html and "Covers health in Central Asia." in html
    assert "<picture>" in html and f"/media/renditions/{reporter.photo.pk}/320.avif" in html
    assert 'alt="Aigerim Sultan"' in html
    assert "Clinics open in Turkestan" in html and "Someone else's story" not in html
    assert 'href="/en/author/aigerim-sultan/rss.xml"' in html and 'href="/en/author/aigerim-sultan/atom.xml"' in html


def test_the_page_in_another_edition_speaks_its_language(client, reporter, make_article, agency):
    _by(reporter, make_article("Клиники открылись", language="ru"), make_article("Clinics open"))
    html = main(client.get("/ru/author/aigerim-sultan/"))
    assert "Корреспондент по здравоохранению" in html and "Пишет о здравоохранении." in html
    assert "Клиники открылись" in html and "Clinics open" not in html


def test_the_person_in_a_profile_page(client, reporter, make_article, agency):
    _by(reporter, make_article("Clinics open"))
    page = read(client.get("/en/author/aigerim-sultan/"))
    profile = page.single("ProfilePage")
    assert profile["url"] == f"{SITE}/en/author/aigerim-sultan/" and profile["inLanguage"] == "en"
    person = profile["mainEntity"]
    assert person["@type"] == "Person" and person["name"] == "Aigerim Sultan"
    assert person["jobTitle"] == "Health correspondent"
    assert person["description"] == "Covers health in Central Asia."
    assert person["url"] == f"{SITE}/en/author/aigerim-sultan/"
    assert person["image"]["@type"] == "ImageObject" and person["image"]["url"].startswith(f"{SITE}/media/")
    assert person["worksFor"] == {
        "@id": f"{SITE}/#organization",
        "@type": "NewsMediaOrganization",
        "name": "Kazakhstan Today",
    }
    crumbs = page.single("BreadcrumbList")["itemListElement"]
    assert [c["item"] for c in crumbs] == [f"{SITE}/en/", f"{SITE}/en/author/aigerim-sultan/"]
    assert page.one("og:type") == "profile" and page.one("og:image") == person["image"]["url"]


def test_stories_come_in_keyset_pages(client, reporter, make_article, settings, agency):
    settings.NEWSDESK = {**settings.NEWSDESK, "FEED_PAGE_SIZE": 3}
    stories = [make_article(f"Story {n}", ago=timedelta(hours=n + 1)) for n in range(7)]
    _by(reporter, *stories)
    seen, path = [], "/en/author/aigerim-sultan/"
    for _ in range(5):
        html = main(client.get(path))
        seen += re.findall(r"Story \d", html)
        older = re.search(r'href="(\?before=[0-9.]+)"', html)
        if older is None:
            break
        path = "/en/author/aigerim-sultan/" + older.group(1)
    assert seen == [f"Story {n}" for n in range(7)]
    newer = re.search(r'href="(\?after=[0-9.]+)"', html).group(1)
    assert "Story 5" in main(client.get("/en/author/aigerim-sultan/" + newer))


def test_a_story_with_the_author_twice_is_listed_once(client, reporter, make_article, agency):
    story = make_article("Written and photographed")
    _by(reporter, story)
    _by(reporter, story, role=Byline.Role.PHOTO_BY)
    assert main(client.get("/en/author/aigerim-sultan/")).count("Written and photographed") == 1


@pytest.mark.parametrize("hold", ["none", "draft", "scheduled", "embargoed", "withdrawn", "other_language"])
def test_an_author_with_no_visible_story_in_the_editions_language_is_not_found(
    client, reporter, make_article, agency, hold
):
    later = timezone.now() + timedelta(hours=2)
    if hold != "none":
        story = make_article("Not for readers yet", language="ru" if hold == "other_language" else "en")
        _by(reporter, story)
        changes = {
            "draft": {"status": "draft"},
            "scheduled": {"published_at": later},
            "embargoed": {"embargo_until": later},
            "withdrawn": {"status": "withdrawn"},
            "other_language": {},
        }[hold]
        Article.objects.filter(pk=story.pk).update(**changes)
    response = client.get("/en/author/aigerim-sultan/")
    assert response.status_code == 404
    assert "Aigerim Sultan" not in response.content.decode()


def test_an_unknown_author_is_not_found(client, db):
    assert client.get("/en/author/nobody/").status_code == 404


def test_the_other_editions_link_to_the_author_where_they_have_stories(client, reporter, make_article, agency):
    _by(reporter, make_article("Clinics open"), make_article("Клиники", language="ru"))
    page = read(client.get("/en/author/aigerim-sultan/"))
    hreflangs = {link["hreflang"]: link["href"] for link in page.rel("alternate") if "hreflang" in link}
    assert hreflangs["ru"] == f"{SITE}/ru/author/aigerim-sultan/"
    assert hreflangs["kk"] == f"{SITE}/kk/" and hreflangs["kk-Latn"] == f"{SITE}/kk-latn/"


def test_every_byline_links_to_its_authors_page(client, reporter, make_article, agency):
    story = make_article("Clinics open")
    editor = Author.objects.create(name="Dana Omar")
    _by(reporter, story)
    _by(editor, story, role=Byline.Role.EDITED_BY)
    html = client.get(story.get_absolute_url()).content.decode()
    bylines = html[html.index('class="bylines"') : html.index("</p>", html.index('class="bylines"'))]
    assert re.findall(r'<a href="([^"]+)" rel="author">([^<]+)</a>', bylines) == [
        ("/en/author/aigerim-sultan/", "Aigerim Sultan"),
        ("/en/author/dana-omar/", "Dana Omar"),
    ]
    assert "Reported by" in bylines and "Edited by" in bylines
    assert client.get("/en/author/dana-omar/").status_code == 200


def test_a_latin_byline_links_to_the_latin_page(client, make_article, agency):
    story = make_article("Денсаулық", language="kk")
    author = Author.objects.create(name="Айгерім")
    _by(author, story)
    html = client.get(f"/kk-latn/news/{story.pk}-{story.slug}/").content.decode()
    assert f'<a href="/kk-latn/author/{author.slug}/" rel="author">Aigerım</a>' in html
    assert '<h1 class="page-heading">Aigerım</h1>' in main(client.get(f"/kk-latn/author/{author.slug}/"))


def test_the_page_is_cached_like_the_others(client, reporter, make_article, settings, agency):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True}
    _by(reporter, make_article("Clinics open"))
    assert "X-Page-Cache" not in client.get("/en/author/aigerim-sultan/")
    assert client.get("/en/author/aigerim-sultan/")["X-Page-Cache"] == "hit"


def test_an_authors_page_reads_the_author_the_editions_and_the_page(
    client, reporter, make_article, agency, django_assert_num_queries
):
    from newsdesk.audience import redis_counter

    _by(reporter, *[make_article(f"Story {n}", ago=timedelta(hours=n + 1)) for n in range(5)])
    counts = 0 if redis_counter.enabled() else 1
    client.get("/en/author/aigerim-sultan/")
    with django_assert_num_queries(3 + counts):  # the author with portrait, their languages, the feed
        assert client.get("/en/author/aigerim-sultan/").status_code == 200


def test_bylines_cost_no_more_queries_on_the_article_page(
    client, story, reporter, make_article, django_assert_num_queries
):
    from newsdesk.audience import redis_counter

    _by(reporter, story)
    _by(Author.objects.create(name="Dana Omar"), story, role=Byline.Role.EDITED_BY)
    counts = 0 if redis_counter.enabled() else 1
    client.get(story.get_absolute_url())
    with django_assert_num_queries(5 + counts):  # as without bylines (tests/public/test_pages.py)
        assert client.get(story.get_absolute_url()).status_code == 200


def test_the_author_is_dropped_from_the_cache_when_their_story_is_withdrawn(
    client, reporter, make_article, settings, agency, django_capture_on_commit_callbacks
):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True}
    story = make_article("Clinics open")
    _by(reporter, story)
    assert client.get("/en/author/aigerim-sultan/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        services.article_withdraw(article=story, by=None)
    assert client.get("/en/author/aigerim-sultan/").status_code == 404
