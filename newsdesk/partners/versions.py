"""Every version of a story partners may be told of, and the change feed's order.

A change is noted in its own transaction (`versions_story_changing`, on
content.events.story_changing), so it is never lost; once it has committed,
`pending_settle` turns the note into an ItemVersion (the ninjs items of the story's
editions, as they are now) and the outbox's deliveries, in one transaction. The worker
settles any note a stopped process left behind.

Who may see a version (`shown_to`):

- a story readers can see: every partner that takes its edition and section (usable);
- a story held by an embargo: only partners who receive embargoed stories (withheld,
  with the embargo's end); the others hear of it when it becomes visible;
- a story scheduled without an embargo: no partner until its time (a schedule is the
  desk's plan, not a release);
- a withdrawn or unscheduled story: canceled, for those who were shown it.
"""

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from newsdesk.content.models import Article
from newsdesk.content.visibility import is_visible_at
from newsdesk.editions.editions import editions_showing
from newsdesk.partners.models import ItemClock, ItemVersion, PendingChange, PubStatus, ShownTo
from newsdesk.partners.ninjs import Sibling, VersionFacts, moment, ninjs_item
from newsdesk.partners.outbox import deliveries_write
from newsdesk.partners.selectors import articles_for_items, visible_siblings
from newsdesk.siteconfig.models import SiteSettings
from newsdesk.siteconfig.selectors import site_settings

log = logging.getLogger("newsdesk.partners")

# What a version says of itself; two versions that differ only in these are the same.
_OWN_FIELDS = ("version", "versionCreated")


def versions_story_changing(*, article: Article, change: str, **kwargs: object) -> None:
    """Receiver of story_changing: the note, in the change's transaction."""
    PendingChange.objects.create(article_id=article.pk, change=str(change), at=timezone.now())


def versions_story_changed(*, article: Article, **kwargs: object) -> None:
    """Receiver of story_changed: the change has committed; settle its note now."""
    pending_settle(article_ids=[article.pk])


def _clock_tick() -> None:
    """Take the clock's lock until this transaction commits: versions are numbered one
    settlement at a time, so their ids commit in order."""
    if not ItemClock.objects.filter(pk=1).update(ticks=F("ticks") + 1):
        ItemClock.objects.create(pk=1, ticks=1)


def pending_settle(
    *, article_ids: Iterable[int] | None = None, limit: int = 200, backfill: bool = False
) -> list[ItemVersion]:
    """Turn noted changes into versions and deliveries; the versions written. A backfill
    dates each version by the story's last change and sends nothing."""
    with transaction.atomic():
        notes = PendingChange.objects.order_by("id")
        if article_ids is not None:
            notes = notes.filter(article_id__in=list(article_ids))
        if not notes.exists():
            return []
        _clock_tick()
        taken = list(notes.values_list("id", "article_id", "change")[:limit])
        last_change = {article_id: change for _id, article_id, change in taken}
        articles = articles_for_items(last_change)
        siblings = visible_siblings(articles)
        previous = {v.article_id: v for v in ItemVersion.objects.filter(article_id__in=list(last_change), current=True)}
        site, now = site_settings(), timezone.now()
        written = []
        for article in articles:
            version = _next_version(
                article,
                change=last_change[article.pk],
                previous=previous.get(article.pk),
                siblings=siblings.get(article.pk, []),
                site=site,
                now=now,
                created=(article.modified_at or now) if backfill else now,
            )
            if version is not None:
                written.append(version)
        ItemVersion.objects.filter(
            pk__in=[previous[v.article_id].pk for v in written if v.article_id in previous]
        ).update(current=False)
        ItemVersion.objects.bulk_create(written)
        PendingChange.objects.filter(pk__in=[row[0] for row in taken]).delete()
        if not backfill:
            deliveries_write(versions=written, previous=previous)
    return written


def _state(article: Article, now: datetime) -> tuple[str, str] | None:
    """(pubstatus, shown_to) of a published story now, or None when it is not published."""
    if article.status != Article.Status.PUBLISHED or article.published_at is None:
        return None
    if is_visible_at(
        now=now, status=article.status, published_at=article.published_at, embargo_until=article.embargo_until
    ):
        return PubStatus.USABLE, ShownTo.ALL
    if article.embargo_until is not None and article.embargo_until > now:
        return PubStatus.WITHHELD, ShownTo.EMBARGO
    return PubStatus.WITHHELD, ShownTo.NONE


def _next_version(
    article: Article,
    *,
    change: str,
    previous: ItemVersion | None,
    siblings: list[Sibling],
    site: SiteSettings,
    now: datetime,
    created: datetime,
) -> ItemVersion | None:
    number = previous.version + 1 if previous is not None else 1
    state = _state(article, now)
    if state is None:  # withdrawn, or taken off the schedule: canceled for whoever was shown it
        if previous is None or previous.pubstatus == PubStatus.CANCELED:
            return None
        items = {
            edition: {
                **item,
                "pubStatus": PubStatus.CANCELED,
                "version": str(number),
                "versionCreated": moment(created),
            }
            for edition, item in previous.items.items()
        }
        return ItemVersion(
            article=article, version=number, change=change, language=previous.language, section_id=article.section_id,
            published_at=previous.published_at, created_at=created, pubstatus=PubStatus.CANCELED,
            shown_to=previous.shown_to, items=items,
        )  # fmt: skip
    pubstatus, shown_to = state
    assert article.published_at is not None
    facts = VersionFacts(version=number, created=created, pubstatus=pubstatus)
    items = {
        edition: ninjs_item(article, edition=edition, facts=facts, siblings=siblings, site=site)
        for edition in editions_showing(article.language)
    }
    if previous is not None and previous.shown_to == shown_to and _same(previous.items, items):
        return None  # nothing a partner would see changed (a second note of one change)
    return ItemVersion(
        article=article, version=number, change=change, language=article.language, section_id=article.section_id,
        published_at=article.published_at, created_at=created, pubstatus=pubstatus, shown_to=shown_to, items=items,
    )  # fmt: skip


def _same(a: dict[str, dict[str, Any]], b: dict[str, dict[str, Any]]) -> bool:
    def strip(items: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {e: {k: v for k, v in item.items() if k not in _OWN_FIELDS} for e, item in items.items()}

    return strip(a) == strip(b)


def versions_backfill(*, batch: int = 500) -> int:
    """A first version for every published story that has none (an archive from before the
    partner API, the demo, the benchmarks' data): how many were written. Stories that
    become visible later are announced by the worker as usual."""
    written = 0
    last = 0
    while True:
        # NOT EXISTS, not NOT IN: PostgreSQL runs NOT IN over a list it cannot hash (more
        # rows than work_mem holds, as it believes when its statistics are old) as a scan
        # of that list for each story, which made a million stories' backfill quadratic.
        has_version = ItemVersion.objects.filter(article_id=OuterRef("pk"), article_id__gt=last)
        ids = list(
            Article.objects.filter(~Exists(has_version), status=Article.Status.PUBLISHED, pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return written
        last = ids[-1]
        with transaction.atomic():
            now = timezone.now()
            PendingChange.objects.bulk_create(PendingChange(article_id=pk, change="published", at=now) for pk in ids)
        written += len(pending_settle(article_ids=ids, limit=batch, backfill=True))
