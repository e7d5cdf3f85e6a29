"""The archive's per-day counts (ArchiveDay), which the sitemap index is built from.

Three ways keep them right, each recounting rather than adding, so that running one
twice, or a replayed event, changes nothing:

- `archive_story_changed` (a `story_changed` receiver): recounts the story's day from the
  feed index (language, published_at) as soon as the change commits;
- `archive_days_reconcile` (a periodic job, syndication/jobs.py): one GROUP BY over the
  visible stories, compared with the table, rows that differ written again. It catches
  what the event cannot tell: the day a story was on before its publication time moved
  (the event carries the story as it is now), a receiver that failed, a worker that was
  down when a scheduled story came due, two changes of one day recounted at once;
- `archive_days_rebuild` (`manage.py sitemap_counts --rebuild`, the benchmark archive):
  the same GROUP BY, the table written afresh.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import Count, Max
from django.db.models.functions import TruncDate
from django.utils import timezone

from newsdesk.content.events import Change
from newsdesk.content.models import Article
from newsdesk.content.selectors import day_bounds
from newsdesk.siteconfig.selectors import site_settings
from newsdesk.syndication.models import ArchiveDay

log = logging.getLogger("newsdesk.syndication")

DayKey = tuple[str, date]  # (language, local day)


@dataclass(frozen=True)
class DayFigure:
    count: int
    modified: datetime  # the latest publication or shown update among the day's stories


def _modified(published: datetime, revised: datetime | None) -> datetime:
    return max(published, revised) if revised is not None else published


def archive_day_recount(*, language: str, day: date, now: datetime | None = None) -> int:
    """Count again the visible stories of `language` on local `day` and store the figure.

    One read of the feed index's range for the day, whatever the archive's size. The
    day's `last_modified` becomes `now`: the list (or a story on it) changed just now.
    Returns the count.
    """
    now = now or timezone.now()
    start, end = day_bounds(day=day, zone=site_settings().zone)
    found = (
        Article.objects.visible(now)
        .filter(language=language, published_at__gte=start, published_at__lt=end)
        .aggregate(count=Count("id"), published=Max("published_at"), revised=Max("revised_at"))
    )
    if not found["count"]:
        ArchiveDay.objects.filter(language=language, day=day).delete()
        return 0
    stamp = max(now, _modified(found["published"], found["revised"]))
    row = ArchiveDay(language=language, day=day, count=found["count"], last_modified=stamp)
    # An upsert: two app servers recounting one day cannot both insert it.
    ArchiveDay.objects.bulk_create(
        [row], update_conflicts=True, unique_fields=["language", "day"], update_fields=["count", "last_modified"]
    )
    return found["count"]


def archive_story_changed(*, article: Article, change: Change, **event: object) -> None:
    """`story_changed` receiver: the story's day (as the change left it) counted again.

    Whatever the change (published, scheduled, visible, withdrawn, corrected), the
    recount gives the right figure for that day. The day it was on before a move of its
    publication time is mended by the periodic reconcile (module docstring).
    """
    if article.published_at is None:
        return  # unscheduled: it was never visible, so no day counted it
    day = timezone.localtime(article.published_at, site_settings().zone).date()
    archive_day_recount(language=article.language, day=day)


def day_figures(*, now: datetime | None = None) -> dict[DayKey, DayFigure]:
    """Every (language, local day) with visible stories, in one GROUP BY over the articles."""
    zone = site_settings().zone
    rows = (
        Article.objects.visible(now or timezone.now())
        .annotate(local_day=TruncDate("published_at", tzinfo=zone))
        .order_by()
        .values_list("language", "local_day")
        .annotate(count=Count("id"), published=Max("published_at"), revised=Max("revised_at"))
    )
    return {
        (language, day): DayFigure(count, _modified(published, revised))
        for language, day, count, published, revised in rows
    }


def archive_days_rebuild() -> int:
    """Recompute the whole table in one pass (one GROUP BY); returns how many days it holds."""
    figures = day_figures()
    with transaction.atomic():
        ArchiveDay.objects.all().delete()
        ArchiveDay.objects.bulk_create(
            [
                ArchiveDay(language=language, day=day, count=figure.count, last_modified=figure.modified)
                for (language, day), figure in figures.items()
            ],
            batch_size=1000,
        )
    return len(figures)


def archive_days_reconcile(*, now: datetime | None = None) -> int:
    """Write again the days whose stored figure differs from the articles' (one GROUP BY);
    returns how many rows changed. A changed day's `last_modified` becomes `now`, since its
    list changed at some moment since the last look."""
    now = now or timezone.now()
    figures = day_figures(now=now)
    stored = {(row.language, row.day): row for row in ArchiveDay.objects.all()}
    changed = []
    for key, figure in figures.items():
        row = stored.get(key)
        if row is None or row.count != figure.count or row.last_modified < figure.modified:
            stamp = now if row is None or row.count != figure.count else figure.modified
            changed.append(ArchiveDay(language=key[0], day=key[1], count=figure.count, last_modified=stamp))
    gone = [row.pk for key, row in stored.items() if key not in figures]
    with transaction.atomic():
        if gone:
            ArchiveDay.objects.filter(pk__in=gone).delete()
        if changed:
            ArchiveDay.objects.bulk_create(
                changed,
                batch_size=1000,
                update_conflicts=True,
                unique_fields=["language", "day"],
                update_fields=["count", "last_modified"],
            )
    if changed or gone:
        log.info("archive days reconciled: %d written again, %d dropped", len(changed), len(gone))
    return len(changed) + len(gone)
