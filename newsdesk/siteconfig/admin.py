from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsdesk.siteconfig.models import SiteSettings
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
