"""The newest visible stories before a point of a feed: the hot path's listings as
prepared queries (lib/prepared.py), compiled once per process with stand-ins no real
value has, each the first rows of an index.

An edition's feed (the front page's latest), a section's (its page, the article page's
next story, the front page's section blocks, several sections in one statement).
"""

from datetime import UTC, datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from newsdesk.content.models import Article, Section
from newsdesk.content.selectors import TEASER_FIELDS, Cursor, FeedPage, Teaser, _teaser
from newsdesk.lib.prepared import Prepared, columns_with, instance_with

# "Before" a feed that shows nothing yet: before anything.
LATEST_EVER = Cursor(at=datetime(9999, 12, 31, tzinfo=UTC), id=2**62)

_STAND_INS = {
    "now": datetime(2001, 1, 1, 0, 0, 1, tzinfo=UTC),
    "language": "\x01language",
    "older_at": datetime(2001, 1, 1, 0, 0, 2, tzinfo=UTC),
    "older_id": -102,
}


def _before(*, now: datetime, language: str, older_at: datetime, older_id: int, limit: int, **where: int) -> QuerySet:
    return (
        Article.objects.visible(now)
        .filter(language=language, **where)
        .filter(Q(published_at__lt=older_at) | Q(published_at=older_at, id__lt=older_id))
        .order_by("-published_at", "-id")
        .values_list(*TEASER_FIELDS, "section_id")[:limit]
    )


# Each row a teaser's fields, then the story's section.
EDITION_BEFORE = Prepared(Article, _before, **_STAND_INS)
SECTION_BEFORE = Prepared(Article, _before, **_STAND_INS, section_id=-101)


def _values(*, language: str, before: Cursor | None, now: datetime | None, **where: int) -> dict[str, object]:
    older = before or LATEST_EVER
    return {"now": now or timezone.now(), "language": language, "older_at": older.at, "older_id": older.id, **where}


def stories_before(
    *, language: str, before: Cursor | None, limit: int, section_id: int | None = None, now: datetime | None = None
) -> list[Teaser]:
    """The newest visible stories of `language` (in one section) before `before`."""
    if section_id is None:
        rows = EDITION_BEFORE.rows(shape={"limit": limit}, **_values(language=language, before=before, now=now))
    else:
        values = _values(language=language, before=before, now=now, section_id=section_id)
        rows = SECTION_BEFORE.rows(shape={"limit": limit}, **values)
    return [_teaser(row[:-1]) for row in rows]


def sections_before(
    *, language: str, section_ids: list[int], before: Cursor | None, limit: int, now: datetime | None = None
) -> dict[int, list[Teaser]]:
    """`stories_before` for each section, in one statement: by section, newest first."""
    moment = now or timezone.now()
    each = [_values(language=language, before=before, now=moment, section_id=pk) for pk in section_ids]
    found: dict[int, list[Teaser]] = {}
    for *fields, section_id in SECTION_BEFORE.union_rows(each, shape={"limit": limit}):
        found.setdefault(section_id, []).append(_teaser(fields))
    for teasers in found.values():  # each arm is in order, but their rows may interleave
        teasers.sort(key=lambda t: (t.published_at, t.pk), reverse=True)
    return found


def feed_page_before(*, language: str, before: Cursor | None, limit: int, section_id: int | None = None) -> FeedPage:
    """A page of the edition's (or a section's) feed, newest first, from its start or
    further back than `before`: the same page `selectors.feed_page` gives, one prepared query."""
    rows = stories_before(language=language, before=before, limit=limit + 1, section_id=section_id)
    items = rows[:limit]
    older = Cursor(at=items[-1].published_at, id=items[-1].pk) if len(rows) > limit else None
    newer = Cursor(at=items[0].published_at, id=items[0].pk) if before is not None and items else None
    return FeedPage(items=items, older=older, newer=newer)


def relevant_news(*, article: Article, limit: int) -> list[Teaser]:
    """The articles of the same section and edition that came before this one, newest first."""
    before = Cursor(at=article.published_at, id=article.pk)  # type: ignore[arg-type]  # published: the callers check
    return stories_before(language=article.language, before=before, limit=limit, section_id=article.section_id)


_SECTION = Prepared(
    Section,
    lambda *, slug: Section.objects.filter(slug=slug).values_list(*columns_with(Section)),
    slug="\x01slug",
)


def section_by_slug(slug: str) -> Section | None:
    """A section's page's section, by its address: one prepared query."""
    rows = _SECTION.rows(slug=slug)
    return instance_with(Section, rows[0]) if rows else None  # type: ignore[return-value]
