"""RSS 2.0, RSS 1.0 and Atom through feedparser; JSON Feed 1.0 and 1.1 through json.

feedparser is given the document's bytes in a stream, never a string: a string may be
taken for an address or a file name and fetched. Its SAX parser does not load external
entities, and before parsing it drops every entity declaration but plain text ones;
detect.py refuses the hostile ones before feedparser sees them."""

import io
import re
import time
from datetime import UTC, datetime
from typing import Any

import feedparser
from django.utils.translation import gettext_lazy

from newsdesk.wires.encoding import xml_utf8
from newsdesk.wires.fields import iso_datetime, joined, one_line, paragraphs_html, plain_text, primary_language, web_url
from newsdesk.wires.parsed import ParsedFeed, ParseError, WireItem, derived_guid

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_EMAIL_WITH_NAME = re.compile(r"^\S+@\S+\s*\((.+)\)$")
_EMAIL = re.compile(r"^\S+@\S+$")
_VERSIONS = {"rss20": "2.0", "rss10": "1.0", "rss090": "0.90", "rss091u": "0.91", "rss091n": "0.91", "rss092": "0.92"}
_VERSIONS |= {"rss093": "0.93", "rss094": "0.94", "atom10": "1.0", "atom03": "0.3", "atom02": "0.2", "atom01": "0.1"}


def _get(mapping: Any, key: str) -> Any:
    # dict.get, not FeedParserDict.get: that one answers updated_parsed with published_parsed.
    return dict.get(mapping, key) if isinstance(mapping, dict) else None


def _text_of(detail: Any, value: Any) -> str:
    """A title or summary as plain text, whether the feed marked it up or not."""

    if not isinstance(value, str):
        return ""
    return plain_text(value) if (_get(detail, "type") or "text/plain") in _HTML_TYPES else one_line(value)


def _struct_time(value: Any) -> datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    return datetime(*value[:6], tzinfo=UTC)


def _person(entry: Any) -> str:
    names = [one_line(_get(a, "name")) for a in _get(entry, "authors") or []] or [one_line(_get(entry, "author"))]
    people = []
    for name in names:
        if found := _EMAIL_WITH_NAME.match(name):
            name = found.group(1)
        if name and not _EMAIL.match(name) and name not in people:
            people.append(name)
    return ", ".join(people)


def _body(entry: Any, summary: str, summary_detail: Any) -> tuple[str, str]:
    """The body as HTML, and the summary if it is more than a copy of the body."""

    contents = [c for c in _get(entry, "content") or [] if isinstance(c, dict) and _get(c, "value")]
    contents.sort(key=lambda c: _get(c, "type") not in _HTML_TYPES)
    if contents:
        best = contents[0]
        body = best["value"] if _get(best, "type") in _HTML_TYPES else paragraphs_html(best["value"])
        return body, "" if summary.strip() == str(best["value"]).strip() else summary
    if not summary:
        return "", ""
    kind = _get(summary_detail, "type") or "text/plain"
    return (summary if kind in _HTML_TYPES else paragraphs_html(summary)), summary


def _language(entry: Any, feed_language: str | None) -> str | None:
    for key in ("content", "summary_detail", "title_detail"):
        details = _get(entry, key)
        for detail in details if isinstance(details, list) else [details]:
            if language := primary_language(_get(detail, "language")):
                return language
    return feed_language


def _entry(entry: Any, feed: Any, base: str | None) -> WireItem:
    problems: list[str] = []
    title = _text_of(_get(entry, "title_detail"), _get(entry, "title") or "")
    title = " ".join(title.split())
    summary = _get(entry, "summary") or ""
    body, summary = _body(entry, summary, _get(entry, "summary_detail"))
    link = _get(entry, "link")
    url = web_url(link, base)
    if link and url is None:
        problems.append(f"link {str(link)[:80]!r} is not a web address; dropped")
    guid = one_line(_get(entry, "id"))
    if not guid:
        guid = derived_guid(url=url, title=title, text=plain_text(body))
        problems.append("no id")
    published = _struct_time(_get(entry, "published_parsed"))
    updated = _struct_time(_get(entry, "updated_parsed"))
    for key, parsed in (("published", published), ("updated", updated)):
        if _get(entry, key) and parsed is None:
            problems.append(f"{key} is not a date: {str(_get(entry, key))[:40]!r}")
    source = _get(entry, "source")
    return WireItem(
        guid=guid,
        title=title,
        lead=" ".join(_text_of(_get(entry, "summary_detail"), summary).split()),
        body_html=body,
        language=_language(entry, primary_language(_get(feed, "language"))),
        published_at=published,
        updated_at=updated,
        url=url,
        byline=_person(entry),
        source_name=one_line(_get(source, "title"))
        or one_line(_get(feed, "publisher"))
        or one_line(_get(feed, "title")),
        licence=joined(_get(entry, "rights") or _get(feed, "rights") or ""),
        problems=tuple(problems),
    )


