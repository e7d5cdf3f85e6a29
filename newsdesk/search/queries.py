"""Reads: a reader's search, the desk's search.

Readers' results are ranked by relevance with a boost for recent stories (or by date, on
request) among the newest CANDIDATES matches: a word that half the archive contains is
ranked among its newest stories rather than all of them, which keeps every query's cost
bounded at a million stories (docs/performance.md).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from django.conf import settings
from django.utils import timezone
from markupsafe import Markup

from newsdesk.content.models import Article
from newsdesk.content.text import body_plain_text
from newsdesk.editions.definition import ARTICLE_LANGUAGES
from newsdesk.editions.editions import article_path
from newsdesk.search import analysis
from newsdesk.search.engines import Filters, Match, engine
from newsdesk.search.snippets import highlighted, snippet

# A story this many days old counts half as recent as one of today, and so on.
RECENCY_HALF_LIFE_DAYS = 30.0
# A story of today weighs up to this much more than an old one of the same relevance.
RECENCY_BOOST = 1.0


class Order(StrEnum):
    RELEVANCE = "relevance"
    DATE = "date"


class Empty(StrEnum):
    """Why a search found nothing without asking the engine."""

    NO_WORDS = "no_words"  # nothing typed, or no letter or digit
    STOP_WORDS = "stop_words"  # only words too common to search for


@dataclass
class Hit:
    id: int
    language: str
    title: str
    slug: str
    published_at: datetime
    section_id: int
    title_html: Markup
    snippet_html: Markup
    views: int = field(default=0, kw_only=True)  # set per page (attach_counts)

    @property
    def pk(self) -> int:
        return self.id

    def get_absolute_url(self) -> str:
        return article_path(article_id=self.id, edition=self.language, slug=self.slug)


@dataclass
class Results:
    items: list[Hit]
    number: int  # the page, from 1
    has_next: bool
    empty_because: Empty | None = None

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def recency_weight(*, published_at: datetime, now: datetime) -> float:
    age_days = max(0.0, (now - published_at).total_seconds() / 86400)
    return 1.0 + RECENCY_BOOST * 0.5 ** (age_days / RECENCY_HALF_LIFE_DAYS)


def _ranked(matches: list[Match], *, order: Order, now: datetime) -> list[Match]:
    if order == Order.DATE:
        return sorted(matches, key=lambda m: (m.published_at, m.article_id), reverse=True)
    return sorted(
        matches,
        key=lambda m: (m.relevance * recency_weight(published_at=m.published_at, now=now), m.article_id),
        reverse=True,
    )


def search_stories(
    *,
    text: str,
    language: str,
    script: Callable[[str], str],
    filters: Filters | None = None,
    order: Order = Order.RELEVANCE,
    page: int = 1,
    now: datetime | None = None,
) -> Results:
    """One page of the stories readers may see in `language` that match `text`; titles and
    passages go through `script` (the edition's alphabet)."""
    query = analysis.query(text, language)
    if not query:
        return Results([], page, False, Empty.STOP_WORDS if query.had_words else Empty.NO_WORDS)
    now = now or timezone.now()
    size = settings.SEARCH["PAGE_SIZE"]
    matches = engine().matches(
        language=language, query=query, now=now, filters=filters or Filters(), limit=settings.SEARCH["CANDIDATES"]
    )
    ranked = _ranked(matches, order=order, now=now)
    chosen = ranked[(page - 1) * size : page * size]
    return Results(
        _hits([m.article_id for m in chosen], language=language, terms=query.terms, script=script),
        page,
        len(ranked) > page * size,
    )


def _hits(ids: list[int], *, language: str, terms: frozenset[str], script: Callable[[str], str]) -> list[Hit]:
    rows = Article.objects.filter(pk__in=ids).values_list(
        "id", "language", "title", "slug", "published_at", "section_id", "lead", "body"
    )
    found = {}
    for pk, lang, title, slug, published_at, section_id, lead, body in rows:
        assert published_at is not None  # visible stories have a time
        passage = (
            snippet(lead, language=language, terms=terms, script=script)
            or snippet(body_plain_text(body), language=language, terms=terms, script=script)
            or Markup("{}").format(script(lead))
        )
        found[pk] = Hit(
            pk,
            lang,
            title,
            slug,
            published_at,
            section_id,
            highlighted(title, language=language, terms=terms, script=script),
            passage,
        )
    return [found[pk] for pk in ids if pk in found]


def desk_search(text: str, *, limit: int = 1000) -> list[int]:
    """The stories of every status and language whose title, lead or body match `text`
    (each language reading it with its own stemmer), newest first."""
    found: set[int] = set()
    for language in ARTICLE_LANGUAGES:
        query = analysis.query(text, language)
        if query:
            found.update(engine().desk_matches(language=language, query=query, limit=limit))
    return sorted(found, reverse=True)[:limit]
