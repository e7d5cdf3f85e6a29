"""Reads of published content, for the reader's site.

Listings select only the columns a teaser shows (never the body), join the section,
the photo and the view total in the same query, and page by keyset on
(published_at, id): the cost of a page does not grow with the archive.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from newsdesk.content.models import Article, Author, Byline, Correction, Section, Tag
from newsdesk.content.renditions import Picture, picture_of
from newsdesk.content.visibility import is_visible_at
from newsdesk.editions.editions import article_path
from newsdesk.lib.memo import ProcessMemo
from newsdesk.lib.prepared import Prepared, columns_with, instance_with

TEASER_FIELDS = (
    "id",
    "language",
    "title",
    "slug",
    "published_at",
    "lead",
    "is_breaking",
    "photo__id",
    "photo__file",
    "photo__width",
    "photo__height",
    "photo__alt_text",
    "photo__credit",
    "photo__renditions",
)


@dataclass(frozen=True)
class Cursor:
    """A position in a feed: the (published_at, id) of an item."""

    at: datetime
    id: int


@dataclass
class FeedPage:
    items: list
    older: Cursor | None
    newer: Cursor | None


def fetch_mode() -> models.fetch_modes.FetchMode:
    return models.FETCH_RAISE if settings.NEWSDESK["STRICT_FETCH"] else models.FETCH_PEERS


def story_credits_prefetched() -> list[Prefetch]:
    """What a story carries off the site (feeds, partners' items) besides its row: the
    bylines with their authors, the tags and the public corrections, one query each."""
    mode = fetch_mode()
    bylines = (
        Byline.objects.fetch_mode(mode)  # type: ignore[attr-defined]  # stubs: a manager's fetch_mode
        .select_related("author")
        .only("article_id", "role", "position", "author__id", "author__name", "author__slug")
        .order_by("position", "id")
    )
    tags = Tag.objects.fetch_mode(mode).only("id", "language", "name", "slug").order_by("name")  # type: ignore[attr-defined]
    corrections = (
        Correction.objects.fetch_mode(mode)  # type: ignore[attr-defined]
        .only("article_id", "note", "created_at")
        .order_by("created_at", "id")
    )
    return [
        Prefetch("bylines", queryset=bylines),
        Prefetch("tags", queryset=tags),
        Prefetch("corrections", queryset=corrections),
    ]


@dataclass
class TeaserPhoto:
    pk: int
    file_name: str
    width: int
    height: int
    alt_text: str
    credit: str
    renditions: list

    def picture(self) -> Picture:
        return picture_of(self.renditions, default_storage.url(self.file_name))


@dataclass
class ArticleLink:
    """An article as a link with its date and count: what Most viewed shows of it."""

    id: int
    language: str
    title: str
    slug: str
    published_at: datetime
    views: int = field(default=0, kw_only=True)  # set per page (attach_counts)

    @property
    def pk(self) -> int:
        return self.id

    def get_absolute_url(self) -> str:
        return article_path(article_id=self.id, edition=self.language, slug=self.slug)


@dataclass
class Teaser(ArticleLink):
    """What a listing shows of an article, read as a plain row: listings print dozens."""

    lead: str
    is_breaking: bool
    photo: TeaserPhoto | None


_PHOTO = slice(TEASER_FIELDS.index("photo__id"), len(TEASER_FIELDS))


def _teaser(row: Sequence[Any]) -> Teaser:
    photo = TeaserPhoto(*row[_PHOTO]) if row[_PHOTO.start] is not None else None
    # mypy cannot place a positional argument after a star of unknown length.
    return Teaser(*row[: _PHOTO.start], photo)  # type: ignore[call-arg, arg-type]


def _teasers(qs: QuerySet[Article]) -> list[Teaser]:
    return [_teaser(row) for row in qs.values_list(*TEASER_FIELDS)]


def articles_visible(*, language: str) -> QuerySet[Article]:
    return Article.objects.visible().filter(language=language)


def feed_page(
    qs: QuerySet[Article], *, before: Cursor | None = None, after: Cursor | None = None, limit: int = 20
) -> FeedPage:
    """One page of `qs` (visible articles), newest first.

    `before` pages to older items, `after` to newer ones; at most one is given.
    One query: `limit + 1` rows tell whether there is more in that direction.
    """
    if after is not None:
        rows = _teasers(
            qs.filter(Q(published_at__gt=after.at) | Q(published_at=after.at, id__gt=after.id)).order_by(
                "published_at", "id"
            )[: limit + 1]
        )
        has_more_newer = len(rows) > limit
        items = list(reversed(rows[:limit]))
        newer = _cursor(items[0]) if has_more_newer and items else None
        older = _cursor(items[-1]) if items else None
        return FeedPage(items=items, older=older, newer=newer)

    if before is not None:
        qs = qs.filter(Q(published_at__lt=before.at) | Q(published_at=before.at, id__lt=before.id))
    rows = _teasers(qs.order_by("-published_at", "-id")[: limit + 1])
    items = rows[:limit]
    older = _cursor(items[-1]) if len(rows) > limit else None
    newer = _cursor(items[0]) if before is not None and items else None
    return FeedPage(items=items, older=older, newer=newer)


def _cursor(article: Teaser) -> Cursor:
    return Cursor(at=article.published_at, id=article.pk)


def articles_in_section(*, section: Section, language: str) -> QuerySet[Article]:
    return articles_visible(language=language).filter(section=section)


def articles_with_tag(*, tag: Tag) -> QuerySet[Article]:
    return articles_visible(language=tag.language).filter(tags=tag)


def articles_by_author(*, author: Author, language: str) -> QuerySet[Article]:
    """The visible stories of `language` that carry `author` in their byline (any role)."""
    return articles_visible(language=language).filter(bylines__author=author).distinct()


def author_with_portrait(slug: str) -> Author | None:
    qs = Author.objects.fetch_mode(fetch_mode())  # type: ignore[attr-defined]  # stubs: a manager's fetch_mode
    return qs.select_related("photo").filter(slug=slug).first()


def author_story_languages(author: Author) -> set[str]:
    """The languages `author` has a visible story in: their page exists in those
    editions only (elsewhere, 404), and links to them there."""
    qs = Article.objects.visible().filter(bylines__author=author).order_by()
    return set(qs.values_list("language", flat=True).distinct())


def day_bounds(*, day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants where `day` starts and ends in the agency's time zone."""
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def articles_on_day(*, language: str, day: date, zone: ZoneInfo) -> QuerySet[Article]:
    start, end = day_bounds(day=day, zone=zone)
    return articles_visible(language=language).filter(published_at__gte=start, published_at__lt=end)


# What the article page shows of the story's own relations.
_READ_WITH = ("section", "photo", "source")
_FOR_READER = Prepared(
    Article,
    lambda *, article_id: Article.objects.filter(pk=article_id).values_list(*columns_with(Article, _READ_WITH)),
    article_id=-101,
)


def article_for_reader(article_id: int) -> Article | None:
    """The article with everything its page shows, if readers may see it or it was withdrawn.

    Withdrawn articles are returned so that the page can say so (410) instead of a
    silent 404; drafts, reviews and scheduled articles are None.
    """
    # By primary key alone, visibility checked on the row: the query is prepared once
    # (lib/prepared.py), and in SQL the condition would cost more than the read.
    rows = _FOR_READER.rows(article_id=article_id)
    if not rows:
        return None
    article = cast(Article, instance_with(Article, rows[0], _READ_WITH, fetch_mode=fetch_mode()))
    if article.status == Article.Status.WITHDRAWN or is_visible_at(
        now=timezone.now(),
        status=article.status,
        published_at=article.published_at,
        embargo_until=article.embargo_until,
    ):
        return article
    return None


def article_tags(article: Article) -> list[Tag]:
    return list(article.tags.only("id", "language", "name", "slug").order_by("name"))


def article_bylines(article: Article) -> list:
    return list(
        article.bylines.select_related("author").only("role", "author__name", "author__slug").order_by("position", "id")
    )


# Every page shows the menu, and it changes a few times a year.
MENU_SECONDS = 30
_menu: ProcessMemo[list[Section]] = ProcessMemo(
    lambda: list(Section.objects.filter(is_in_menu=True).order_by("position", "slug")), seconds=MENU_SECONDS
)


def sections_in_menu() -> list[Section]:
    return _menu.get()


def menu_forget(*, using: str, **kwargs: object) -> None:
    """Receives Section's post_save and post_delete (ContentConfig.ready): the change shows
    in this process's next page, and other processes' within MENU_SECONDS. After the
    commit: read before it, the menu would be the old one again, and kept."""
    transaction.on_commit(_menu.forget, using=using)


def archive_neighbours(*, language: str, day: date, zone: ZoneInfo) -> tuple[date | None, date | None]:
    """The nearest earlier and later local days that have visible articles."""
    start, end = day_bounds(day=day, zone=zone)
    qs = articles_visible(language=language)
    previous = qs.filter(published_at__lt=start).order_by("-published_at").values_list("published_at", flat=True)[:1]
    following = qs.filter(published_at__gte=end).order_by("published_at").values_list("published_at", flat=True)[:1]
    to_day = lambda at: timezone.localtime(at, zone).date()  # noqa: E731
    return (
        to_day(previous[0]) if previous else None,
        to_day(following[0]) if following else None,
    )


def teasers_by_ids(ids: set[int]) -> dict[int, Teaser]:
    """Visible articles by id, as teasers; ids no longer visible are left out.

    Fetched by primary key and checked for visibility here: given the visibility
    condition, the database would rather scan the feed index than look up a dozen ids.
    """
    if not ids:
        return {}
    now = timezone.now()
    rows = Article.objects.filter(pk__in=ids).values_list(*TEASER_FIELDS, "status", "embargo_until")
    teasers = {}
    for *fields, status, embargo_until in rows:
        teaser = _teaser(fields)
        if is_visible_at(now=now, status=status, published_at=teaser.published_at, embargo_until=embargo_until):
            teasers[teaser.pk] = teaser
    return teasers


def article_corrections(article: Article) -> list:
    if article.corrected_at is None:  # set with the first correction: most stories need no query
        return []
    return list(article.corrections.only("note", "created_at").order_by("created_at", "id"))
