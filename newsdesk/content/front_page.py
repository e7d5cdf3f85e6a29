"""The front page's reads: its hierarchy and the breaking story, as readers see them now.

Editors pin stories and announce breaking news from the desk (newsroom/front.py); both end
at their time by comparison with now, so nothing has to run then, and the page cache keeps
no page past the next end (`next_front_change`).
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import models
from django.utils import timezone

from newsdesk.content.models import Article, FrontSlot, Section
from newsdesk.content.selectors import (
    SECTION_BEFORE,
    TEASER_FIELDS,
    ArticleLink,
    Cursor,
    FeedPage,
    Teaser,
    _teaser,
    feed_page,
)


@dataclass
class FrontPage:
    """An edition's home: its top story, the secondary ones, then the latest feed."""

    top: Teaser | None
    secondary: list[Teaser]
    latest: FeedPage


def front_page(*, language: str, secondary: int, feed_size: int, now: datetime | None = None) -> FrontPage:
    """The front page of `language`'s editions as editors placed it (newsroom/front.py).

    A pin counts until its time, by comparison with now: nothing has to run when it ends.
    Without a top pin the newest story leads; secondary places not pinned are the next
    newest; the feed then goes on with the stories not shown above. Only visible
    stories are pinned or shown. Two queries: the pinned stories, the feed.
    """
    now = now or timezone.now()
    visible = Article.objects.visible(now).filter(language=language)
    pinned_rows = (
        visible.filter(front_until__gt=now, front_slot__isnull=False)
        .order_by("front_slot", "-published_at", "-id")
        .values_list(*TEASER_FIELDS, "front_slot")[: 1 + secondary]
    )
    top: Teaser | None = None
    rest: list[Teaser] = []
    for *fields, slot in pinned_rows:
        if top is None and not rest and slot == FrontSlot.TOP:
            top = _teaser(fields)
        else:
            rest.append(_teaser(fields))
    rest = rest[:secondary]  # without a top pin, one row more came
    shown = [a.pk for a in rest] + ([top.pk] if top else [])
    needed = (0 if top else 1) + max(0, secondary - len(rest))
    latest = feed_page(visible.exclude(pk__in=shown), limit=feed_size + needed)
    fill, latest.items = latest.items[:needed], latest.items[needed:]
    if top is None and fill:
        top = fill.pop(0)
    return FrontPage(top=top, secondary=rest + fill, latest=latest)


def front_articles(front: FrontPage) -> list[Teaser]:
    """The stories above the feed."""
    return ([front.top] if front.top else []) + front.secondary


def breaking_story(*, language: str, now: datetime | None = None) -> ArticleLink | None:
    """The newest visible story of `language` an editor announced as breaking news, until
    the banner's time or until they end it (newsroom/front.py); None when there is none."""
    now = now or timezone.now()
    row = (
        Article.objects.visible(now)
        .filter(language=language, is_breaking=True, breaking_until__gt=now)
        .order_by("-published_at", "-id")
        .values_list("id", "language", "title", "slug", "published_at")
        .first()
    )
    return ArticleLink(*row) if row else None


def next_front_change(*, now: datetime) -> datetime | None:
    """The next moment a pin or a breaking banner ends, in any edition: a stored page
    that shows it must not outlive it (public/pagecache.py)."""
    pins = Article.objects.filter(front_until__gt=now).aggregate(first=models.Min("front_until"))["first"]
    banners = Article.objects.filter(breaking_until__gt=now).aggregate(first=models.Min("breaking_until"))["first"]
    moments = [moment for moment in (pins, banners) if moment is not None]
    return min(moments) if moments else None


# "Older than" when the page shows no feed: older than anything.
_LATEST_EVER = Cursor(at=datetime(9999, 12, 31, tzinfo=UTC), id=2**62)


def section_blocks(
    *,
    sections: list[Section],
    language: str,
    per_section: int,
    older_than: Cursor | None,
    leave_out: Collection[int] = (),
    now: datetime | None = None,
) -> list[tuple[Section, list[Teaser]]]:
    """The newest stories of each section (the menu's, in its order) that the page does not
    show already: those older than the page's feed (`older_than`, its last item: every
    newer story is in it or above it) and not among `leave_out` (the stories above the
    feed, which may be older). A section with none is left out. One query, the same shape
    on every page (lib/prepared.py): for each section, the first rows of its feed index."""
    if not sections:
        return []
    older = older_than or _LATEST_EVER
    rows = SECTION_BEFORE.union_rows(
        [
            {"now": now or timezone.now(), "language": language, "section_id": section.pk,
             "older_at": older.at, "older_id": older.id}
            for section in sections
        ],
        shape={"limit": per_section + len(leave_out)},
    )  # fmt: skip
    newest: dict[int, list[Teaser]] = {}
    for *fields, section_id in rows:
        if fields[0] not in leave_out:
            newest.setdefault(section_id, []).append(_teaser(fields))
    blocks = []
    for section in sections:
        teasers = sorted(newest.get(section.pk, []), key=lambda t: (t.published_at, t.pk), reverse=True)
        if teasers:
            blocks.append((section, teasers[:per_section]))
    return blocks
