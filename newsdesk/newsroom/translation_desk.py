"""The translation desk: which stories lack a translation or have an outdated one (the
list's filter and column), and, on a translation's form, its original beside it with
what changed in the original since it was translated."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import Exists, F, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsdesk.content import text
from newsdesk.content.models import Article, Language
from newsdesk.newsroom.diff import RevisionDiff, revision_diff
from newsdesk.newsroom.models import AuditEntry, Revision
from newsdesk.newsroom.translations import MARKED_CURRENT

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MISSING = "missing:"
OUTDATED = "outdated"


def missing_in(queryset: "QuerySet[Article]", language: str) -> "QuerySet[Article]":
    """Originals with no version in `language`."""
    has_it = Article.objects.filter(translation_group=OuterRef("translation_group"), language=language)
    return queryset.filter(translation_of__isnull=True).exclude(language=language).exclude(Exists(has_it))


def outdated(queryset: "QuerySet[Article]") -> "QuerySet[Article]":
    """Translations whose original has changed since they were translated."""
    return queryset.filter(translation_of__isnull=False, translated_from_version__lt=F("translation_of__version"))


class TranslationFilter(admin.SimpleListFilter):
    title = _("translations")
    parameter_name = "translation"

    def lookups(self, request: HttpRequest, model_admin: "admin.ModelAdmin[Any]") -> list[tuple[str, "StrOrPromise"]]:
        missing = [
            (f"{MISSING}{code}", gettext("Missing in %(language)s") % {"language": label})
            for code, label in Language.choices
        ]
        return [*missing, (OUTDATED, _("Outdated translations"))]

    def queryset(self, request: HttpRequest, queryset: "QuerySet[Any]") -> "QuerySet[Any]":
        value = self.value() or ""
        if value == OUTDATED:
            return outdated(queryset)
        if value.startswith(MISSING) and value.removeprefix(MISSING) in Language.values:
            return missing_in(queryset, value.removeprefix(MISSING))
        return queryset


def translations_of_page(articles: list[Article]) -> None:
    """Attach to each story of a list page its languages' states, in one query:
    `article.translation_states` = [(code, "here" | "current" | "outdated" | "missing")]."""
    groups = {a.translation_group for a in articles}
    rows = (
        Article.objects.filter(translation_group__in=groups)
        .values_list("translation_group", "language", "translated_from_version", "translation_of__version")
        .order_by()
    )
    found: dict[Any, dict[str, str]] = {}
    for group, language, from_version, original_version in rows:
        late = from_version is not None and original_version is not None and original_version > from_version
        found.setdefault(group, {})[language] = "outdated" if late else "current"
    for article in articles:
        languages = found.get(article.translation_group, {})
        article.translation_states = [  # type: ignore[attr-defined]  # for the list's column
            (code, "here" if code == article.language else languages.get(code, "missing")) for code in Language.values
        ]


def translations_column(article: Article) -> SafeString:
    """ "ru ✓ · kk outdated · en —", as the list's column shows it."""
    labels = {"current": "✓", "outdated": gettext("outdated"), "missing": "—"}
    states = [(code, state) for code, state in getattr(article, "translation_states", []) if state != "here"]
    return format_html_join(
        " · ", '<span class="translation-{}">{} {}</span>', ((state, code, labels[state]) for code, state in states)
    )


@dataclass(frozen=True)
class OriginalBeside:
    original: Article
    title: str
    lead: str
    body: SafeString
    outdated: bool
    changes: RevisionDiff | None  # the original's, since the translation followed it


def translated_at(translation: Article) -> Any:
    """When the translation last followed its original: marked up to date, or started."""
    marked = (
        AuditEntry.objects.filter(article=translation, action=AuditEntry.Action.EDITED, message=MARKED_CURRENT)
        .values_list("at", flat=True)
        .first()
    )
    return marked or translation.created_at


def original_beside(translation: Article) -> OriginalBeside | None:
    """What a translator works from: the original as it is now and, when it changed since
    the translation followed it, the difference between the two revisions."""
    if translation.translation_of_id is None:
        return None
    original = Article.objects.filter(pk=translation.translation_of_id).first()
    if original is None:
        return None
    is_outdated = (
        translation.translated_from_version is not None and original.version > translation.translated_from_version
    )
    changes = None
    if is_outdated:
        revisions = Revision.objects.filter(article=original)
        then = revisions.filter(created_at__lte=translated_at(translation)).first()
        now = revisions.first()
        if then is not None and now is not None and then.pk != now.pk:
            changes = revision_diff(then, now)
    return OriginalBeside(
        original=original,
        title=original.title,
        lead=original.lead,
        body=mark_safe(text.sanitize_body(original.body)),  # noqa: S308  (sanitised)
        outdated=is_outdated,
        changes=changes,
    )
