from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsdesk.siteconfig.models import AgencyPage, Programme, SiteSettings
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
            {
                "fields": [
                    "live_stream_url",
                    "live_stream_title_ru",
                    "live_stream_title_kk",
                    "live_stream_title_en",
                    "live_poster",
                ]
            },
        ),
        (
            _("Legal details"),
            {
                "fields": [
                    "legal_name_ru",
                    "legal_name_kk",
                    "legal_name_en",
                    "legal_address_ru",
                    "legal_address_kk",
                    "legal_address_en",
                    "registration_ru",
                    "registration_kk",
                    "registration_en",
                    "editor_in_chief_ru",
                    "editor_in_chief_kk",
                    "editor_in_chief_en",
                ],
                "description": _("Shown in every page's footer; the Kazakh text in Cyrillic."),
            },
        ),
        (
            _("Social networks"),
            {
                "fields": [
                    "social_telegram",
                    "social_instagram",
                    "social_facebook",
                    "social_youtube",
                    "social_x",
                    "social_vk",
                ],
                "description": _("Plain links in every page's footer: nothing is loaded from the networks."),
            },
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


def may_edit(user: object, action: str, model: str) -> bool:
    """Chief editors (the model's own permissions, granted by a migration) and whoever may
    change the site's settings edit the TV schedule and the agency's pages; no one else,
    whatever the screen shows."""
    has_perm = getattr(user, "has_perm", None)
    if has_perm is None or not getattr(user, "is_active", False):
        return False
    return bool(has_perm(f"siteconfig.{action}_{model}") or has_perm("siteconfig.change_sitesettings"))


def may_edit_schedule(user: object, action: str) -> bool:
    return may_edit(user, action, "programme")


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


@admin.register(AgencyPage)
class AgencyPageAdmin(admin.ModelAdmin):
    """The pages the chief editor writes per edition, shown in the footer while published."""

    list_display = ["title", "edition", "kind", "slug", "position", "published"]
    list_filter = ["edition", "published", "kind"]
    list_editable = ["position", "published"]
    search_fields = ["title", "slug"]
    fields = ["edition", "kind", "slug", "title", "body", "position", "published"]

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "body" and field is not None:
            field.help_text = _(
                "HTML as in a story's text: paragraphs, headings, lists, links, bold and italics. "
                "Anything else (scripts, styles, frames) is removed on saving."
            )
        return field

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_edit(request.user, "view", "agencypage")

    def has_view_permission(self, request: HttpRequest, obj: AgencyPage | None = None) -> bool:
        return may_edit(request.user, "view", "agencypage")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return may_edit(request.user, "add", "agencypage")

    def has_change_permission(self, request: HttpRequest, obj: AgencyPage | None = None) -> bool:
        return may_edit(request.user, "change", "agencypage")

    def has_delete_permission(self, request: HttpRequest, obj: AgencyPage | None = None) -> bool:
        return may_edit(request.user, "delete", "agencypage")
