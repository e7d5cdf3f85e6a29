"""Keeping the index: a story's document written with every save of the story.

`document_write` receives Article's post_save (SearchConfig.ready), so the document is
written in the transaction that saves the story, whatever saved it: a draft's save, a
publication, a correction, an update, a restored revision, a withdrawal. It commits or
rolls back with the change. Bulk writes (the demo, `make bench-data`) skip signals and
end with `index_rebuild` (`manage.py search_index --rebuild`).
"""

from collections.abc import Callable, Iterator
from contextlib import nullcontext
from typing import Any

from django.db import connection, transaction

from newsdesk.content.embeds import STORED as STORED_EMBED
from newsdesk.content.models import Article
from newsdesk.content.text import body_plain_text
from newsdesk.search.analysis import terms
from newsdesk.search.engines import engine
from newsdesk.search.models import SearchDocument

# What a document is made of: a save that changes none of these leaves it as it is.
INDEXED_FIELDS = frozenset({"language", "title", "lead", "body"})
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


def document_for(*, article_id: int, language: str, title: str, lead: str, body: str) -> SearchDocument:
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
    )


def document_write(
    *, instance: Article, raw: bool = False, update_fields: frozenset[str] | None = None, **kwargs: Any
) -> None:
    if raw or (update_fields is not None and not INDEXED_FIELDS & set(update_fields)):
        return
    document = document_for(
        article_id=instance.pk, language=instance.language, title=instance.title, lead=instance.lead, body=instance.body
    )
    fields = {name: getattr(document, name) for name in ("language", "title", "lead", "body", "vector")}
    SearchDocument.objects.update_or_create(article_id=instance.pk, defaults=fields)


def _articles(batch: int) -> Iterator[list[tuple]]:
    last = 0
    while True:
        rows = list(
            Article.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "language", "title", "lead", "body")[:batch]
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
                document_for(article_id=pk, language=language, title=title, lead=lead, body=body)
                for pk, language, title, lead, body in rows
            ]
            with transaction.atomic():
                SearchDocument.objects.bulk_create(documents)
            done += len(documents)
            if progress is not None:
                progress(done, total)
    search.optimise()
    return done
