"""One entry for every wire: bytes in, a ParsedFeed out, or a ParseError saying why not.

The format is sniffed unless the source declares it; the rules every format shares are
kept here: a size cap, no entity declarations that could fetch files or expand without
end, no dates in the future, no items without a title and without text."""

import dataclasses
import json
import logging
import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from newsdesk.wires.encoding import decode
from newsdesk.wires.feeds import parse_json_feed, parse_xml_feed
from newsdesk.wires.fields import plain_text
from newsdesk.wires.newsml import NAR, parse_newsml
from newsdesk.wires.ninjs import NINJS_KEYS, parse_ninjs
from newsdesk.wires.parsed import ParsedFeed, ParseError

log = logging.getLogger(__name__)

DEFAULT_SIZE_LIMIT = 10 * 1024 * 1024
# A clock a little ahead of ours is not a date in the future.
FUTURE_TOLERANCE = timedelta(minutes=5)
FORMATS = ("rss", "atom", "json-feed", "ninjs", "newsml-g2")

# What may come before the root element: the XML declaration, comments, processing
# instructions and a DOCTYPE with its internal subset.
_PROLOGUE = re.compile(r"\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE(?:[^\[>]|\[[^\]]*\])*>\s*)*", re.S | re.I)
_PROLOGUE_LIMIT = 1024 * 1024
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_ENTITY = re.compile(r"<!ENTITY[^>]*>", re.S)
_HOSTILE_ENTITY = re.compile(r"\bSYSTEM\b|\bPUBLIC\b|[&%]")
_XML_FEED_ROOTS = frozenset(["rss", "feed", "RDF", "channel"])
_NEWSML_ROOTS = frozenset(["newsItem", "newsMessage", "contentSet", "inlineXML", "nitf"])


def _xml_root(text: str) -> tuple[str, str]:
    """The root element's local name and the prologue before it."""

    end = _PROLOGUE.match(text[:_PROLOGUE_LIMIT])
    prologue_end = end.end() if end else 0
    found = _ROOT.match(text, prologue_end)
    if found is None:  # a prologue we could not follow: look further, refuse its entities
        found = _ROOT.search(text, prologue_end)
        prologue_end = found.start() if found else min(len(text), 65536)
    name = found.group(1).rsplit(":", 1)[-1] if found else ""
    return name, text[:prologue_end]


def _refuse_entities(prologue: str) -> list[str]:
    declared = _ENTITY.findall(prologue)
    if any(_HOSTILE_ENTITY.search(d[len("<!ENTITY") :]) for d in declared):
        raise ParseError(
            gettext_lazy(
                "The document declares XML entities that refer to files or to other entities. "
                "Wires never need them; they are how XML bombs and file-reading attacks work."
            )
        )
    return ["the document declares its own entities"] if declared else []


def _sniff_json(text: str) -> tuple[str, Any]:
    try:
        document = json.loads(text)
    except RecursionError as error:
        raise ParseError(gettext_lazy("The JSON is nested too deeply to be a wire.")) from error
    except ValueError as error:
        raise ParseError(gettext_lazy("The document is not valid JSON.")) from error
    if isinstance(document, dict) and "jsonfeed.org/version/" in str(document.get("version", "")):
        return "json-feed", document
    objects = document if isinstance(document, list) else [document]
    if objects and all(isinstance(o, dict) for o in objects) and all(set(o) & NINJS_KEYS for o in objects):
        return "ninjs", document
    raise ParseError(gettext_lazy("The JSON is neither a JSON Feed nor ninjs."))


