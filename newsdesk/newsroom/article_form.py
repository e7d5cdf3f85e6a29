"""The article's change form: the fields an edit changes, what kind of change an edit of
a published story is (a correction with its public note, an update, a silent fix), and
the checks that give the editor the form back (a stale version, a section not theirs,
markup that sanitising would drop, no kind chosen for a changed text) rather than an
error page. The desk's admin (admin.py) saves it through `services.article_save`.
"""

import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import QueryDict
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsdesk.content import text
from newsdesk.content.authors import Author
from newsdesk.content.models import Article, Byline
from newsdesk.content.visibility import is_visible_at
from newsdesk.newsroom import rules, services
from newsdesk.newsroom.models import AuditEntry, DraftCopy, PublishedChange
from newsdesk.newsroom.tags_field import TagsTyped, tags_create
from newsdesk.newsroom.widgets import RichTextWidget

TITLE_RECOMMENDED = 90  # characters: search engines cut titles at about 60-70, share cards at about 90
LEAD_RECOMMENDED = 200  # a meta description is cut at about 160; a listing shows two or three lines


class ArticleForm(forms.ModelForm):
    restored_copy: DraftCopy | None = None  # set by the admin: words autosaved and not saved
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    change_kind = forms.ChoiceField(
        label=_("What kind of change is this?"),
        choices=PublishedChange.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "Choose one when you change the title, lead or body of a story on the site. A correction "
            "puts your note and “Updated DD.MM.YYYY, HH:MM” under the story and in the correction log; "
            "an update shows only the time; a silent fix shows nothing."
        ),
    )
    correction_note = forms.CharField(
        label=_("Correction note (public)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For a correction only: say what was wrong. Readers see the note under the story."),
    )

    class Meta:
        model = Article
        fields = [
            "language", "title", "slug", "lead", "body", "section", "tags", "source", "photo", "is_breaking",
            "embargo_until",
        ]  # fmt: skip
        widgets = {
            # The counters (newsroom/form_tools.js) show the length against what fits a
            # search result's or a share card's title, and a listing's or description's lead.
            "title": forms.TextInput(
                attrs={"class": "vLargeTextField", "size": 100, "data-recommended": TITLE_RECOMMENDED}
            ),
            "slug": forms.TextInput(attrs={"class": "vLargeTextField", "size": 100}),
            "lead": forms.Textarea(attrs={"rows": 3, "data-recommended": LEAD_RECOMMENDED}),
            "body": RichTextWidget(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        if self.restored_copy is not None and not self.is_bound:
            copy = self.restored_copy
            self.initial.update({"title": copy.title, "lead": copy.lead, "body": copy.body})
            if self.instance.pk:
                # The version it was typed on: a save over a colleague's newer one is refused.
                self.initial["expected_version"] = min(copy.base_version, self.instance.version)
        if self.instance.status != Article.Status.PUBLISHED:
            del self.fields["change_kind"], self.fields["correction_note"]
        elif not offers_update(self.instance):  # a forged "update" is refused as a choice not offered
            kind = cast("forms.ChoiceField", self.fields["change_kind"])
            kind.choices = [
                (value, label) for value, label in PublishedChange.choices if value != PublishedChange.UPDATE
            ]

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data.get("slug", "")
        story = self.instance
        made_from_title = story.pk and story.slug == text.make_slug(story.title)
        if made_from_title and slug == story.slug and story.published_at is None:
            # Never published and never chosen by hand: the address follows the title (a
            # translation's, first made from the original's title, becomes its own).
            return ""  # made again from the title as saved (Article.clean)
        return slug

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if lost := text.lost_text(body, text.sanitize_body(body)):
            # Never drop a journalist's words silently: they fix the markup, or remove it.
            raise ValidationError(
                gettext(
                    "Unsafe markup in the body would remove this text when the story is saved: "
                    "“%(text)s”. Paste that part again as plain text, or remove the markup around it."
                )
                % {"text": Truncator(lost).chars(300)},
                code="lost_text",
            )
        return body

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[assignment]  # ModelForm's returns cleaned_data
        if self.instance.pk and cleaned.get("expected_version") is not None:
            # The admin wraps this form's request in a transaction: the row stays locked
            # until the save, so two editors cannot both pass this check, and the editor
            # gets the form back with their text rather than an error page.
            try:
                services.article_lock_at_version(
                    article_id=self.instance.pk, expected_version=cleaned["expected_version"]
                )
            except services.StaleVersion as stale:
                # The form comes back with both texts (form_extras.stale_texts); once seen,
                # the next save is made over the colleague's version deliberately.
                data = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
                data["expected_version"] = str(stale.current.version)
                self.data = data
                raise ValidationError(stale_message(self.instance), code="stale") from None
        if "change_kind" in self.fields:
            self._clean_kind_of_change(cleaned)
        section = cleaned.get("section")
        user = getattr(self, "acting_user", None)
        if (
            self.instance.pk
            and section
            and user
            and not rules.can_edit_in(user=user, article=self.instance, section_id=section.pk)
        ):
            # The service refuses it too; here the editor keeps the form and learns why.
            self.add_error(
                "section",
                ValidationError(
                    gettext("You do not edit the section “%(section)s”: keep the story in one of yours.")
                    % {"section": section},
                    code="section",
                ),
            )
        return cleaned

    def _save_m2m(self) -> None:
        tags = self.cleaned_data.get("tags")
        if isinstance(tags, TagsTyped) and tags.new_names:
            # Typed into the tags box: made now, in the story's language, with the story.
            self.cleaned_data["tags"] = [*tags, *tags_create(names=tags.new_names, language=self.instance.language)]
        super()._save_m2m()  # type: ignore[misc]  # ModelForm's, untyped in the stubs

    def _clean_kind_of_change(self, cleaned: dict[str, Any]) -> None:
        """One kind of change, chosen on purpose: nobody publishes a correction by accident."""
        kind = cleaned.get("change_kind") or None
        note = cleaned.get("correction_note", "").strip()
        if kind is None and self.instance.is_visible and self._changes_what_readers_read(cleaned):
            self.add_error(
                "change_kind",
                ValidationError(
                    gettext(
                        "Readers can see this story and its text changed: choose whether this is a correction, "
                        "an update or a silent fix."
                    ),
                    code="kind_required",
                ),
            )
        if kind == PublishedChange.CORRECTION and not note:
            self.add_error(
                "correction_note",
                ValidationError(
                    gettext("Say what was corrected: readers see this note under the story."), code="note_required"
                ),
            )
        elif kind != PublishedChange.CORRECTION and note:
            self.add_error(
                "correction_note",
                ValidationError(
                    gettext("Only a correction has a public note: choose “Correction”, or leave the note empty."),
                    code="note_refused",
                ),
            )
        if kind == PublishedChange.UPDATE and not is_visible_at(
            now=timezone.now(),
            status=self.instance.status,
            published_at=self.instance.published_at,
            embargo_until=cleaned.get("embargo_until"),
        ):
            self.add_error(
                "change_kind",
                ValidationError(
                    gettext("The embargo takes the story off the site: it cannot be shown as updated."),
                    code="not_visible",
                ),
            )

    def _changes_what_readers_read(self, cleaned: dict[str, Any]) -> bool:
        """Whether the title, lead or body differ from the stored ones as readers would
        see them (spaces the save collapses, markup the sanitiser drops do not count)."""
        stored = self.instance
        for field in ("title", "lead"):
            if field in cleaned and text.clean_plain_text(cleaned[field] or "") != getattr(stored, field):
                return True
        return "body" in cleaned and _as_rendered(cleaned["body"] or "") != _as_rendered(stored.body)


_SPACES = re.compile(r"\s+")
_BLOCK_TAG = re.compile(
    r" ?(</?(?:p|h[2-4]|ul|ol|li|blockquote|figure|figcaption|hr|br|table|thead|tbody|tr|th|td|caption)\b[^>]*>) ?"
)


def _as_rendered(body: str) -> str:
    """A body as browsers lay it out: sanitised, a run of spaces one, none around a block's tags."""
    return _BLOCK_TAG.sub(r"\1", _SPACES.sub(" ", text.sanitize_body(body)))


def offers_update(article: Article) -> bool:
    """Only a story readers can see now can be shown to them as updated (not a draft, nor
    a scheduled or embargoed one)."""
    return article.pk is not None and article.is_visible


def bylines_starting_with(formset: type[BaseInlineFormSet], author: Author) -> type[BaseInlineFormSet]:
    """A new story's bylines, with the person writing it already in the first row.

    The row is saved as if typed (an untouched extra row is normally skipped); removing
    it, or choosing someone else, is the journalist's to do.
    """

    class FirstRowIsTheAuthor(formset.form):  # type: ignore[name-defined]  # a class made by the admin
        def has_changed(self) -> bool:
            kept = str(self.data.get(self.add_prefix("author"), "")) == str(author.pk)
            return super().has_changed() or (self.initial.get("author") == author.pk and kept)

    class WithTheAuthor(formset):  # type: ignore[valid-type,misc]  # idem
        form = FirstRowIsTheAuthor
        extra = max(formset.extra, 1)

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("initial", [{"author": author.pk, "role": Byline.Role.REPORTED_BY, "position": 0}])
            super().__init__(*args, **kwargs)

    return WithTheAuthor


def stale_message(article: Article) -> str:
    last = AuditEntry.objects.filter(article_id=article.pk).select_related("actor").first()
    who = str(last.actor) if last and last.actor else gettext("someone else")
    when = timezone.localtime(last.at).strftime("%H:%M") if last else ""
    return gettext(
        "%(who)s saved this story at %(when)s, after you opened it. Nothing of yours is lost: "
        "your text is still in the form below, but it was not saved. Both texts are shown "
        "side by side: bring what you need from theirs into the form, then save again."
    ) % {"who": who, "when": when}
