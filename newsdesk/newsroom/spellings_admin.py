"""Editors' Latin spellings of Kazakh words (editions.Transliteration): saving one shows it
on the Latin edition at once (the pages it changes are dropped from the page cache by
public.invalidation), and the editor is told how many stories it changes."""

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import ngettext

from newsdesk.content.spellings import stories_spelling
from newsdesk.editions.forms import TransliterationForm
from newsdesk.editions.models import Transliteration


@admin.register(Transliteration)
class TransliterationAdmin(admin.ModelAdmin):
    form = TransliterationForm
    list_display = ["cyrillic", "latin"]
    search_fields = ["cyrillic", "latin"]

    def save_model(self, request: HttpRequest, obj: Transliteration, form: Any, change: bool) -> None:
        before = form.initial.get("cyrillic") if change else None
        super().save_model(request, obj, form, change)
        count = len(stories_spelling({obj.cyrillic, before or ""}))
        self.message_user(
            request,
            ngettext(
                "This spelling changes %(count)d story on the Latin edition; its pages show it now.",
                "This spelling changes %(count)d stories on the Latin edition; their pages show it now.",
                count,
            )
            % {"count": count},
            messages.INFO,
        )
