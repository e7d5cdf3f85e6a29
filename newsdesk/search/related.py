"""Relevant news: the stories about the same thing, found once and kept.

When a story is published, becomes visible, or is corrected, updated or restored, its
most distinctive terms (frequent in it, rare in the archive: tf-idf, the title's terms
counting three times, the lead's twice) are searched for in its language; the matches,
weighted for being close in time to it, never itself nor its own translations, are kept
in `RelatedStories`. The article page reads those ids, checks they are still visible,
and fills what is missing with the section's previous stories as before.
"""

import logging
import math
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.utils import timezone

from newsdesk.content.events import Change
from newsdesk.content.models import Article
from newsdesk.content.newest import relevant_news as section_previous
from newsdesk.content.selectors import Teaser, teasers_by_ids
from newsdesk.lib.prepared import Prepared
from newsdesk.search.engines import engine
from newsdesk.search.models import RelatedStories, SearchDocument

log = logging.getLogger("newsdesk.search")

KEPT = 10  # ids kept per story; pages show settings.NEWSDESK["RELEVANT_NEWS"]
DISTINCTIVE_TERMS = 10
# A term in more of the archive than this says little about a story (and costs the most).
COMMON_SHARE = 0.02
# A match scoring under this share of the best one is not relevant, only similar in a word.
RELEVANT_SHARE = 0.35
# Two stories this many days apart count half as related as two of the same day.
CLOSENESS_HALF_LIFE_DAYS = 60.0
_RECOMPUTED_ON = {Change.PUBLISHED, Change.BECAME_VISIBLE, Change.CORRECTED, Change.UPDATED, Change.RESTORED}


def distinctive_terms(document: SearchDocument) -> list[str]:
    counts: Counter[str] = Counter()
    for field, weight in ((document.title, 3), (document.lead, 2), (document.body, 1)):
        for term in field.split():
            if not term.isdigit():
                counts[term] += weight
    candidates = [term for term, _count in counts.most_common(40)]
    if not candidates:
        return []
    documents, frequencies = engine().document_frequencies(language=document.language, terms=candidates)
    ceiling = max(20, documents * COMMON_SHARE)
    scored = {
        term: counts[term] * math.log((documents + 1) / (frequencies[term] + 1))
        for term in candidates
        if frequencies[term] <= ceiling
    }
    return sorted(scored, key=lambda term: (-scored[term], term))[:DISTINCTIVE_TERMS]


def _closeness(a: datetime, b: datetime | None) -> float:
    if b is None:
        return 1.0
    return 0.5 ** (abs((a - b).total_seconds()) / 86400 / CLOSENESS_HALF_LIFE_DAYS)


def related_ids(article: Article, *, now: datetime | None = None) -> list[int]:
    document = SearchDocument.objects.filter(article_id=article.pk).first()
    if document is None:
        return []
    terms = distinctive_terms(document)
    if not terms:
        return []
    own = set(Article.objects.filter(translation_group=article.translation_group).values_list("pk", flat=True))
    matches = [
        m
        for m in engine().similar(language=article.language, terms=terms, now=now or timezone.now(), limit=60)
        if m.article_id not in own
    ]
    if not matches:
        return []
    best = max(m.relevance for m in matches)
    scored = {
        m.article_id: m.relevance * (0.5 + _closeness(m.published_at, article.published_at))
        for m in matches
        if m.relevance >= best * RELEVANT_SHARE
    }
    return sorted(scored, key=lambda pk: (-scored[pk], -pk))[:KEPT]


def related_store(article: Article) -> list[int]:
    ids = related_ids(article)
    RelatedStories.objects.update_or_create(
        article_id=article.pk, defaults={"story_ids": ids, "computed_at": timezone.now()}
    )
    return ids


def related_rebuild(*, progress: Callable[[int, int], None] | None = None) -> int:
    """Every visible story's relevant news found again (the demo, `search_index --related`)."""
    stories = Article.objects.visible().only("pk", "language", "translation_group", "published_at")
    total = stories.count()
    done = 0
    for done, article in enumerate(stories.iterator(chunk_size=500), start=1):
        related_store(article)
        if progress is not None:
            progress(done, total)
    return done


def related_story_changed(*, article: Article, change: Change, **kwargs: Any) -> None:
    """Receives every story change (SearchConfig.ready), after its commit."""
    if change in _RECOMPUTED_ON and article.is_visible:
        related_store(article)


_KEPT_IDS = Prepared(
    RelatedStories,
    lambda *, article_id: RelatedStories.objects.filter(article_id=article_id).values_list("story_ids"),
    article_id=-101,
)


def relevant_news(*, article: Article, limit: int, previous: list[Teaser] | None = None) -> list[Teaser]:
    """What the article page shows under the story: the kept relevant stories that readers
    may still see, then the section's previous ones (`previous`, when the caller has read
    them already)."""
    rows = _KEPT_IDS.rows(article_id=article.pk)
    kept = rows[0][0] if rows else []
    found = teasers_by_ids(set(kept[:limit]))
    teasers = [found[pk] for pk in kept[:limit] if pk in found]
    if len(teasers) < limit:
        shown = {t.pk for t in teasers}
        if previous is None:
            previous = section_previous(article=article, limit=limit)
        teasers += [t for t in previous if t.pk not in shown][: limit - len(teasers)]
    return teasers
