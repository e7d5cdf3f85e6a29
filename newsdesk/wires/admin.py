"""The back office's wire sources, for chief editors: what each wire is (its Source for
attribution, format, language, licence, interval), its feed addresses and drop folder,
and how it is doing (last success, last error, items in the last day)."""

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.lib.admin_forms import CappedInline, SafeAutocompleteAdmin
from newsdesk.lib.outbound import url_problem
from newsdesk.wires.models import WireFeed, WireSource
from newsdesk.wires.polling import rules


class WireFeedForm(forms.ModelForm):
    class Meta:
        model = WireFeed
        fields = ["url"]

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        if problem := url_problem(url, rules()):
            raise forms.ValidationError(_("This address cannot be read: %(why)s.") % {"why": problem})
        return url


class WireFeedInline(CappedInline, admin.TabularInline):
    model = WireFeed
    form = WireFeedForm
    extra = 1
    max_num = 20
    fields = ["url"]


@admin.register(WireSource)
class WireSourceAdmin(SafeAutocompleteAdmin, admin.ModelAdmin):
    list_display = ["name", "source", "format", "language", "is_active", "last_success_at", "error", "items_today"]
    list_filter = ["is_active", "format", "language"]
    search_fields = ["name"]
    autocomplete_fields = ["source"]
    inlines = [WireFeedInline]
    readonly_fields = ["last_success_at", "last_error_at", "last_error", "failures", "next_poll_at"]
    fieldsets = [
        (None, {"fields": ["name", "source", "format", "language", "licence", "is_active"]}),
        (_("Delivery"), {"fields": ["poll_minutes", "drop_folder"]}),
        (
            _("How it is doing"),
            {"fields": ["last_success_at", "last_error_at", "last_error", "failures", "next_poll_at"]},
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[WireSource]:
        day_ago = timezone.now() - timedelta(days=1)
        return (
            super()
            .get_queryset(request)
            .select_related("source")
            .annotate(items_in_a_day=Count("items", filter=Q(items__received_at__gte=day_ago)))
        )

    @admin.display(description=_("last error"))
    def error(self, wire: WireSource) -> str:
        if not wire.last_error or (
            wire.last_success_at and wire.last_success_at > (wire.last_error_at or wire.last_success_at)
        ):
            return ""
        return wire.last_error[:120]

    @admin.display(description=_("items in the last day"))
    def items_today(self, wire: Any) -> int:
        return wire.items_in_a_day
