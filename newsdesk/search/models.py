"""What search keeps: each story's terms, and each story's relevant news.

`SearchDocument` holds a story's title, lead and body as terms (analysis.py), one row per
article whatever its status: the desk finds drafts, readers only what the visibility rule
lets through when they search. The engines index these rows (engines.py): SQLite's FTS5
tables follow them by triggers; on PostgreSQL `vector` holds the same terms as a weighted
`tsvector` under a GIN index. Rows are written in the transaction that saves the story.

A document also carries what a reader's search filters on: when readers may see the story
(`visible_from`, the visibility rule's moment, None while it is not published), its time
and its section, copied with every save that changes them. A search reads only the
documents, and touches the articles for the page of results it shows.
"""

from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext_lazy as _

from newsdesk.content.models import Article, Section


class TermsVectorField(models.TextField):
    """PostgreSQL's `tsvector`, written from our own terms in its input syntax (so no text
    search parser, and no server locale, decides what a word is); elsewhere an empty text
    column, since FTS5 indexes the fields themselves."""

    def db_type(self, connection: BaseDatabaseWrapper) -> str | None:
        return "tsvector" if connection.vendor == "postgresql" else super().db_type(connection)

    def get_db_prep_value(self, value: Any, connection: BaseDatabaseWrapper, prepared: bool = False) -> Any:
        return value if connection.vendor == "postgresql" else ""


class SearchDocument(models.Model):
    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="+")
    language = models.CharField(max_length=5)
    title = models.TextField()
    lead = models.TextField(blank=True)
    body = models.TextField(blank=True)
    vector = TermsVectorField(blank=True, default="")
    visible_from = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # No index of its own: a section's filter narrows matches the terms have found.
    section = models.ForeignKey(Section, on_delete=models.CASCADE, null=True, related_name="+", db_index=False)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return f"{self.article_id} ({self.language})"


class RelatedStories(models.Model):
    """The stories found relevant to one, best first, as found when it was last published
    or corrected: the article page reads these ids (and checks they are still visible)."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="+")
    story_ids = models.JSONField(default=list)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("relevant news")
        verbose_name_plural = _("relevant news")

    def __str__(self) -> str:
        return f"{self.article_id}: {self.story_ids}"
