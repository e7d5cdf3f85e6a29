from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsdesk.siteconfig.models import Programme, SiteSettings
from newsdesk.siteconfig.selectors import site_settings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    """One row of settings: the list goes straight to its form."""

    fieldsets = [
        (_("Name and logo"), {"fields": ["name_en", "name_ru", "name_kk", "logo"]}),
        (_("Reprint notice"), {"fields": ["reprint_notice_en", "reprint_notice_ru", "reprint_notice_kk"]}),
        (_("Time"), {"fields": ["time_zone"]}),
        (
            _("Internet TV"),
            {"fields": ["live_stream_url", "live_stream_title_ru", "live_stream_title_kk", "live_stream_title_en"]},
        ),
        (_("Feeds and link previews"), {"fields": ["feeds_full_text", "share_image", "same_as"]}),
        (
            _("Telegram"),
            {
                "fields": [
                    "telegram_channel_en",
                    "telegram_channel_ru",
                    "telegram_channel_kk",
                    "telegram_channel_kk_latn",
                ],
                "description": _(
                    "Published stories are posted to each edition's channel, corrections edit the post and "
                    "withdrawals delete it. The bot's token comes from the server's TELEGRAM_BOT_TOKEN setting."
                ),
            },
        ),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: SiteSettings | None = None) -> bool:
        return False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponseRedirect:
        settings_row = site_settings()
        return HttpResponseRedirect(reverse("admin:siteconfig_sitesettings_change", args=[settings_row.pk]))


def may_edit_schedule(user: object, action: str) -> bool:
    """Chief editors (the schedule's own permissions, granted by a migration) and whoever
    may change the site's settings edit the TV schedule; no one else, whatever the screen shows."""
    has_perm = getattr(user, "has_perm", None)
    if has_perm is None or not getattr(user, "is_active", False):
        return False
    return bool(has_perm(f"siteconfig.{action}_programme") or has_perm("siteconfig.change_sitesettings"))


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    """The internet TV's schedule: times are entered and shown in the agency's zone."""

    list_display = ["__str__", "edition", "starts_at", "ends_at"]
    list_filter = ["edition"]
    date_hierarchy = "starts_at"
    search_fields = ["title_en", "title_ru", "title_kk"]
    fieldsets = [
        (None, {"fields": ["edition", "starts_at", "ends_at"]}),
        (_("Title"), {"fields": ["title_ru", "title_kk", "title_en"]}),
        (_("Description"), {"fields": ["description_ru", "description_kk", "description_en"]}),
    ]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_edit_schedule(request.user, "view")

    def has_view_permission(self, request: HttpRequest, obj: Programme | None = None) -> bool:
        return may_edit_schedule(request.user, "view")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return may_edit_schedule(request.user, "add")

    def has_change_permission(self, request: HttpRequest, obj: Programme | None = None) -> bool:
        return may_edit_schedule(request.user, "change")

    def has_delete_permission(self, request: HttpRequest, obj: Programme | None = None) -> bool:
        return may_edit_schedule(request.user, "delete")
