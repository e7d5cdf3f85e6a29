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
from newsdesk.content.newest import sections_before, stories_before
from newsdesk.content.selectors import TEASER_FIELDS, ArticleLink, Cursor, FeedPage, Teaser, _teaser
from newsdesk.lib.prepared import Prepared


@dataclass
class FrontPage:
    """An edition's home: its top story, the secondary ones, then the latest feed."""

    top: Teaser | None
    secondary: list[Teaser]
    latest: FeedPage


def _pinned(*, now: datetime, language: str, limit: int) -> models.QuerySet:
    return (
        Article.objects.visible(now)
        .filter(language=language, front_until__gt=now, front_slot__isnull=False)
        .order_by("front_slot", "-published_at", "-id")
        .values_list(*TEASER_FIELDS, "front_slot")[:limit]
    )


_PINNED = Prepared(Article, _pinned, now=datetime(2001, 1, 1, tzinfo=UTC), language="\x01language")


def front_page(*, language: str, secondary: int, feed_size: int, now: datetime | None = None) -> FrontPage:
    """The front page of `language`'s editions as editors placed it (newsroom/front.py).

    A pin counts until its time, by comparison with now: nothing has to run when it ends.
    Without a top pin the newest story leads; secondary places not pinned are the next
    newest; the feed then goes on with the stories not shown above. Only visible
    stories are pinned or shown. Two queries: the pinned stories, the feed.
    """
    now = now or timezone.now()
    pinned_rows = _PINNED.rows(shape={"limit": 1 + secondary}, now=now, language=language)
    top: Teaser | None = None
    rest: list[Teaser] = []
    for *fields, slot in pinned_rows:
        if top is None and not rest and slot == FrontSlot.TOP:
            top = _teaser(fields)
        else:
            rest.append(_teaser(fields))
    rest = rest[:secondary]  # without a top pin, one row more came
    shown = {a.pk for a in rest} | ({top.pk} if top else set())
    needed = (0 if top else 1) + max(0, secondary - len(rest))
    # The newest stories with room for the pinned ones among them, which are left out.
    limit = feed_size + needed
    rows = [t for t in stories_before(language=language, before=None, limit=limit + 1 + len(shown), now=now)
            if t.pk not in shown][: limit + 1]  # fmt: skip
    older = Cursor(at=rows[limit - 1].published_at, id=rows[limit - 1].pk) if len(rows) > limit else None
    latest = FeedPage(items=rows[:limit], older=older, newer=None)
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
    newest = sections_before(
        language=language,
        section_ids=[section.pk for section in sections],
        before=older_than,
        limit=per_section + len(leave_out),
        now=now,
    )
    blocks = []
    for section in sections:
        teasers = [teaser for teaser in newest.get(section.pk, []) if teaser.pk not in leave_out]
        if teasers:
            blocks.append((section, teasers[:per_section]))
    return blocks
