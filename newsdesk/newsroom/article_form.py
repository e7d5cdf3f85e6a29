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
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsdesk.content import text
from newsdesk.content.models import Article
from newsdesk.content.visibility import is_visible_at
from newsdesk.newsroom import rules, services
from newsdesk.newsroom.models import AuditEntry, PublishedChange
from newsdesk.newsroom.widgets import RichTextWidget


class ArticleForm(forms.ModelForm):
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
            "title": forms.TextInput(attrs={"class": "vLargeTextField", "size": 100}),
            "slug": forms.TextInput(attrs={"class": "vLargeTextField", "size": 100}),
            "lead": forms.Textarea(attrs={"rows": 3}),
            "body": RichTextWidget(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        if self.instance.status != Article.Status.PUBLISHED:
            del self.fields["change_kind"], self.fields["correction_note"]
        elif not offers_update(self.instance):  # a forged "update" is refused as a choice not offered
            kind = cast("forms.ChoiceField", self.fields["change_kind"])
            kind.choices = [
                (value, label) for value, label in PublishedChange.choices if value != PublishedChange.UPDATE
            ]

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
            except services.StaleVersion:
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


def stale_message(article: Article) -> str:
    last = AuditEntry.objects.filter(article_id=article.pk).select_related("actor").first()
    who = str(last.actor) if last and last.actor else gettext("someone else")
    when = timezone.localtime(last.at).strftime("%H:%M") if last else ""
    return gettext(
        "%(who)s saved this story at %(when)s, after you opened it. Nothing of yours is lost: "
        "your text is still in the form below, but it was not saved. Open the story's history "
        "to see what changed, then reload and apply your changes again."
    ) % {"who": who, "when": when}
