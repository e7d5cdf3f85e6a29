"""The public log of corrections: every correction of a story readers may see, newest first.

A correction is public while its story is: a scheduled or embargoed story's correction
appears when the story does, a withdrawn story's is gone with it (the visibility rule,
applied through the join). Paged by keyset on (created_at, id), as the feeds are.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from newsdesk.content.models import Correction
from newsdesk.content.selectors import ArticleLink, Cursor, FeedPage
from newsdesk.content.visibility import visible_condition

_FIELDS = (
    "id",
    "note",
    "created_at",
    "article__id",
    "article__language",
    "article__title",
    "article__slug",
    "article__published_at",
)


@dataclass
class PublicCorrection:
    """A correction as the log shows it: its note and time, and the story it corrects."""

    id: int
    note: str
    created_at: datetime
    article: ArticleLink


def public_corrections(*, language: str) -> QuerySet[Correction]:
    """The corrections of the visible stories of `language` (not ordered)."""
    return Correction.objects.filter(
        visible_condition(now=timezone.now(), prefix="article__"), article__language=language
    )


def _rows(qs: QuerySet[Correction]) -> list[PublicCorrection]:
    return [
        PublicCorrection(pk, note, created_at, ArticleLink(*story))
        for pk, note, created_at, *story in qs.values_list(*_FIELDS)
    ]


def _cursor(correction: PublicCorrection) -> Cursor:
    return Cursor(at=correction.created_at, id=correction.id)


def corrections_page(
    *, language: str, before: Cursor | None = None, after: Cursor | None = None, limit: int = 20
) -> FeedPage:
    """One page of the log, newest first; `before` pages to older corrections, `after` to
    newer ones (at most one is given). One query: `limit + 1` rows tell whether there is more."""
    qs = public_corrections(language=language)
    if after is not None:
        newer_first = Q(created_at__gt=after.at) | Q(created_at=after.at, id__gt=after.id)
        rows = _rows(qs.filter(newer_first).order_by("created_at", "id")[: limit + 1])
        items = list(reversed(rows[:limit]))
        newer = _cursor(items[0]) if len(rows) > limit and items else None
        return FeedPage(items=items, older=_cursor(items[-1]) if items else None, newer=newer)
    if before is not None:
        qs = qs.filter(Q(created_at__lt=before.at) | Q(created_at=before.at, id__lt=before.id))
    rows = _rows(qs.order_by("-created_at", "-id")[: limit + 1])
    items = rows[:limit]
    older = _cursor(items[-1]) if len(rows) > limit else None
    newer = _cursor(items[0]) if before is not None and items else None
    return FeedPage(items=items, older=older, newer=newer)


def corrections_latest(*, language: str, limit: int) -> list[PublicCorrection]:
    """The newest `limit` public corrections of `language` (the corrections feeds)."""
    return _rows(public_corrections(language=language).order_by("-created_at", "-id")[:limit])


def has_public_corrections(*, language: str) -> bool:
    return public_corrections(language=language).exists()
