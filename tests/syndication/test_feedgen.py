"""The XML writer: any text gives a well-formed document."""

from datetime import UTC, datetime

import feedparser
import pytest
from django.utils import feedgenerator
from django.utils.xmlutils import UnserializableContentError

from newsdesk.syndication.feedgen import Attribution, Channel, Entry, Media, Person, build_feed, xml_safe

WHEN = datetime(2025, 12, 11, 15, 30, tzinfo=UTC)


def test_djangos_own_writer_refuses_control_characters():
    """Why the writer here cleans: Django's raises (a 500 for the whole feed)."""
    feed = feedgenerator.Rss201rev2Feed(title="x", link="https://example.kz/", description="x")
    feed.add_item(title="vertical\x0btab", link="https://example.kz/1/", description="")
    with pytest.raises(UnserializableContentError):
        feed.writeString("utf-8")


def test_only_what_xml_cannot_hold_is_dropped():
    assert xml_safe("a\x00b\x0bc\x1fd\ufffee\uffff") == "abcde"
    kept = "tab\there\nnew line\r, Қазақ, 😀, \ue000, ]]> </title> &amp;"
    assert xml_safe(kept) == kept


def _hostile_entry(text: str) -> Entry:
    return Entry(
        title=text,
        link="https://example.kz/en/news/1-x/",
        guid="urn:uuid:00000000-0000-5000-8000-000000000000",
        published=WHEN,
        updated=WHEN,
        people=[Person(text, "https://example.kz/en/author/x\x0b/")],
        categories=[text],
        summary_html=text,
        content_html=text,
        media=Media(
            url="https://example.kz/m.jpg?\x0b",
            mime="image/jpeg",
            width=1,
            height=1,
            size=1,
            description=text,
            credit=text,
        ),
        source=Attribution(name=text, url="https://example.kz/\x0c"),
    )


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_hostile_text_everywhere_is_written_as_text(kind):
    text = "</title>]]><![CDATA[&\x0b\x00\ufffe<script>"
    channel = Channel(
        title=text,
        link="https://example.kz/en/",
        self_url="https://example.kz/en/rss.xml",
        language="en",
        description=text,
        rights=text,
        publisher=Person(text, "https://example.kz/en/"),
    )
    written = build_feed(kind=kind, channel=channel, entries=[_hostile_entry(text)]).writeString("utf-8")
    feed = feedparser.parse(written.encode())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == feed.entries[0].title == "</title>]]><![CDATA[&<script>"
