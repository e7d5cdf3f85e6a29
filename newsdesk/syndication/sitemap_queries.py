"""What the sitemaps list, read in bounded, index-friendly queries.

The index reads the per-day counts (ArchiveDay), the tags table and the last two days'
stories: never a count or a scan of the whole archive. A month's child reads its stories
by keyset on (published_at, id), a chunk at a time, with a fixed number of queries per
chunk: the stories (and their photo, joined), then their other language versions.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import cast
from uuid import UUID

from django.db.models import Exists, F, IntegerField, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from newsdesk.content.models import Article, Author, Byline, Section, Tag
from newsdesk.content.visibility import is_visible_at, visible_condition
from newsdesk.editions.definition import ARTICLE_LANGUAGES
from newsdesk.syndication.models import ArchiveDay

NEWS_HOURS = 48
NEWS_LIMIT = 1000  # Google News reads at most 1,000 stories a sitemap
CHUNK = 1000  # stories read per query when a child is written


# The index ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveChild:
    """A month's child, or a day's when the month is over the limit."""

    year: int
    month: int
    day: int | None
    last_modified: datetime


@dataclass
class LanguageArchive:
    children: list[ArchiveChild] = field(default_factory=list)
    last_modified: datetime | None = None  # the latest change of any of its days


def archive_children(*, limit: int) -> dict[str, LanguageArchive]:
    """Per language, the children of its archive, oldest first: one query (the counts table
    holds one row per language and day: about 11,000 for ten years)."""
    months: dict[tuple[str, int, int], list[tuple[date, int, datetime]]] = defaultdict(list)
    rows = ArchiveDay.objects.filter(count__gt=0).order_by("language", "day")
    for language, day, count, last_modified in rows.values_list("language", "day", "count", "last_modified"):
        months[(language, day.year, day.month)].append((day, count, last_modified))
    archives: dict[str, LanguageArchive] = defaultdict(LanguageArchive)
    for (language, year, month), days in months.items():
        archive = archives[language]
        latest = max(modified for _day, _count, modified in days)
        archive.last_modified = max(archive.last_modified or latest, latest)
        if sum(count for _day, count, _modified in days) <= limit:
            archive.children.append(ArchiveChild(year, month, None, latest))
        else:
            archive.children += [ArchiveChild(year, month, day.day, modified) for day, _count, modified in days]
    return archives


def month_total(*, language: str, start: date, end: date) -> int:
    """The visible stories of `language` between local days `start` (included) and `end`."""
    days = ArchiveDay.objects.filter(language=language, day__gte=start, day__lt=end)
    return sum(days.values_list("count", flat=True))


def tag_pages(*, limit: int) -> dict[str, list[int]]:
    """Per language, the numbers of the tags children that have tags: child n holds the
    tags whose id is in ((n - 1) * limit, n * limit]. One query over the tags table."""
    page = Cast((F("id") - 1) / limit, IntegerField()) + 1
    rows = Tag.objects.annotate(page=page).order_by("language", "page").values_list("language", "page").distinct()
    pages: dict[str, list[int]] = defaultdict(list)
    for language, number in rows:
        pages[language].append(number)
    return pages


@dataclass(frozen=True)
class NewsStory:
    id: int
    slug: str
    title: str
    published_at: datetime
    modified: datetime


def _recent(now: datetime) -> QuerySet[Article]:
    return Article.objects.visible(now).filter(published_at__gt=now - timedelta(hours=NEWS_HOURS))


def news_stories(*, language: str, now: datetime | None = None) -> list[NewsStory]:
    """The visible stories of `language` of the last 48 hours, newest first, at most
    NEWS_LIMIT: a range of the feed index, bounded by two days of news, not by the archive."""
    rows = (
        _recent(now or timezone.now())
        .filter(language=language)
        .order_by("-published_at", "-id")
        .values_list("id", "slug", "title", "published_at", "revised_at")[:NEWS_LIMIT]
    )
    # Visible stories all have a publication time.
    return [
        NewsStory(pk, slug, title, cast(datetime, published), _later(cast(datetime, published), revised))
        for pk, slug, title, published, revised in rows
    ]


def _later(published: datetime, revised: datetime | None) -> datetime:
    return max(published, revised) if revised else published


def news_latest(*, now: datetime | None = None) -> dict[str, datetime]:
    """Per language with stories in the last 48 hours, the latest change among them: one
    row a language, from the same two days' range of the feed index."""
    now = now or timezone.now()
    # One part a language, so each reads its own range of the feed index (whose first
    # column is the language), in one UNION ALL.
    parts = [
        _recent(now)
        .filter(language=language)
        .order_by()
        .values_list("language")
        .annotate(published=Max("published_at"), revised=Max("revised_at"))
        for language in ARTICLE_LANGUAGES
    ]
    rows = parts[0].union(*parts[1:], all=True).order_by()
    return {language: max(published, revised) if revised else published for language, published, revised in rows}


