"""What a parser hands back: items in one shape whatever the wire's format, and the error
for a document that cannot be read at all."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise


@dataclass(frozen=True)
class WireItem:
    """One story as a wire gave it. body_html is the source's markup, not yet sanitised:
    the content app's sanitize_body does that when the item becomes a story."""

    guid: str
    title: str
    lead: str = ""
    body_html: str = ""
    version: str | None = None
    language: str | None = None
    published_at: datetime | None = None
    updated_at: datetime | None = None
    url: str | None = None
    byline: str = ""
    source_name: str = ""
    licence: str = ""
    # The wire allows no publication before this moment (ninjs embargoedUntil, NewsML-G2 embargoed).
    embargoed_until: datetime | None = None
    # What was wrong with the item but repaired or ignored ("no id", "no date", ...).
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedFeed:
    """A whole document: its items, what was wrong with it as a whole, and its format
    ("rss", "atom", "json-feed", "ninjs" or "newsml-g2") with the version it was read as."""

    format: str
    items: tuple[WireItem, ...] = ()
    problems: tuple[str, ...] = ()
    format_version: str | None = None
    encoding: str | None = None


class ParseError(Exception):
    """A document that cannot be read at all. The message is a plain English sentence for
    the desk, translated when shown."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


def derived_guid(*, url: str | None, title: str, text: str) -> str:
    """An id for an item the wire gave none: its link, else a hash of its words, so that
    the same item read twice gets the same id."""

    if url:
        return url
    words = " ".join(f"{title}\n{text}".split())
    return "sha256:" + hashlib.sha256(words.encode("utf-8")).hexdigest()
