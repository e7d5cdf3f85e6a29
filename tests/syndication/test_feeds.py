"""The RSS and Atom feeds as feed readers read them (feedparser), item by item."""

import re
import time
from datetime import timedelta
from unittest import mock
from xml.etree import ElementTree

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from newsdesk.content.models import Article, Author, Section, Tag
from newsdesk.editions.editions import story_uri
from newsdesk.newsroom import services as workflow
from newsdesk.syndication.feedgen import MEDIA_NS
from tests.conftest import SITE
from tests.syndication.conftest import add_bylines, parsed

EDITIONS = ("en", "ru", "kk", "kk-latn")
LANGUAGE = {"en": "en", "ru": "ru", "kk": "kk", "kk-latn": "kk"}
RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_every_editions_feeds_are_well_formed_with_their_type_and_language(client, make_story, edition, kind):
    story = make_story(f"A story in {LANGUAGE[edition]}", language=LANGUAGE[edition])
    response = client.get(f"/{edition}/{kind}.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == (RSS if kind == "rss" else ATOM)
    feed = parsed(response)
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    assert feed.feed.language == {"kk-latn": "kk-Latn"}.get(edition, edition)
    assert feed.feed.link == f"{SITE}/{edition}/"
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [f"{SITE}/{edition}/{kind}.xml"]
    assert [entry.link for entry in feed.entries] == [f"{SITE}/{edition}/news/{story.pk}-{story.slug}/"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_section_tag_and_author_feeds_are_well_formed_and_named(client, make_story, people, kind):
    story = make_story()
    other = Section.objects.create(slug="sport", name_en="Sport")
    make_story("Football final", section=other, tag_slug="football", tag_name="Football", authors=())
    for path, title, page in [
        (f"/en/section/politics/{kind}.xml", "Kazakhstan Today: Politics", "/en/section/politics/"),
        (f"/en/tag/summit/{kind}.xml", "Kazakhstan Today: Summit", "/en/tag/summit/"),
        (
            f"/en/author/{people[0].slug}/{kind}.xml",
            "Kazakhstan Today: Aigerim Sadykova",
            "/en/author/aigerim-sadykova/",
        ),
    ]:
        response = client.get(path)
        feed = parsed(response)
        assert response["Content-Type"] == (RSS if kind == "rss" else ATOM)
        assert feed.feed.title == title and feed.feed.link == SITE + page
        assert [link.href for link in feed.feed.links if link.rel == "self"] == [SITE + path]
        assert [entry.title for entry in feed.entries] == [story.title], path
    assert len(parsed(client.get(f"/en/{kind}.xml")).entries) == 2


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_an_item_carries_every_field(client, make_story, people, kind):
    story = make_story()
    response = client.get(f"/en/{kind}.xml")
    entry = parsed(response).entries[0]
    assert entry.title == "Astana hosts the summit"
    assert entry.link == f"{SITE}/en/news/{story.pk}-{story.slug}/"
    assert entry.id == story_uri(translation_group=story.translation_group, edition="en")
    assert entry.id.startswith("urn:uuid:") and entry.guidislink is False
    # Times in the agency's zone, with the zone.
    assert entry.published in ("Thu, 11 Dec 2025 20:30:00 +0500", "2025-12-11T20:30:00+05:00")
    correction_time = timezone.localtime(story.revised_at, timezone.get_fixed_timezone(300)).replace(microsecond=0)
    assert entry.updated == correction_time.isoformat() and entry.updated.endswith("+05:00")
    assert [author.name for author in entry.authors] == ["Aigerim Sadykova", "Daniyar Ospanov"]
    if kind == "atom":
        assert [author.href for author in entry.authors] == [
            f"{SITE}/en/author/{people[0].slug}/",
            f"{SITE}/en/author/{people[1].slug}/",
        ]
    assert [tag.term for tag in entry.tags] == ["Politics", "Summit"]
    assert entry.summary.startswith("<p>Leaders of the region met in Astana.</p>")
    note = f"Correction ({correction_time:%d.%m.%Y, %H:%M}): An earlier version misstated the date."
    assert note in entry.summary
    [content] = [c for c in entry.content if c.type == "text/html"]
    assert content.value.startswith("<p>The summit opened.</p>")
    assert f'src="{SITE}/media/photos/x.jpg"' in content.value  # the body's own images, absolute
    assert note in content.value and "Source:" in content.value
    widest = max((r for r in story.photo.renditions if r["mime"] == "image/jpeg"), key=lambda r: r["width"])
    assert widest["width"] == 1600 and widest["bytes"] == default_storage.size(widest["name"])
    [media] = entry.media_content
    assert media == {
        "url": f"{SITE}/media/{widest['name']}",
        "type": "image/jpeg",
        "medium": "image",
        "width": "1600",
        "height": "900",
        "filesize": str(widest["bytes"]),
    }
    # feedparser files media:description under content (or drops it beside full text): read it as written.
    tree = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    [description] = tree.iter(f"{{{MEDIA_NS}}}description")
    assert description.text == "Delegates arrive at the Palace of Independence"
    assert description.attrib == {"type": "plain"}
    assert entry.media_credit == [{"content": "Akorda press service"}]
    [enclosure] = entry.enclosures
    assert enclosure == {"href": media["url"], "length": str(widest["bytes"]), "type": "image/jpeg"}
    if kind == "rss":
        assert entry.source == {"href": "https://qazinform.com", "title": "Qazinform News Agency"}
    else:
        [via] = [link for link in entry.links if link.rel == "via"]
        assert via.href == "https://qazinform.com" and via.title == "Qazinform News Agency"


def test_the_feed_is_as_new_as_its_newest_change(client, make_story, make_article):
    story = make_story()  # published 11.12.2025, corrected now
    make_article("A newer story, never corrected", ago=timedelta(hours=2))
    for kind in ("rss", "atom"):
        feed = parsed(client.get(f"/en/{kind}.xml"))
        assert [e.title for e in feed.entries] == ["A newer story, never corrected", story.title]  # newest first
        stamp = feed.feed.updated_parsed
        assert time.mktime(stamp) == pytest.approx(time.mktime(story.revised_at.utctimetuple()), abs=1)


def test_a_story_without_a_correction_says_none_and_is_updated_when_published(client, make_story):
    make_story(corrected=False)
    entry = parsed(client.get("/en/atom.xml")).entries[0]
    assert "Correction" not in entry.summary and not [c for c in entry.content if "Correction" in c.value]
    assert entry.updated == entry.published == "2025-12-11T20:30:00+05:00"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_full_text_only_when_the_agency_allows_it(client, make_story, agency, kind, django_assert_max_num_queries):
    make_story()
    agency.feeds_full_text = False
    agency.save()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        entry = parsed(client.get(f"/en/{kind}.xml")).entries[0]
    assert [c.type for c in entry.content] == ["text/plain"]  # the photo's caption only
    assert "Leaders of the region met in Astana." in entry.summary  # the lead stays
    assert not [q["sql"] for q in queries if '"body"' in q["sql"]], "the body is read for nothing"


def test_the_id_stays_when_the_title_and_slug_change(client, make_story):
    story = make_story()
    before = parsed(client.get("/en/rss.xml")).entries[0]
    story.title, story.slug = "Astana summit: the final declaration", "astana-summit-final"
    workflow.article_save(article=story, by=None)
    after = parsed(client.get("/en/rss.xml")).entries[0]
    assert after.title == "Astana summit: the final declaration" and after.link != before.link
    assert after.id == before.id


def test_the_ids_differ_between_editions_and_stories(make_story):
    story = make_story()
    ids = {story_uri(translation_group=story.translation_group, edition=e) for e in EDITIONS}
    assert len(ids) == 4


CYRILLIC = re.compile("[\u0400-\u04ff]")


def test_the_latin_edition_feeds_are_entirely_in_latin(client, make_story, agency):
    agency.name_kk = "Қазақстан Бүгін"
    agency.reprint_notice_kk = "Сілтемесіз көшіруге болмайды."
    agency.save()
    writer = Author.objects.create(name="Әйгерім Садықова")
    source = Article._meta.get_field("source").related_model.objects.create(name_kk="ҚазАқпарат")
    story = make_story(
        "Астанада саммит өтті",
        language="kk",
        lead="Өңір көшбасшылары Астанада кездесті.",
        body="<p>Саммит ашылды.</p>",
        caption="Делегаттар сарайға келді",
        credit="Ақорда баспасөз қызметі",
        tag_name="Саммит",
        source=source,
    )
    add_bylines(story, writer)
    for kind in ("rss", "atom"):
        cyrillic = client.get(f"/kk/{kind}.xml").content.decode()
        assert CYRILLIC.search(cyrillic)  # the Kazakh edition is in Cyrillic…
        response = client.get(f"/kk-latn/{kind}.xml")
        text = response.content.decode()
        assert not CYRILLIC.findall(text), kind  # …its Latin twin in Latin throughout
        entry = parsed(response).entries[0]
        assert entry.title == "Astanada sammit öttı"
        assert "Saiasat" in [t.term for t in entry.tags] and "Sammit" in [t.term for t in entry.tags]
        assert "Äigerım Sadyqova" in [a.name for a in entry.authors]
    for kind, kind_path in (("section", "section/politics"), ("tag", "tag/summit")):
        text = client.get(f"/kk-latn/{kind_path}/rss.xml").content.decode()
        assert "Astanada sammit öttı" in text and not CYRILLIC.findall(text), kind
    text = client.get(f"/kk-latn/author/{writer.slug}/atom.xml").content.decode()
    assert "Astanada sammit öttı" in text and not CYRILLIC.findall(text)


def test_scheduled_embargoed_and_withdrawn_stories_are_not_in_any_feed(client, make_article, make_story, people):
    shown = make_story()
    now = timezone.now()
    scheduled = make_article("Scheduled statement", at=now + timedelta(minutes=10), tags=list(shown.tags.all()))
    embargoed = make_article("Held until noon", embargo_until=now + timedelta(minutes=10))
    withdrawn = make_article("Taken down")
    for article in (scheduled, embargoed, withdrawn):
        add_bylines(article, *people)
    workflow.article_withdraw(article=withdrawn, by=None)
    paths = ["/en/rss.xml", "/en/atom.xml", "/en/section/politics/rss.xml", "/en/tag/summit/atom.xml"]
    paths += [f"/en/author/{people[0].slug}/rss.xml"]
    for path in paths:
        assert [e.title for e in parsed(client.get(path)).entries] == [shown.title], path
    later = now + timedelta(minutes=11)
    with mock.patch("django.utils.timezone.now", return_value=later):
        titles = [e.title for e in parsed(client.get("/en/rss.xml")).entries]
        assert sorted(titles) == sorted(["Scheduled statement", "Held until noon", shown.title])
        tagged = [e.title for e in parsed(client.get("/en/tag/summit/rss.xml")).entries]
        assert tagged == ["Scheduled statement", shown.title]


def test_a_feed_holds_the_newest_feed_items(client, make_article, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "FEED_ITEMS": 3}
    for hours in range(1, 6):
        make_article(f"{hours} hours ago", ago=timedelta(hours=hours))
    titles = [e.title for e in parsed(client.get("/en/atom.xml")).entries]
    assert titles == ["1 hours ago", "2 hours ago", "3 hours ago"]


def test_a_feed_with_nothing_in_it_is_still_a_feed(client, section, agency):
    for kind in ("rss", "atom"):
        feed = parsed(client.get(f"/ru/section/politics/{kind}.xml"))
        assert feed.entries == [] and feed.feed.title == "Kazakhstan Today: Политика"


def test_the_feed_address_readers_try_first_leads_to_the_editions_rss(client, db):
    for edition in EDITIONS:
        response = client.get(f"/{edition}/feed/")
        assert response.status_code == 301 and response["Location"] == f"/{edition}/rss.xml"


def test_unknown_and_foreign_names_are_404(client, make_story, people, make_article):
    make_story()
    Author.objects.create(name="Nobody Yet")
    ru_only = Author.objects.create(name="Ivan Petrov")
    add_bylines(make_article("Новость", language="ru"), ru_only)
    Tag.objects.create(language="ru", name="Саммит", slug="sammit")
    for path in [
        "/en/section/no-such-section/rss.xml",
        "/en/tag/no-such-tag/atom.xml",
        "/en/tag/sammit/rss.xml",  # a Russian tag: no page in English
        "/kk/tag/summit/rss.xml",  # an English tag
        "/en/author/no-such-person/rss.xml",
        "/en/author/nobody-yet/atom.xml",  # in no byline
        "/en/author/ivan-petrov/rss.xml",  # only in the Russian edition
    ]:
        assert client.get(path).status_code == 404, path
    assert client.get("/en/tag/%00%0b]]%3E/rss.xml").status_code == 400  # junk: the site's own answer
    assert client.get("/ru/author/ivan-petrov/rss.xml").status_code == 200
    assert client.get("/ru/tag/sammit/rss.xml").status_code == 200


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_hostile_text_gives_well_formed_xml(client, make_story, people, kind):
    story = make_story()
    hostile = "A </title> ]]> & <b>bold</b> \x0b\x1f\ufffe end"  # no NUL: PostgreSQL stores none
    # Past the services' cleaning, as an old import or a direct write could leave it.
    Article.objects.filter(pk=story.pk).update(title=hostile, lead=hostile, body=f"<p>{hostile}</p>")
    Author.objects.filter(pk=people[0].pk).update(name="Ann \x0c </name>")
    story.photo.__class__.objects.filter(pk=story.photo_id).update(caption=hostile, credit="x\x1f]]>")
    entry = parsed(client.get(f"/en/{kind}.xml")).entries[0]
    assert entry.title == "A </title> ]]> & <b>bold</b>  end"
    assert "A &lt;/title&gt; ]]&gt; &amp; &lt;b&gt;bold&lt;/b&gt;  end" in entry.summary  # text, not markup
    assert entry.authors[0].name == "Ann  </name>"
    assert entry.media_credit == [{"content": "x]]>"}]


def test_query_count_does_not_grow_with_the_items(client, make_story, people, django_assert_max_num_queries):
    make_story("The first")
    paths = ["/en/rss.xml", "/en/section/politics/atom.xml", "/en/tag/summit/rss.xml"]
    paths += [f"/en/author/{people[0].slug}/atom.xml"]
    # stories (with section, photo, source), bylines with authors, tags, corrections;
    # plus the section, tag or author the feed is of.
    client.get("/en/rss.xml")  # the site settings are read once and kept
    for path in paths:
        with django_assert_max_num_queries(5):
            assert len(parsed(client.get(path)).entries) == 1
    for number in range(29):
        make_story(f"Story {number}")
    for path in paths:
        with django_assert_max_num_queries(5):
            assert len(parsed(client.get(path)).entries) == 30


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_corrections_feeds_carry_each_public_correction_newest_first(client, make_story, edition, kind):
    story = make_story("Саммит" if LANGUAGE[edition] != "en" else "Summit", language=LANGUAGE[edition])
    later = workflow.article_save(article=story, by=None, correction_note="Второе исправление.")
    response = client.get(f"/{edition}/corrections/{kind}.xml")
    assert response.status_code == 200 and response["Content-Type"] == (RSS if kind == "rss" else ATOM)
    feed = parsed(response)
    assert feed.feed.link == f"{SITE}/{edition}/corrections/"
    assert feed.feed.language == {"kk-latn": "kk-Latn"}.get(edition, edition)
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [f"{SITE}/{edition}/corrections/{kind}.xml"]
    notes = list(story.corrections.order_by("-created_at", "-id"))
    assert [entry.link for entry in feed.entries] == [
        f"{SITE}/{edition}/news/{story.pk}-{later.slug}/#correction-{note.pk}" for note in notes
    ]
    assert len({entry.id for entry in feed.entries}) == 2
    summaries = [entry.summary for entry in feed.entries]
    if edition == "kk-latn":
        assert summaries[0] == "<p>Vtoroe ispravlenie.</p>"  # the edition's script
    else:
        assert summaries == ["<p>Второе исправление.</p>", "<p>An earlier version misstated the date.</p>"]


def test_the_corrections_feed_leaves_out_what_readers_cannot_see(client, make_story):
    make_story("Scheduled", at=timezone.now() + timedelta(hours=2))
    assert parsed(client.get("/en/corrections/rss.xml")).entries == []
    assert client.get("/en/corrections/json.xml").status_code == 404
