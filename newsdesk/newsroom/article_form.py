"""The article's change form: the fields an edit changes, the correction note and "show
as updated" of a published story, and the checks that give the editor the form back
(a stale version, a section not theirs, markup that sanitising would drop) rather than
an error page. The desk's admin (admin.py) saves it through `services.article_save`.
"""

from typing import Any

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
from newsdesk.newsroom.models import AuditEntry, DraftCopy
from newsdesk.newsroom.tags_field import TagsTyped, tags_create
from newsdesk.newsroom.widgets import RichTextWidget

TITLE_RECOMMENDED = 90  # characters: search engines cut titles at about 60-70, share cards at about 90
LEAD_RECOMMENDED = 200  # a meta description is cut at about 160; a listing shows two or three lines


class ArticleForm(forms.ModelForm):
    restored_copy: DraftCopy | None = None  # set by the admin: words autosaved and not saved
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    correction_note = forms.CharField(
        label=_("Correction note (public)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "This story is published: say what was corrected, and readers see the note and "
            "“Updated DD.MM.YYYY, HH:MM” under it. Leave empty for a silent fix of a typo."
        ),
    )
    show_as_updated = forms.BooleanField(
        label=_("Show as updated"),
        required=False,
        help_text=_(
            "Tick for a substantive change without a correction note (new facts, a changed figure): "
            "readers see “Updated DD.MM.YYYY, HH:MM”, and feeds and search engines learn the story changed. "
            "Leave unticked for a typo fix."
        ),
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
            del self.fields["correction_note"]
        if not offers_show_as_updated(self.instance):
            del self.fields["show_as_updated"]  # a forged tick is not even read

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
        if cleaned.get("show_as_updated") and not is_visible_at(
            now=timezone.now(),
            status=self.instance.status,
            published_at=self.instance.published_at,
            embargo_until=cleaned.get("embargo_until"),
        ):
            self.add_error(
                "show_as_updated",
                ValidationError(
                    gettext("The embargo takes the story off the site: it cannot be shown as updated. Untick it."),
                    code="not_visible",
                ),
            )
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


def offers_show_as_updated(article: Article) -> bool:
    """Only a story readers can see now can be shown to them as updated (not a draft, nor
    a scheduled or embargoed one)."""
    return article.pk is not None and article.is_visible


def stale_message(article: Article) -> str:
    last = AuditEntry.objects.filter(article_id=article.pk).select_related("actor").first()
    who = str(last.actor) if last and last.actor else gettext("someone else")
    when = timezone.localtime(last.at).strftime("%H:%M") if last else ""
    return gettext(
        "%(who)s saved this story at %(when)s, after you opened it. Nothing of yours is lost: "
        "your text is still in the form below, but it was not saved. Both texts are shown "
        "side by side: bring what you need from theirs into the form, then save again."
    ) % {"who": who, "when": when}
