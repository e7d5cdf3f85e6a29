"""Writes to content that need no newsroom rules: articles from wires and imports,
photos and their renditions.

The newsroom's own writes (editing, the workflow, corrections) are in
`newsroom.services`, which asks `newsroom.rules` first. `by=None` is the system itself
(a management command such as the demo loader).
"""

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from newsdesk.content.models import Article, Photo, Section, Source, Tag
from newsdesk.content.renditions import make_renditions
from newsdesk.content.text import make_slug

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def article_create(
    *,
    by: "User | None",
    language: str,
    title: str,
    body: str,
    section: Section,
    lead: str = "",
    slug: str = "",
    source: Source | None = None,
    photo: Photo | None = None,
    tags: Iterable[Tag] = (),
    is_breaking: bool = False,
    embargo_until: datetime | None = None,
    translation_group: UUID | None = None,
    translation_of: Article | None = None,
) -> Article:
    """Create a draft. Raises ValidationError with every problem of the input at once.

    `translation_of` makes it a translation of that article, in its story, following
    its current version.
    """
    article = Article(
        language=language,
        title=title,
        body=body,
        section=section,
        lead=lead,
        slug=slug,
        source=source,
        photo=photo,
        is_breaking=is_breaking,
        embargo_until=embargo_until,
        created_by=by,
    )
    if translation_of is not None:
        article.translation_of = translation_of
        article.translated_from_version = translation_of.version
        translation_group = translation_of.translation_group
    if translation_group is not None:
        article.translation_group = translation_group
    article.full_clean()
    article.save()
    tags = list(tags)
    if any(tag.language != language for tag in tags):
        raise ValidationError({"tags": _("Tags must be in the article's language.")})
    if tags:
        article.tags.set(tags)
    return article


def tags_named(*, language: str, names: Iterable[str]) -> list[Tag]:
    """The tags of `language` with these names, made where missing (imports, wires, the demo)."""
    tags = []
    for name in names:
        tag, _created = Tag.objects.get_or_create(language=language, slug=make_slug(name), defaults={"name": name})
        tags.append(tag)
    return tags


@transaction.atomic
def photo_create(
    *, by: "User | None", file: File, alt_text: str, credit: str, caption: str = "", licence: str = ""
) -> Photo:
    """Store a checked photo and its responsive renditions."""
    photo = Photo(file=file, alt_text=alt_text, credit=credit, caption=caption, licence=licence)
    return photo_save(photo=photo, by=by, file_changed=True)


@transaction.atomic
def photo_save(*, photo: Photo, by: AbstractBaseUser | None, file_changed: bool) -> Photo:
    """Check and save a photo; a new file gets its renditions (once, here, not per request)."""
    if photo.pk is None and by is not None and by.is_authenticated:
        photo.uploaded_by = by
    photo.full_clean()
    photo.save()
    if file_changed:
        with photo.file.open("rb") as file:
            photo.renditions = make_renditions(photo_id=photo.pk, file=file)
        photo.save(update_fields=["renditions"])
    return photo


def renditions_sizes_fill() -> int:
    """Give the renditions of photos made before their byte sizes were kept (feeds'
    enclosures need them) their sizes, read once from the storage. A rendition whose file
    is missing is left without one. Returns how many photos changed; a second run, none."""
    changed = 0
    for photo in Photo.objects.only("id", "renditions").iterator(chunk_size=500):
        renditions = [dict(rendition) for rendition in photo.renditions]
        missing = [r for r in renditions if "bytes" not in r and default_storage.exists(r["name"])]
        if not missing:
            continue
        for rendition in missing:
            rendition["bytes"] = default_storage.size(rendition["name"])
        Photo.objects.filter(pk=photo.pk).update(renditions=renditions)
        changed += 1
    return changed
