"""Small RSS 2.0, Atom, JSON Feed and ninjs documents written here, in Russian, Kazakh and
English, with what real feeds get wrong: no guid, no date, a date in the future, relative
and javascript: links, HTML in titles, bodies in CDATA."""

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsdesk.wires.detect import parse

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

RU_CONTENT = "<p>Москва. Президент России подписал закон о федеральном бюджете.</p><p>Документ опубликован.</p>"
RSS_RU = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Новости агентства</title>
  <link>https://news.example.ru/</link>
  <language>ru-RU</language>
  <copyright>© Агентство, 2025</copyright>
  <item>
    <title>Президент &lt;b&gt;подписал&lt;/b&gt; закон о бюджете</title>
    <link>/politics/budget-2025</link>
    <guid isPermaLink="false">ru-2025-0001</guid>
    <description><![CDATA[<p>Закон вступает в силу с 1 января.</p>]]></description>
    <content:encoded><![CDATA[{RU_CONTENT}]]></content:encoded>
    <pubDate>Sat, 01 Mar 2025 10:00:00 +0300</pubDate>
    <dc:creator>Иван Петров</dc:creator>
  </item>
  <item>
    <title>Без идентификатора и без даты</title>
    <description><![CDATA[Текст заметки <i>без</i> guid.]]></description>
  </item>
  <item>
    <title>Новость из будущего</title>
    <link>javascript:alert(document.cookie)</link>
    <guid isPermaLink="false">ru-2025-0003</guid>
    <description>Дата в будущем.</description>
    <pubDate>Sat, 01 Mar 2031 10:00:00 +0300</pubDate>
  </item>
</channel>
</rss>
"""

ATOM_KK = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="kk">
  <title>Ақпарат агенттігі</title>
  <id>urn:example:kz</id>
  <link href="https://news.example.kz/"/>
  <updated>2025-03-01T09:00:00+05:00</updated>
  <rights>© Агенттік</rights>
  <entry>
    <id>urn:example:kz:1</id>
    <title type="html">&lt;em&gt;Астанада&lt;/em&gt; жаңа мектеп ашылды</title>
    <link rel="alternate" href="https://news.example.kz/kk/mektep"/>
    <published>2025-03-01T08:30:00+05:00</published>
    <updated>2025-03-01T09:00:00+05:00</updated>
    <author><name>Айгерім Садықова</name></author>
    <summary>Қысқаша: мектеп 1200 оқушыға арналған.</summary>
    <content type="html"><![CDATA[<p>Астана. Елордада жаңа мектеп ашылды.</p>]]></content>
  </entry>
  <entry>
    <title>Сілтемесіз жаңалық</title>
    <link rel="alternate" href="data:text/html,hello"/>
    <updated>2025-03-01T11:00:00Z</updated>
    <content type="text">Бірінші абзац.

Екінші абзац &amp; соңы.</content>
  </entry>
</feed>
"""

JSON_FEED_EN = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Example Wire",
    "home_page_url": "https://wire.example.com/",
    "language": "en-GB",
    "items": [
        {
            "id": "https://wire.example.com/2025/03/01/summit",
            "url": "/2025/03/01/summit",
            "title": "Leaders <b>meet</b> in Astana",
            "summary": "A summit on trade.",
            "content_html": "<p>ASTANA (Example) - Leaders met on Saturday.</p>",
            "date_published": "2025-03-01T10:00:00+06:00",
            "date_modified": "2025-03-01T11:00:00+06:00",
            "authors": [{"name": "Jane Doe"}, {"name": "John Roe"}],
        },
        {
            "title": "No id, no date",
            "content_text": "First paragraph.\nSecond paragraph <with> signs.",
            "url": "javascript:void(0)",
        },
        {"id": "future", "title": "From the future", "content_text": "Text.", "date_published": "2031-01-01T00:00:00Z"},
        {"id": "empty"},
    ],
}


def test_rss_in_russian():
    feed = parse(RSS_RU.encode(), now=NOW)
    assert (feed.format, feed.format_version, feed.encoding) == ("rss", "2.0", "utf-8")
    first, second, third = feed.items
    assert first.guid == "ru-2025-0001"
    assert first.title == "Президент подписал закон о бюджете"  # HTML in the title: its words only
    assert first.url == "https://news.example.ru/politics/budget-2025"  # relative, against the channel's link
    assert first.lead == "Закон вступает в силу с 1 января."
    assert first.body_html == RU_CONTENT
    assert first.published_at == datetime(2025, 3, 1, 7, 0, tzinfo=UTC)
    assert first.language == "ru"  # the channel's
    assert first.byline == "Иван Петров"
    assert first.source_name == "Новости агентства"
    assert first.licence == "© Агентство, 2025"
    assert first.problems == ()
    assert second.guid.startswith("sha256:")
    assert second.body_html == "Текст заметки <i>без</i> guid."  # a CDATA description is the body
    assert second.problems == ("no id", "no date")
    assert third.url is None
    assert third.published_at is None
    assert third.problems == (
        "link 'javascript:alert(document.cookie)' is not a web address; dropped",
        "date in the future (2031-03-01T07:00:00+00:00); ignored",
    )
    assert feed.problems == ()


