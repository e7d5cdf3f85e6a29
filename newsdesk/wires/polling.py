"""Polling the wires: each due source's feeds fetched politely (conditional requests, its
own interval, backing off after errors), read, and stored; a source's outcome kept on it
for the desk (last success, last error).

`wires_poll_due` runs on the worker's thread of its own (jobs.py) and polls the due
sources side by side on a few threads, so that a slow server holds up only its own source.
"""

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

import urllib3
from django.conf import settings
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from newsdesk.lib import outbound
from newsdesk.wires.detect import parse
from newsdesk.wires.ingest import Stored, items_store
from newsdesk.wires.models import WireFeed, WireFormat, WireSource
from newsdesk.wires.parsed import ParseError

log = logging.getLogger("newsdesk.wires")

ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json, "
    "application/vnd.iptc.g2.newsitem+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
)
# After n failures in a row a source waits 2^n of its intervals, at most a day.
LONGEST_WAIT = timedelta(days=1)


class PollFailed(Exception):
    """A feed could not be read; the message says why, for the desk."""


@dataclass(frozen=True)
class Polled:
    wire: str
    stored: Stored
    error: str = ""


def rules() -> outbound.Rules:
    return outbound.Rules(
        https_only=False, allow_private=settings.WIRES["ALLOW_PRIVATE"], timeout=settings.WIRES["TIMEOUT"]
    )


def feed_read(feed: WireFeed) -> tuple[bytes | None, str | None]:
    """The feed's new content (None when the server says it has not changed) and its type."""
    headers = {"User-Agent": f"Newsdesk wires (+{settings.SITE_URL})", "Accept": ACCEPT}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        answer = outbound.fetch(feed.url, headers=headers, rules=rules(), max_bytes=settings.WIRES["MAX_BYTES"])
    except outbound.Refused as refused:
        raise PollFailed(str(refused)) from refused
    except (urllib3.exceptions.HTTPError, OSError) as error:
        raise PollFailed(_("the server could not be reached (%(error)s)") % {"error": type(error).__name__}) from error
    if answer.status == 304:
        return None, None
    if answer.status != 200:
        raise PollFailed(_("the server answered %(status)d") % {"status": answer.status})
    feed.etag = answer.headers.get("etag", "")[:500]
    feed.last_modified = answer.headers.get("last-modified", "")[:100]
    return answer.body, answer.headers.get("content-type")


def wire_poll(wire: WireSource, *, now: datetime | None = None) -> Polled:
    """Read every feed of `wire` once (one failing feed does not stop the others); the
    outcome is kept on the wire."""
    now = now or timezone.now()
    stored = Stored()
    declared = None if wire.format == WireFormat.DETECT else wire.format
    errors = []
    # What the desk reads on the wire is written in the agency's main language, whatever
    # language the worker's thread last spoke.
    with translation.override(settings.LANGUAGE_CODE):
        for feed in wire.feeds.all():
            try:
                stored.add(_feed_poll(wire, feed, declared_format=declared, now=now))
            except PollFailed as failure:
                errors.append(f"{feed.url}: {failure}")
    outcome_record(wire, now=now, error="; ".join(errors))
    return Polled(wire.name, stored, "; ".join(errors))


def _feed_poll(wire: WireSource, feed: WireFeed, *, declared_format: str | None, now: datetime) -> Stored:
    content, content_type = feed_read(feed)
    if content is None:
        return Stored()
    try:
        parsed = parse(
            content, declared_format=declared_format, content_type=content_type, size_limit=settings.WIRES["MAX_BYTES"]
        )
    except ParseError as error:
        raise PollFailed(str(error)) from error
    if not parsed.items and parsed.problems:  # read leniently, and still nothing to take
        raise PollFailed("; ".join(parsed.problems))
    for problem in parsed.problems:
        log.info("wire %s: %s: %s", wire.name, feed.url, problem)
    stored = items_store(wire=wire, parsed=parsed, now=now)
    feed.save(update_fields=["etag", "last_modified"])  # only once its items are stored
    return stored


def outcome_record(wire: WireSource, *, now: datetime, error: str = "", reschedule: bool = True) -> None:
    """Success: the next poll after the wire's interval. An error: logged with the wire,
    kept on it, and the next poll later each time (2, 4, 8… intervals, at most a day).
    A drop folder's outcome (`reschedule` off) leaves the feeds' schedule alone."""
    interval = timedelta(minutes=wire.poll_minutes)
    if error:
        wire.failures += 1
        wire.last_error, wire.last_error_at = error[:2000], now
        if reschedule:
            wire.next_poll_at = now + min(interval * 2 ** min(wire.failures, 10), LONGEST_WAIT)
        log.warning("wire %s: %s (failure %d in a row)", wire.name, error, wire.failures)
    else:
        wire.failures, wire.last_success_at = 0, now
        if reschedule:
            wire.next_poll_at = now + interval
    wire.save(update_fields=["failures", "last_error", "last_error_at", "last_success_at", "next_poll_at"])


def _poll_in_thread(wire_id: int) -> Polled | None:
    try:
        wire = WireSource.objects.filter(pk=wire_id, is_active=True).first()
        return wire_poll(wire) if wire is not None else None
    except Exception:
        log.exception("wire %s: polling failed", wire_id)
        return None
    finally:
        connection.close()  # each thread's own connection


def wires_poll_due(*, now: datetime | None = None) -> list[Polled]:
    """Every active wire with feeds whose time has come, side by side."""
    now = now or timezone.now()
    due = list(
        WireSource.objects.filter(is_active=True, next_poll_at__lte=now, feeds__isnull=False)
        .distinct()
        .order_by("next_poll_at")
        .values_list("pk", flat=True)
    )
    if not due:
        return []
    with ThreadPoolExecutor(max_workers=settings.WIRES["POLLERS"], thread_name_prefix="wire") as pool:
        return [polled for polled in pool.map(_poll_in_thread, due) if polled is not None]