def _read(
    text: str, declared: str | None, schemas: Mapping[str, Mapping[str, Any]] | None
) -> tuple[ParsedFeed, list[str]]:
    start = text.lstrip()[:1]
    if start in ("{", "[", '"'):
        sniffed, document = _sniff_json(text)
        if declared and declared != sniffed:
            raise ParseError(
                format_lazy(gettext_lazy("The document is {found}, not {declared}."), found=sniffed, declared=declared)
            )
        return (parse_json_feed(document) if sniffed == "json-feed" else parse_ninjs(document, schemas)), []
    if start != "<":
        raise ParseError(gettext_lazy("The document is neither XML nor JSON."))
    root, prologue = _xml_root(text)
    if root.lower() == "html" or re.search(r"<!DOCTYPE\s+html", prologue, re.I):
        raise ParseError(gettext_lazy("The document is an HTML page, not a feed."))
    problems = _refuse_entities(prologue)
    kind = declared or ("newsml-g2" if root in _NEWSML_ROOTS else "rss" if root in _XML_FEED_ROOTS else "")
    if kind == "newsml-g2":
        if root in ("newsItem", "newsMessage") and NAR not in text[:65536]:
            raise ParseError(gettext_lazy("The document is XML but not NewsML-G2."))
        return parse_newsml(text), problems
    if kind in ("rss", "atom"):
        return parse_xml_feed(text), problems
    raise ParseError(
        gettext_lazy("The document is not in a wire format we read: RSS, Atom, JSON Feed, ninjs or NewsML-G2.")
    )


def _checked(feed: ParsedFeed, problems: list[str], now: datetime) -> ParsedFeed:
    """The items with dates in the future dropped, a missing date noted, and items with
    neither a title nor text left out."""

    latest = now + FUTURE_TOLERANCE
    kept = []
    for item in feed.items:
        notes = list(item.problems)
        dates = {"published_at": item.published_at, "updated_at": item.updated_at}
        for field, moment in dates.items():
            if moment is not None and moment > latest:
                notes.append(f"date in the future ({moment.isoformat()}); ignored")
                dates[field] = None
        if item.published_at is None and item.updated_at is None:
            notes.append("no date")
        if not item.title and not (plain_text(item.body_html) or item.lead):
            problems.append(f"item {item.guid} has no title and no text; left out")
            continue
        if not item.title:
            notes.append("no title")
        elif not (plain_text(item.body_html) or item.lead) and not any(n.startswith("not text") for n in notes):
            notes.append("no text")
        kept.append(
            dataclasses.replace(
                item,
                problems=tuple(dict.fromkeys(notes)),
                published_at=dates["published_at"],
                updated_at=dates["updated_at"],
            )
        )
    return dataclasses.replace(feed, items=tuple(kept), problems=tuple(dict.fromkeys(problems)))


def parse(
    content: bytes,
    *,
    declared_format: str | None = None,
    content_type: str | None = None,
    size_limit: int = DEFAULT_SIZE_LIMIT,
    now: datetime | None = None,
    ninjs_schemas: Mapping[str, Mapping[str, Any]] | None = None,
) -> ParsedFeed:
    """Read one wire document. declared_format is one of FORMATS when the source says;
    content_type is the HTTP header, for its charset; ninjs_schemas maps "2" and "3" to
    IPTC's schemas when ninjs items should be validated too."""

    if declared_format is not None and declared_format not in FORMATS:
        raise ValueError(f"unknown wire format {declared_format!r}; one of {', '.join(FORMATS)}")
    if len(content) > size_limit:
        raise ParseError(
            format_lazy(
                gettext_lazy("The document is larger than the limit of {limit} MB for a wire."),
                limit=round(size_limit / 1024 / 1024, 1),
            )
        )
    if not content.strip():
        raise ParseError(gettext_lazy("The document is empty."))
    try:
        decoded = decode(content, content_type)
        text = decoded.text.lstrip("\ufeff")
        if not text.strip():
            raise ParseError(gettext_lazy("The document is empty."))
        feed, problems = _read(text, declared_format, ninjs_schemas)
    except ParseError:
        raise
    except Exception as error:
        # A reader's bug must not stop the worker: the source is told, the bug logged.
        log.exception("wire parsing failed on a %s document", declared_format or "sniffed")
        raise ParseError(gettext_lazy("The document could not be read.")) from error
    problems = [*decoded.problems, *problems, *feed.problems]
    return dataclasses.replace(_checked(feed, problems, now or timezone.now()), encoding=decoded.encoding)
