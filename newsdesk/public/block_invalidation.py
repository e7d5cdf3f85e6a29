"""The kept story parts (article_blocks.py) a change of another row makes stale, dropped.

A story's parts show its section's name, its bylines' authors, its tags, its photo (file,
renditions, caption, credit), its source and its corrections. A change of any of these rows
deletes the parts of exactly the stories that show it, once the change commits; each
story's next reading renders them again. The story's own edits need nothing here: the
parts carry the save they were rendered from.
"""

from django.db import transaction
from django.db.models import Q

from newsdesk.content.models import Author, Byline, Correction, Section, Source, Tag
from newsdesk.content.photos import Photo
from newsdesk.public.models import ArticleBlock


def parts_forget(where: Q) -> None:
    """Once the change commits, delete the parts of the stories `where` selects."""
    transaction.on_commit(lambda: ArticleBlock.objects.filter(where).delete())


def parts_forget_row(*, sender: type, instance: object, created: bool = False, **kwargs: object) -> None:
    """`post_save` / `post_delete` of a row stories' parts show (a new section, tag, author,
    photo or source is shown by no story yet)."""
    pk = instance.pk  # type: ignore[attr-defined]
    if created and sender not in (Byline, Correction):
        return
    if sender is Section:
        parts_forget(Q(article__section_id=pk))
    elif sender is Tag:
        parts_forget(Q(article__tags__id=pk))
    elif sender is Author:
        parts_forget(Q(article__bylines__author_id=pk))
    elif sender is Photo:
        parts_forget(Q(article__photo_id=pk))
    elif sender is Source:
        parts_forget(Q(article__source_id=pk))
    elif sender in (Byline, Correction):
        parts_forget(Q(article_id=instance.article_id))  # type: ignore[attr-defined]


def parts_forget_tagged(
    *, instance: object, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: object
) -> None:
    """`m2m_changed` of stories' tags: from a story (its own parts) or from a tag (the
    stories added or taken off; all of its stories, read before they are cleared)."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:
        parts_forget(Q(article_id=instance.pk))  # type: ignore[attr-defined]
    elif action == "pre_clear":
        tagged = list(ArticleBlock.objects.filter(article__tags__id=instance.pk).values_list("article_id", flat=True))  # type: ignore[attr-defined]
        parts_forget(Q(article_id__in=tagged))
    else:
        parts_forget(Q(article_id__in=sorted(pk_set or ())))


SHOWN_ROWS = (Section, Tag, Author, Photo, Source, Byline, Correction)
