"""RSS 2.0 and Atom 1.0 documents, written with Django's own `django.utils.feedgenerator`.

Why it and not a feed library: it is no new dependency, it is maintained with Django
(security fixes come with the framework's), and it writes through a streaming SAX
writer (`SimplerXMLGenerator`) that escapes every text and attribute value, so no
title can close an element or open markup. What it lacks is added here:

- the namespaces items need (Media RSS for the photo, `content:encoded` for the full
  text, Dublin Core for one `dc:creator` per person and for a source with no address),
  and in Atom one `<author>` per person, `<content type="html">`, the photo and the
  source as `<link rel="via">` (RFC 4287 4.2.7.2: "the source of the information";
  `<atom:source>` is for entries copied from another Atom feed, with its metadata);
- the update time in RSS items as `atom:updated` (Django's RSS leaves it out; the Atom
  namespace is declared on every RSS feed already, for the self link);
- characters XML 1.0 cannot hold. Django's writer raises on control characters
  (`UnserializableContentError`, a 500) and lets U+FFFE/U+FFFF through (a document no
  parser reads); the writer here drops both from every text and attribute instead.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import feedgenerator
from django.utils.xmlutils import SimplerXMLGenerator

MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"

# Everything outside XML 1.0's Char production (tab, newline and carriage return are in it).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value: str) -> str:
    """`value` without the characters an XML 1.0 document cannot contain."""
    return _NOT_XML.sub("", value)


class _XmlSafeWriter(SimplerXMLGenerator):
    """Django's writer, with the characters XML 1.0 forbids dropped rather than refused."""

    def characters(self, content: str) -> None:
        super().characters(xml_safe(content) if content else content)

    def startElement(self, name: str, attrs: Any) -> None:  # SAX names it so; a dict here, as Django passes
        cleaned = {key: xml_safe(value) if isinstance(value, str) else value for key, value in attrs.items()}
        super().startElement(name, cleaned)  # type: ignore[arg-type]


def _open(handler: SimplerXMLGenerator, name: str, attrs: dict[str, str] | None = None) -> None:
    # Django's own writers pass plain dicts for attributes too; the stubs ask for SAX's type.
    handler.startElement(name, attrs or {})  # type: ignore[arg-type]


@dataclass(frozen=True)
class Person:
    name: str
    uri: str  # their author page in the feed's edition


@dataclass(frozen=True)
class Media:
    """The story's photo as feed readers fetch it."""

    url: str
    mime: str
    width: int
    height: int
    size: int | None  # bytes; None when not known without reading the storage
    description: str
    credit: str


@dataclass(frozen=True)
class Attribution:
    """Who the story reports from (Source)."""

    name: str
    url: str


@dataclass(frozen=True)
class Entry:
    """One story as a feed item, every text already in the edition's script."""

    title: str
    link: str
    guid: str
    published: datetime
    updated: datetime
    people: Sequence[Person]
    categories: Sequence[str]
    summary_html: str
    content_html: str | None  # None: the feeds carry the lead only
    media: Media | None
    source: Attribution | None


@dataclass(frozen=True)
class Channel:
    title: str
    link: str  # the HTML page the feed follows
    self_url: str
    language: str  # BCP 47 (hreflang)
    description: str
    rights: str | None
    publisher: Person  # the feed's author: applies to entries with no byline (Atom requires one)


def _enclosure(media: Media | None) -> list[feedgenerator.Enclosure]:
    # RSS requires a length; an enclosure with an invented one would mislead readers.
    if media is None or media.size is None:
        return []
    return [feedgenerator.Enclosure(media.url, str(media.size), media.mime)]


def _media_content(handler: SimplerXMLGenerator, media: Media) -> None:
    attrs = {
        "url": media.url,
        "type": media.mime,
        "medium": "image",
        "width": str(media.width),
        "height": str(media.height),
    }
    if media.size is not None:
        attrs["fileSize"] = str(media.size)
    _open(handler, "media:content", attrs)
    if media.description:
        handler.addQuickElement("media:description", media.description, {"type": "plain"})
    if media.credit:
        handler.addQuickElement("media:credit", media.credit)
    handler.endElement("media:content")


class NewsRss(feedgenerator.Rss201rev2Feed):
    def write(self, outfile: Any, encoding: str) -> None:  # Any: a file-like object
        handler = _XmlSafeWriter(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        _open(handler, "rss", self.rss_attributes())
        _open(handler, "channel", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        self.endChannelElement(handler)
        handler.endElement("rss")

    def rss_attributes(self) -> dict[str, str]:
        return super().rss_attributes() | {"xmlns:content": CONTENT_NS, "xmlns:media": MEDIA_NS, "xmlns:dc": DC_NS}

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        entry: Entry = item["entry"]
        for person in entry.people:
            handler.addQuickElement("dc:creator", person.name)
        handler.addQuickElement("atom:updated", feedgenerator.rfc3339_date(entry.updated))
        if entry.content_html is not None:
            handler.addQuickElement("content:encoded", entry.content_html)
        if entry.media is not None:
            _media_content(handler, entry.media)
        if entry.source is not None and entry.source.url:
            handler.addQuickElement("source", entry.source.name, {"url": entry.source.url})
        elif entry.source is not None:
            handler.addQuickElement("dc:source", entry.source.name)


class NewsAtom(feedgenerator.Atom1Feed):
    def write(self, outfile: Any, encoding: str) -> None:  # Any: a file-like object
        handler = _XmlSafeWriter(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        _open(handler, "feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def root_attributes(self) -> dict[str, str]:
        return super().root_attributes() | {"xmlns:media": MEDIA_NS, "xmlns:dc": DC_NS}

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        entry: Entry = item["entry"]
        for person in entry.people:
            _open(handler, "author")
            handler.addQuickElement("name", person.name)
            handler.addQuickElement("uri", person.uri)
            handler.endElement("author")
        if entry.content_html is not None:
            handler.addQuickElement("content", entry.content_html, {"type": "html"})
        if entry.media is not None:
            _media_content(handler, entry.media)
        if entry.source is not None and entry.source.url:
            handler.addQuickElement("link", "", {"rel": "via", "href": entry.source.url, "title": entry.source.name})
        elif entry.source is not None:
            handler.addQuickElement("dc:source", entry.source.name)


FEED_CLASSES: dict[str, type[NewsRss | NewsAtom]] = {"rss": NewsRss, "atom": NewsAtom}


def build_feed(*, kind: str, channel: Channel, entries: Sequence[Entry]) -> NewsRss | NewsAtom:
    """The feed of `kind` ("rss" or "atom"); `write(out, "utf-8")` streams it."""
    feed = FEED_CLASSES[kind](
        title=channel.title,
        link=channel.link,
        description=channel.description,
        subtitle=channel.description,
        language=channel.language,
        feed_url=channel.self_url,
        feed_copyright=channel.rights,
        # Atom's feed-level author, inherited by entries without a byline (RFC 4287
        # 4.1.1); RSS has no such element and Django writes none there.
        author_name=channel.publisher.name if kind == "atom" else None,
        author_link=channel.publisher.uri if kind == "atom" else None,
    )
    for entry in entries:
        feed.add_item(
            title=entry.title,
            link=entry.link,
            description=entry.summary_html or None,  # type: ignore[arg-type]  # stubs: None is no description
            pubdate=entry.published,
            updateddate=entry.updated,
            unique_id=entry.guid,
            unique_id_is_permalink=False,
            categories=entry.categories,
            enclosures=_enclosure(entry.media),
            entry=entry,
        )
    return feed