# A month's or a day's child ---------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    id: int
    language: str
    slug: str


@dataclass(frozen=True)
class ArchivedStory:
    id: int
    slug: str
    modified: datetime
    photo_file: str | None
    versions: list[Version]  # every visible language version, itself included


def stories_between(
    *, language: str, start: datetime, end: datetime, limit: int, now: datetime | None = None
) -> Iterator[list[ArchivedStory]]:
    """The visible stories of `language` published in [start, end), oldest first, at most
    `limit`, in chunks of CHUNK: two queries a chunk, never an OFFSET."""
    now = now or timezone.now()
    qs = Article.objects.visible(now).filter(language=language, published_at__gte=start, published_at__lt=end)
    qs = qs.order_by("published_at", "id")
    after: tuple[datetime, int] | None = None
    remaining = limit
    while remaining > 0:
        page = qs
        if after is not None:
            page = qs.filter(Q(published_at__gt=after[0]) | Q(published_at=after[0], id__gt=after[1]))
        size = min(CHUNK, remaining)
        rows = list(
            page.values_list("id", "slug", "published_at", "revised_at", "translation_group", "photo__file")[:size]
        )
        if not rows:
            return
        others = _other_versions({row[4] for row in rows}, language=language, now=now)
        yield [
            ArchivedStory(
                id=pk,
                slug=slug,
                modified=max(published, revised) if revised else published,
                photo_file=photo or None,
                versions=[Version(pk, language, slug), *others.get(group, [])],
            )
            for pk, slug, published, revised, group, photo in rows
        ]
        if len(rows) < size:
            return
        remaining -= len(rows)
        after = (rows[-1][2], rows[-1][0])


def _other_versions(groups: set[UUID], *, language: str, now: datetime) -> dict[UUID, list[Version]]:
    """The other language versions readers may see, by translation group: one query on the
    group's unique index, visibility checked on the rows (as public.alternates does)."""
    rows = (
        Article.objects.filter(translation_group__in=groups)
        .exclude(language=language)
        .order_by("language")
        .values_list("translation_group", "id", "language", "slug", "status", "published_at", "embargo_until")
    )
    found: dict[UUID, list[Version]] = defaultdict(list)
    for group, pk, lang, slug, status, published_at, embargo_until in rows:
        if is_visible_at(now=now, status=status, published_at=published_at, embargo_until=embargo_until):
            found[group].append(Version(pk, lang, slug))
    return found


# The pages and tags children --------------------------------------------------------------


def tags_in_page(*, language: str, number: int, limit: int) -> list[str]:
    """The slugs of the tags of child `number` (by id range, tags_pages)."""
    low = (number - 1) * limit
    qs = Tag.objects.filter(language=language, id__gt=low, id__lte=low + limit).order_by("id")
    return list(qs.values_list("slug", flat=True))


def sections() -> list[str]:
    return list(Section.objects.order_by("position", "slug").values_list("slug", flat=True))


def authors_with_stories(*, language: str, now: datetime | None = None) -> list[str]:
    """The slugs of the authors with at least one visible story in `language`."""
    bylines = Byline.objects.filter(
        visible_condition(now=now or timezone.now(), prefix="article__"),
        author=OuterRef("pk"),
        article__language=language,
    )
    return list(Author.objects.filter(Exists(bylines)).order_by("slug").values_list("slug", flat=True))


def latest_change(*, language: str) -> datetime | None:
    """When the stories of `language` last changed, by the counts table: what a listing
    (a home, a section) shows moves only then."""
    row = ArchiveDay.objects.filter(language=language).order_by("-last_modified").values_list("last_modified")[:1]
    return row[0][0] if row else None
