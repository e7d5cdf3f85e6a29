"""Keeping the index: a story's document written with every save of the story.

`document_write` receives Article's post_save (SearchConfig.ready), so the document is
written in the transaction that saves the story, whatever saved it: a draft's save, a
publication, a correction, an update, a restored revision, a withdrawal. It commits or
rolls back with the change. A save that changes only when readers may see the story, its
time or its section rewrites those columns alone. Bulk writes (the demo, `make
bench-data`) skip signals and end with `index_rebuild` (`manage.py search_index --rebuild`).
"""

from collections.abc import Callable, Iterator
from contextlib import nullcontext
from datetime import datetime
from typing import Any

from django.db import connection, transaction

from newsdesk.content.embeds import STORED as STORED_EMBED
from newsdesk.content.models import Article
from newsdesk.content.text import body_plain_text
from newsdesk.content.visibility import visible_from
from newsdesk.search.analysis import terms
from newsdesk.search.engines import engine
from newsdesk.search.models import SearchDocument

# What a document's terms are made of.
INDEXED_FIELDS = frozenset({"language", "title", "lead", "body"})
# What else it copies from the story; a save that changes none of these, nor the text,
# leaves the document as it is.
PLACEMENT_FIELDS = frozenset({"status", "published_at", "embargo_until", "section", "section_id"})
# PostgreSQL keeps positions up to this in a tsvector, and at most this many per term.
_LAST_POSITION = 16383
_POSITIONS_PER_TERM = 256


def vector_of(fields: list[tuple[list[str], str]]) -> str:
    """Terms of weighted fields (title "A", lead "B", body "D") in `tsvector` input syntax:
    `'term':1A,7B 'other':2A`. Terms are letters and digits, so they need no escaping."""
    positions: dict[str, list[str]] = {}
    at = 0
    for field_terms, weight in fields:
        for term in field_terms:
            at = min(at + 1, _LAST_POSITION)
            kept = positions.setdefault(term, [])
            if len(kept) < _POSITIONS_PER_TERM:
                kept.append(f"{at}{weight}")
    return " ".join(f"'{term}':{','.join(kept)}" for term, kept in positions.items())


def placement_of(
    *, status: str, published_at: datetime | None, embargo_until: datetime | None, section_id: int
) -> dict[str, Any]:
    """The document's copy of what a reader's search filters on."""
    return {
        "visible_from": visible_from(status=status, published_at=published_at, embargo_until=embargo_until),
        "published_at": published_at,
        "section_id": section_id,
    }


def _placement(article: Article) -> dict[str, Any]:
    return placement_of(
        status=article.status,
        published_at=article.published_at,
        embargo_until=article.embargo_until,
        section_id=article.section_id,
    )


def document_for(
    *, article_id: int, language: str, title: str, lead: str, body: str, placement: dict[str, Any]
) -> SearchDocument:
    title_terms, lead_terms = terms(title, language), terms(lead, language)
    # An embedded video's or post's address is no word of the story ("youtube", "com").
    body_terms = terms(body_plain_text(STORED_EMBED.sub(" ", body)), language)
    weighted = [(title_terms, "A"), (lead_terms, "B"), (body_terms, "D")]
    # Only PostgreSQL stores the vector (elsewhere an empty column): a third of the work saved.
    return SearchDocument(
        article_id=article_id,
        language=language,
        title=" ".join(title_terms),
        lead=" ".join(lead_terms),
        body=" ".join(body_terms),
        vector=vector_of(weighted) if connection.vendor == "postgresql" else "",
        **placement,
    )


def document_write(
    *, instance: Article, raw: bool = False, update_fields: frozenset[str] | None = None, **kwargs: Any
) -> None:
    changed = None if update_fields is None else set(update_fields)
    if raw or (changed is not None and not changed & (INDEXED_FIELDS | PLACEMENT_FIELDS)):
        return
    placement = _placement(instance)
    text_unchanged = changed is not None and not changed & INDEXED_FIELDS
    # The placement alone, unless there is no document yet (a story bulk-loaded).
    if text_unchanged and SearchDocument.objects.filter(article_id=instance.pk).update(**placement):
        return
    document = document_for(
        article_id=instance.pk,
        language=instance.language,
        title=instance.title,
        lead=instance.lead,
        body=instance.body,
        placement=placement,
    )
    fields = {name: getattr(document, name) for name in ("language", "title", "lead", "body", "vector", *placement)}
    SearchDocument.objects.update_or_create(article_id=instance.pk, defaults=fields)


def _articles(batch: int) -> Iterator[list[tuple]]:
    last = 0
    while True:
        rows = list(
            Article.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list(
                "pk", "language", "title", "lead", "body", "status", "published_at", "embargo_until", "section_id"
            )[:batch]
        )
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def index_rebuild(*, progress: Callable[[int, int], None] | None = None, batch: int = 500, bulk: bool = False) -> int:
    """Every story's document made anew, a batch a transaction (searches meanwhile see the
    stories done so far; with `bulk`, the engine may make its index once at the end, faster,
    and searches until then are slow: for a new archive). Returns how many were indexed."""
    total = Article.objects.count()
    search = engine()
    search.clear()
    done = 0
    with search.bulk() if bulk else nullcontext():
        for rows in _articles(batch):
            documents = [
                document_for(
                    article_id=pk,
                    language=language,
                    title=title,
                    lead=lead,
                    body=body,
                    placement=placement_of(
                        status=status, published_at=published_at, embargo_until=embargo_until, section_id=section_id
                    ),
                )
                for pk, language, title, lead, body, status, published_at, embargo_until, section_id in rows
            ]
            with transaction.atomic():
                SearchDocument.objects.bulk_create(documents)
            done += len(documents)
            if progress is not None:
                progress(done, total)
    search.optimise()
    return done