def parse_xml_feed(text: str) -> ParsedFeed:
    """An RSS or Atom document; a malformed one is read leniently and the flaw recorded."""

    result = feedparser.parse(
        io.BytesIO(xml_utf8(text)),
        response_headers={"content-type": "application/xml; charset=utf-8"},
        sanitize_html=False,  # the content app sanitises, with its own rules
        resolve_relative_uris=False,
    )
    version = result.get("version") or ""
    entries = result.get("entries") or []
    problems: list[str] = []
    if result.get("bozo"):
        flaw = one_line(str(result.get("bozo_exception")))[:200]
        problems.append(f"the XML is malformed ({flaw}); read leniently" if entries or version else flaw)
    if not version and not entries:
        raise ParseError(gettext_lazy("The document is not an RSS or Atom feed."))
    feed = result.get("feed") or {}
    base = web_url(_get(feed, "link"))
    items = tuple(_entry(entry, feed, base) for entry in entries)
    return ParsedFeed(
        format="atom" if version.startswith("atom") else "rss",
        format_version=_VERSIONS.get(version),
        items=items,
        problems=tuple(problems),
    )


def _string(item: dict[str, Any], key: str, problems: list[str]) -> str:
    value = item.get(key)
    if value is None or isinstance(value, str):
        return value or ""
    problems.append(f"{key} is not a string")
    return ""


def _json_authors(item: dict[str, Any]) -> str:
    people = item.get("authors")
    if not isinstance(people, list):
        people = [item.get("author")]
    names = [one_line(p.get("name")) for p in people if isinstance(p, dict)]
    return ", ".join(n for n in names if n)


def _json_item(item: dict[str, Any], feed: dict[str, Any], base: str | None) -> WireItem:
    problems: list[str] = []
    title = " ".join(plain_text(_string(item, "title", problems)).split())
    content_html = _string(item, "content_html", problems)
    body = content_html or paragraphs_html(_string(item, "content_text", problems))
    link = item.get("url")
    url = web_url(link, base)
    if link and url is None:
        problems.append(f"url {str(link)[:80]!r} is not a web address; dropped")
    raw_id = item.get("id")
    if isinstance(raw_id, int | float) and not isinstance(raw_id, bool):
        problems.append("id is a number, not a string")
        raw_id = str(raw_id)
    guid = one_line(raw_id) if isinstance(raw_id, str) else ""
    if not guid:
        guid = derived_guid(url=url, title=title, text=plain_text(body))
        problems.append("no id")
    return WireItem(
        guid=guid,
        title=title,
        lead=" ".join(plain_text(_string(item, "summary", problems)).split()),
        body_html=body,
        language=primary_language(item.get("language")) or primary_language(feed.get("language")),
        published_at=iso_datetime(item.get("date_published"), problems, "date_published"),
        updated_at=iso_datetime(item.get("date_modified"), problems, "date_modified"),
        url=url,
        byline=_json_authors(item) or _json_authors(feed),
        source_name=one_line(feed.get("title")),
        problems=tuple(problems),
    )


def parse_json_feed(document: dict[str, Any]) -> ParsedFeed:
    """A JSON Feed (https://jsonfeed.org/version/1.1) already read by json."""

    version = str(document.get("version", "")).rstrip("/").rsplit("/", 1)[-1]
    raw_items = document.get("items")
    problems: list[str] = []
    if not isinstance(raw_items, list):
        problems.append("items is not a list")
        raw_items = []
    base = web_url(document.get("home_page_url"))
    items = []
    for number, item in enumerate(raw_items, start=1):
        if isinstance(item, dict):
            items.append(_json_item(item, document, base))
        else:
            problems.append(f"item {number} is not an object; skipped")
    return ParsedFeed(format="json-feed", format_version=version or None, items=tuple(items), problems=tuple(problems))
