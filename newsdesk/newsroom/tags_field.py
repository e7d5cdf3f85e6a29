"""The story's tags field: existing tags by id, and new ones typed into the box.

The autocomplete offers the library's tags; someone allowed to add tags may also type a
new one (select2's `tags` mode sends the typed text instead of an id). The new names are
kept aside by the field and created, in the story's language, only when the story is
saved (`ArticleForm._save_m2m`), so a refused form leaves no tag behind.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from newsdesk.content import text
from newsdesk.content.models import Tag

MAX_NEW_TAGS = 10


class TagsTyped(list[Tag]):
    """The chosen tags, and the names of new ones to create."""

    def __init__(self, existing: list[Tag], new_names: list[str]):
        super().__init__(existing)
        self.new_names = new_names


class TagsWithNewField(forms.ModelMultipleChoiceField):
    def clean(self, value: Any) -> TagsTyped:  # type: ignore[override]  # a list of tags, as save_m2m takes
        values = [str(v) for v in (value or [])]
        ids = [v for v in values if v.isdigit()]
        names: list[str] = []
        for raw in values:
            if raw.isdigit():
                continue
            name = text.clean_plain_text(raw)[:100].strip()
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
        if len(names) > MAX_NEW_TAGS:
            raise ValidationError(_("At most %(n)d new tags at a time.") % {"n": MAX_NEW_TAGS}, code="too_many")
        existing = list(super().clean(ids)) if ids else []
        return TagsTyped(existing, names)


def tags_create(*, names: list[str], language: str) -> list[Tag]:
    """The tags of these names in `language`: found by their slug, or made."""
    made = []
    for name in names:
        slug = text.make_slug(name)
        if not slug:
            continue
        tag = Tag.objects.filter(language=language, slug=slug).first()
        if tag is None:
            tag = Tag(language=language, name=name, slug=slug)
            tag.full_clean()
            tag.save()
        made.append(tag)
    return made
