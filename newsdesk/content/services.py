"""Writes to content: creating, publishing and withdrawing articles, adding photos.

Every write goes through a function here, whether it comes from the back office, a
management command or a test, so validation and permission checks happen in one
place. `by=None` means the system itself (a management command such as the demo
loader); a request always passes its user.
"""

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.content.models import Article, Photo, Section, Source, Tag

PUBLISH_PERMISSION = "content.publish_article"


def ensure_can_publish(*, user: AbstractBaseUser | None) -> None:
    if user is not None and not user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied(_("You may not publish, schedule or withdraw articles."))


@transaction.atomic
def article_create(
    *,
    by: AbstractBaseUser | None,
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
    translation_group: UUID | None = None,
) -> Article:
    """Create a draft. Raises ValidationError with every problem of the input at once."""
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
        created_by=by,
    )
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


@transaction.atomic
def article_publish(*, article: Article, by: AbstractBaseUser | None, at: datetime | None = None) -> Article:
    """Publish now, or schedule for `at`. Readers see it from `published_at` on."""
    ensure_can_publish(user=by)
    if article.status == Article.Status.WITHDRAWN:
        raise ValidationError(_("A withdrawn article cannot be published again; write a new one."))
    article.status = Article.Status.PUBLISHED
    article.published_at = at or timezone.now()
    article.full_clean()
    article.save()
    return article


@transaction.atomic
def article_withdraw(*, article: Article, by: AbstractBaseUser | None) -> Article:
    """Take a published article off the site; its page then says it was withdrawn."""
    ensure_can_publish(user=by)
    if article.status != Article.Status.PUBLISHED:
        raise ValidationError(_("Only a published article can be withdrawn."))
    article.status = Article.Status.WITHDRAWN
    article.save(update_fields=["status", "updated_at"])
    return article


@transaction.atomic
def photo_create(
    *, by: AbstractBaseUser | None, file: File, alt_text: str, credit: str, caption: str = "", licence: str = ""
) -> Photo:
    photo = Photo(file=file, alt_text=alt_text, credit=credit, caption=caption, licence=licence)
    photo.full_clean()
    photo.save()
    return photo
