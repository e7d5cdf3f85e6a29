"""Translations in the newsroom: which exist, which are missing or outdated, starting one."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from newsdesk.content.models import Article, Language, Tag
from newsdesk.newsroom import rules
from newsdesk.newsroom.models import AuditEntry
from newsdesk.newsroom.services import Refused, article_bump, article_locked, article_save, audit_record, logs_refusals

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# The audit log's note when a translation is marked up to date (the translation desk reads it).
MARKED_CURRENT = "translation up to date"


@dataclass(frozen=True)
class TranslationStatus:
    language: str
    label: str
    article: Article | None  # None: missing
    outdated: bool  # its original has changed since it was translated


def translation_statuses(article: Article) -> list[TranslationStatus]:
    """Every language of the story, for the change form's panel (one query)."""
    versions = {
        a.language: a
        for a in Article.objects.filter(translation_group=article.translation_group)
        .select_related("translation_of")
        .only("id", "language", "title", "status", "version", "translated_from_version", "translation_of__version")
    }
    statuses = []
    for code, label in Language.choices:
        found = versions.get(code)
        outdated = bool(
            found
            and found.translation_of is not None
            and found.translated_from_version is not None
            and found.translation_of.version > found.translated_from_version
        )
        statuses.append(TranslationStatus(code, str(label), found, outdated))
    return statuses


@logs_refusals
def translation_start(*, article: Article, language: str, by: "User | None") -> Article:
    """A draft in `language`, in the same story, prefilled with the original for the translator."""
    if not rules.can_view(user=by, article=article):
        raise Refused(by=by, article=article, what=_("translate"))
    if language not in Language.values or language == article.language:
        raise ValidationError(_("Choose another language for the translation."))
    if Article.objects.filter(translation_group=article.translation_group, language=language).exists():
        raise ValidationError(_("This story already has a version in that language."))
    draft = Article(
        language=language,
        translation_group=article.translation_group,
        translation_of=article,
        translated_from_version=article.version,
        title=article.title,
        lead=article.lead,
        body=article.body,
        section=article.section,
        source=article.source,
        photo=article.photo,
        is_breaking=article.is_breaking,
    )
    draft = article_save(article=draft, by=by, message=f"translation of #{article.pk}")
    # The story's tags where the library has them in the translation's language (the same
    # slug: "diplomatiia" is дипломатия in Russian and in Kazakh); the others are named
    # to the translator by `tags_to_translate`.
    draft.tags.set(Tag.objects.filter(language=language, slug__in=article.tags.values("slug")))
    return draft


def tags_to_translate(*, translation: Article) -> list[Tag]:
    """The original's tags with no tag of the same slug in the translation's language."""
    if translation.translation_of_id is None:
        return []
    have = Tag.objects.filter(language=translation.language).values("slug")
    return list(Tag.objects.filter(articles__id=translation.translation_of_id).exclude(slug__in=have))


@logs_refusals
def translation_mark_current(*, article: Article, by: "User | None") -> Article:
    """The translator has brought the translation up to the original's current version."""
    current = article_locked(article)
    if current.translation_of_id is None:
        raise ValidationError(_("This article is not a translation."))
    if not rules.can_edit(user=by, article=current):
        raise Refused(by=by, article=current, what=_("edit"))
    original_version = Article.objects.filter(pk=current.translation_of_id).values_list("version", flat=True).get()
    current.translated_from_version = original_version
    article_bump(current, ["translated_from_version"])  # a form opened before would undo the mark
    audit_record(actor=by, action=AuditEntry.Action.EDITED, article=current, message=MARKED_CURRENT)
    return current