def test_a_derived_id_is_the_same_in_every_reading():
    ids = [parse(RSS_RU.encode(), now=NOW).items[1].guid for _ in range(2)]
    assert ids[0] == ids[1]
    # The words make it, not the position: a feed with one item more keeps it.
    longer = RSS_RU.replace("<item>", "<item><title>Новое</title><guid>new</guid></item><item>", 1)
    assert parse(longer.encode(), now=NOW).items[2].guid == ids[0]


def test_atom_in_kazakh():
    feed = parse(ATOM_KK.encode(), now=NOW)
    assert (feed.format, feed.format_version) == ("atom", "1.0")
    first, second = feed.items
    assert first.guid == "urn:example:kz:1"
    assert first.title == "Астанада жаңа мектеп ашылды"
    assert first.url == "https://news.example.kz/kk/mektep"
    assert first.lead == "Қысқаша: мектеп 1200 оқушыға арналған."
    assert first.body_html == "<p>Астана. Елордада жаңа мектеп ашылды.</p>"
    assert first.published_at == datetime(2025, 3, 1, 3, 30, tzinfo=UTC)
    assert first.updated_at == datetime(2025, 3, 1, 4, 0, tzinfo=UTC)
    assert (first.language, first.byline, first.licence) == ("kk", "Айгерім Садықова", "© Агенттік")
    # Plain text content comes out as paragraphs; an id and a link it lacks, noted.
    assert second.body_html == "<p>Бірінші абзац.</p><p>Екінші абзац &amp; соңы.</p>"
    assert second.url is None
    assert second.guid.startswith("sha256:")
    assert second.problems == ("link 'data:text/html,hello' is not a web address; dropped", "no id")


def test_json_feed_in_english():
    feed = parse(json.dumps(JSON_FEED_EN).encode(), now=NOW)
    assert (feed.format, feed.format_version) == ("json-feed", "1.1")
    first, second, third = feed.items  # the one with neither title nor text is left out
    assert first.guid == "https://wire.example.com/2025/03/01/summit"
    assert first.title == "Leaders meet in Astana"
    assert first.url == "https://wire.example.com/2025/03/01/summit"
    assert (first.lead, first.body_html) == ("A summit on trade.", "<p>ASTANA (Example) - Leaders met on Saturday.</p>")
    assert first.published_at == datetime(2025, 3, 1, 10, 0, tzinfo=timezone(timedelta(hours=6)))
    assert first.updated_at == datetime(2025, 3, 1, 5, 0, tzinfo=UTC)
    assert (first.language, first.byline, first.source_name) == ("en", "Jane Doe, John Roe", "Example Wire")
    assert second.body_html == "<p>First paragraph.</p><p>Second paragraph &lt;with&gt; signs.</p>"
    assert second.url is None
    assert second.problems == ("url 'javascript:void(0)' is not a web address; dropped", "no id", "no date")
    assert third.published_at is None and "date in the future (2031-01-01T00:00:00+00:00); ignored" in third.problems
    assert feed.problems == ("item empty has no title and no text; left out",)


def test_a_date_a_minute_ahead_of_our_clock_is_kept():
    item = dict(JSON_FEED_EN["items"][2], date_published=(NOW + timedelta(minutes=2)).isoformat())
    feed = parse(json.dumps({**JSON_FEED_EN, "items": [item]}).encode(), now=NOW)
    assert feed.items[0].published_at == NOW + timedelta(minutes=2)
    assert feed.items[0].problems == ()


NINJS_1 = {
    "uri": "urn:example:ninjs1:1",
    "version": "3",
    "type": "text",
    "versioncreated": "2025-03-01T10:00:00+05:00",
    "language": "kk-KZ",
    "headline": "Алматыда қар жауды",
    "byline": "Ержан Қасымов",
    "description_text": "Қала көшелері аппақ.",
    "body_text": "Алматы. Түнде қалың қар жауды.\nЖолдар тазартылуда.",
    "copyrightnotice": "© Агенттік",
    "usageterms": "Тек редакциялық мақсатта",
    "embargoed": "2025-03-01T12:00:00+05:00",
}


def test_ninjs_1_in_kazakh():
    feed = parse(json.dumps(NINJS_1).encode(), now=NOW)
    assert (feed.format, feed.format_version) == ("ninjs", "1")
    [item] = feed.items
    assert (item.guid, item.version, item.title) == ("urn:example:ninjs1:1", "3", "Алматыда қар жауды")
    assert item.lead == "Қала көшелері аппақ."
    assert item.body_html == "<p>Алматы. Түнде қалың қар жауды.</p><p>Жолдар тазартылуда.</p>"
    assert (item.language, item.byline) == ("kk", "Ержан Қасымов")
    assert item.licence == "© Агенттік\nТек редакциялық мақсатта"
    assert item.embargoed_until == datetime(2025, 3, 1, 7, 0, tzinfo=UTC)
    assert item.problems == ()


@pytest.mark.parametrize(
    "document",
    [
        [NINJS_1, dict(NINJS_1, uri="urn:example:ninjs1:2")],
        {"headlines": [{"value": "Only a headline"}], "uri": "urn:x"},
    ],
    ids=["a list of items", "one item"],
)
def test_a_ninjs_file_holds_one_item_or_a_list(document):
    feed = parse(json.dumps(document).encode(), now=NOW)
    assert len(feed.items) == (len(document) if isinstance(document, list) else 1)
    assert feed.format == "ninjs"
