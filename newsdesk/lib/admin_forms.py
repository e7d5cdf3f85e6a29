"""Pieces for any ModelAdmin or inline of the back office that take hostile input as it is:
autocomplete fields that survive values which are no id, inlines with a hard cap on forms."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib.admin.options import BaseModelAdmin, InlineModelAdmin
from django.contrib.admin.widgets import AutocompleteMixin, AutocompleteSelect, AutocompleteSelectMultiple
from django.db.models import ForeignKey, ManyToManyField, Model
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest

from newsdesk.lib.lookups import is_database_id


class _KnownIdsOnly(AutocompleteMixin):
    """Admin autocomplete widgets look up the submitted values to show them again; a
    value that is no id (a crafted `tags=abc`) would make that lookup crash the page, so
    it is left out of what is shown. The form field still reports it as an error."""

    def optgroups(
        self, name: str, value: Sequence[str], attr: dict[str, Any] | None = None
    ) -> list[tuple[str | None, list[dict[str, Any]], int | None]]:
        return super().optgroups(name, [v for v in value if is_database_id(v)], attr)


class SafeAutocompleteSelect(_KnownIdsOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_KnownIdsOnly, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteAdmin(BaseModelAdmin):
    """For a ModelAdmin or an inline: its autocomplete fields use the widgets above."""

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> "forms.ModelChoiceField[Any] | None":
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(
        self, db_field: "ManyToManyField[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> "forms.ModelMultipleChoiceField[Any] | None":
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CappedInline(InlineModelAdmin):
    """An inline builds at most `max_num` forms, whatever a request's TOTAL_FORMS says
    (by default Django would build up to 2,000, and render them all again)."""

    def get_formset(
        self, request: HttpRequest, obj: Model | None = None, **kwargs: Any
    ) -> "type[BaseInlineFormSet[Any, Any, forms.ModelForm[Any]]]":
        kwargs.setdefault("absolute_max", self.max_num)
        return super().get_formset(request, obj, **kwargs)
