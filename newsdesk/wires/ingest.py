"""Items into the Incoming desk: new ones stored, newer versions replacing older ones,
the same text from another wire folded into the item that came first."""

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from newsdesk.content.text import body_plain_text, clean_plain_text, sanitize_body
from newsdesk.wires.models import WireItem, WireItemKey, WireItemVersion, WireSource
from newsdesk.wires.parsed import ParsedFeed
from newsdesk.wires.parsed import WireItem as ParsedItem
from newsdesk.wires.search import item_terms_update

log = logging.getLogger("newsdesk.wires")

_LIMITS = {"title": 500, "byline": 300, "url": 1000, "guid": 500}


@dataclass
class Stored:
    new: int = 0
    updated: int = 0
    folded: int = 0
    unchanged: int = 0

    def add(self, other: "Stored") -> None:
        self.new += other.new
        self.updated += other.updated
        self.folded += other.folded
        self.unchanged += other.unchanged


def text_hash(*, title: str, body: str) -> str:
    """The same press release from two wires: the same words, whatever their markup,
    case or spacing."""
    words = " ".join(f"{title} {body_plain_text(body)}".casefold().split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class _Text:
    title: str
    lead: str
    body: str
    digest: str


def _text_of(item: ParsedItem) -> _Text | None:
    title = clean_plain_text(item.title)[: _LIMITS["title"]]
    body = sanitize_body(item.body_html) if item.body_html else ""
    lead = clean_plain_text(item.lead)
    if not title:
        title = (lead or body_plain_text(body))[:120].rsplit(" ", 1)[0]
    if not title:
        return None
    return _Text(title=title, lead=lead, body=body, digest=text_hash(title=title, body=body or lead))


def items_store(*, wire: WireSource, parsed: ParsedFeed, now: datetime | None = None) -> Stored:
    """Every item of `parsed`, each in its own transaction (one bad item loses no other).

    Items the wire sent before with the same text, most of a feed at every poll, are
    known from one read and cost no transaction: on SQLite every transaction takes the
    database's one write lock, which the view counts' flush needs too."""
    now = now or timezone.now()
    stored = Stored()
    known = _known_texts(wire=wire, guids=[item.guid[: _LIMITS["guid"]] for item in parsed.items])
    for item in parsed.items:
        text = _text_of(item)
        if text is None:
            log.warning("wire %s: an item with no title and no text (%s) was left out", wire.name, item.guid[:80])
            continue
        if known.get(item.guid[: _LIMITS["guid"]]) == text.digest:
            stored.add(Stored(unchanged=1))
            continue
        with transaction.atomic():
            stored.add(_item_store(wire=wire, item=item, text=text, now=now))
    return stored


def _known_texts(*, wire: WireSource, guids: list[str]) -> dict[str, str]:
    """Of `guids`, those `wire` sent before: their item's text digest."""
    known: dict[str, str] = {}
    for start in range(0, len(guids), 500):
        keys = WireItemKey.objects.filter(wire=wire, guid__in=guids[start : start + 500])
        known.update(keys.values_list("guid", "item__text_hash"))
    return known


def _item_store(*, wire: WireSource, item: ParsedItem, text: _Text, now: datetime) -> Stored:
    guid = item.guid[: _LIMITS["guid"]]
    key = WireItemKey.objects.select_related("item").select_for_update().filter(wire=wire, guid=guid).first()
    if key is not None:
        return _version_store(existing=key.item, item=item, text=text, now=now)
    window = now - timedelta(days=settings.WIRES["RETENTION_DAYS"])
    twin = WireItem.objects.filter(text_hash=text.digest, changed_at__gte=window).order_by("id").first()
    if twin is not None:
        WireItemKey.objects.create(item=twin, wire=wire, guid=guid)
        return Stored(folded=1)
    created = WireItem(
        wire=wire,
        guid=guid,
        text_hash=text.digest,
        language=(item.language or wire.language or "")[:8],
        title=text.title,
        lead=text.lead,
        body=text.body,
        url=(item.url or "")[: _LIMITS["url"]],
        byline=clean_plain_text(item.byline)[: _LIMITS["byline"]],
        licence=item.licence or wire.licence,
        published_at=item.published_at,
        embargoed_until=item.embargoed_until,
        received_at=now,
        changed_at=now,
    )
    item_terms_update(created)
    created.save()
    WireItemKey.objects.create(item=created, wire=wire, guid=guid)
    WireItemVersion.objects.create(
        item=created, number=1, title=text.title, lead=text.lead, body=text.body, received_at=now
    )
    return Stored(new=1)


def _version_store(*, existing: WireItem, item: ParsedItem, text: _Text, now: datetime) -> Stored:
    if existing.text_hash == text.digest:
        return Stored(unchanged=1)
    existing.versions_count += 1
    existing.text_hash = text.digest
    existing.title, existing.lead, existing.body = text.title, text.lead, text.body
    existing.url = (item.url or existing.url)[: _LIMITS["url"]]
    existing.embargoed_until = item.embargoed_until
    existing.changed_at = now
    item_terms_update(existing)
    existing.save()
    WireItemVersion.objects.create(
        item=existing, number=existing.versions_count, title=text.title, lead=text.lead, body=text.body,
        received_at=now,
    )  # fmt: skip
    return Stored(updated=1)


def items_forget(*, now: datetime | None = None) -> int:
    """Items nobody took, unchanged for the retention period, are forgotten."""
    before = (now or timezone.now()) - timedelta(days=settings.WIRES["RETENTION_DAYS"])
    forgotten = WireItem.objects.filter(changed_at__lt=before, takes__isnull=True)
    count = forgotten.count()
    forgotten.delete()
    return count
