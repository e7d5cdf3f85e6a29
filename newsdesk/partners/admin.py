"""The back office's partner screens, for chief editors: partners with their editions,
sections, embargo rights, rate limit and licence; their keys (shown once when made,
revoked at once); their webhooks (paused ones flagged, resumed by hand) with every
delivery and its attempts; and each partner's use per day."""

from datetime import timedelta
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsdesk.editions.definition import EDITIONS
from newsdesk.lib.outbound import url_problem
from newsdesk.partners.keys import partner_key_create, partner_key_revoke
from newsdesk.partners.models import Delivery, DeliveryAttempt, Partner, PartnerKey, PartnerUsage, Webhook
from newsdesk.partners.webhooks import webhook_secret

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class PartnerForm(forms.ModelForm):
    editions = forms.MultipleChoiceField(
        label=_("editions"),
        choices=[(edition.code, edition.name) for edition in EDITIONS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The editions whose stories the partner may take."),
    )

    class Meta:
        model = Partner
        fields = [
            "name", "contact_name", "contact_email", "is_active", "editions", "sections", "sees_embargoed", "licence",
            "requests_per_minute",
        ]  # fmt: skip


class KeyInline(admin.TabularInline):
    model = PartnerKey
    extra = 0
    fields = ["prefix", "label", "created_at", "created_by", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "label", "created_at", "created_by", "last_used_at", "revoked_at"]
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # keys are made by the partner's action, which shows the key once


class WebhookInline(admin.TabularInline):
    model = Webhook
    extra = 0
    fields = ["url", "is_active", "failing_since", "paused_at"]
    readonly_fields = ["failing_since", "paused_at"]
    show_change_link = True


class UsageInline(admin.TabularInline):
    model = PartnerUsage
    extra = 0
    fields = ["day", "requests", "items"]
    readonly_fields = ["day", "requests", "items"]
    can_delete = False
    max_num = 0
    verbose_name_plural = _("use in the last 30 days")

    def get_queryset(self, request: HttpRequest) -> QuerySet[PartnerUsage]:
        since = timezone.now().date() - timedelta(days=30)
        return super().get_queryset(request).filter(day__gte=since)


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    form = PartnerForm
    list_display = ["name", "contact_name", "editions_shown", "sees_embargoed", "requests_per_minute", "is_active"]
    list_filter = ["is_active", "sees_embargoed"]
    search_fields = ["name", "contact_name", "contact_email"]
    filter_horizontal = ["sections"]
    inlines = [KeyInline, WebhookInline, UsageInline]
    actions = ["key_make"]
    fieldsets = [
        (None, {"fields": ["name", "contact_name", "contact_email", "is_active"]}),
        (_("What the partner may take"), {"fields": ["editions", "sections", "sees_embargoed", "licence"]}),
        (_("Limits"), {"fields": ["requests_per_minute"]}),
    ]

    @admin.display(description=_("editions"))
    def editions_shown(self, partner: Partner) -> str:
        return ", ".join(partner.editions or [])

    @admin.action(description=_("Make a new API key"), permissions=["add_key"])
    def key_make(self, request: HttpRequest, queryset: QuerySet[Partner]) -> None:
        for partner in queryset:
            _row, key = partner_key_create(partner=partner, label="", by=cast("User", request.user))
            messages.warning(
                request,
                _("New key for %(partner)s: %(key)s. Copy it now: it is not shown again.")
                % {"partner": partner.name, "key": key},
            )

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        if request.method == "GET":
            paused_webhooks_warn(request)
        return super().changelist_view(request, extra_context)

    def has_add_key_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("partners.add_partnerkey")


@admin.register(PartnerKey)
class PartnerKeyAdmin(admin.ModelAdmin):
    list_display = ["prefix", "partner", "label", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["partner"]
    readonly_fields = ["partner", "prefix", "created_at", "created_by", "last_used_at", "revoked_at"]
    fields = ["partner", "prefix", "label", "created_at", "created_by", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # made on the partner's page, where the key is shown once

    @admin.action(description=_("Revoke the chosen keys"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[PartnerKey]) -> None:
        keys = list(queryset.filter(revoked_at__isnull=True))
        for key in keys:
            partner_key_revoke(key=key, by=cast("User", request.user))
        messages.success(
            request, ngettext("%(count)d key revoked.", "%(count)d keys revoked.", len(keys)) % {"count": len(keys)}
        )


class WebhookForm(forms.ModelForm):
    class Meta:
        model = Webhook
        fields = ["partner", "url", "is_active"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if problem := url_problem(url):
            raise forms.ValidationError(
                _("This address cannot receive deliveries: %(problem)s.") % {"problem": problem}
            )
        return url


class AttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    fields = ["at", "status_code", "duration_ms", "error"]
    readonly_fields = ["at", "status_code", "duration_ms", "error"]
    can_delete = False
    max_num = 0


class PausedFilter(admin.SimpleListFilter):
    title = _("deliveries")
    parameter_name = "paused"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, Any]]:
        return [("1", _("paused after a day of failures")), ("0", _("being delivered"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Webhook]) -> QuerySet[Webhook]:
        if self.value() in ("0", "1"):
            return queryset.filter(paused_at__isnull=self.value() == "0")
        return queryset


def paused_webhooks_warn(request: HttpRequest) -> None:
    paused = Webhook.objects.filter(paused_at__isnull=False, is_active=True).count()
    if paused:
        messages.warning(
            request,
            ngettext(
                "%(count)d webhook is paused after a day of failures: see the webhooks marked paused.",
                "%(count)d webhooks are paused after a day of failures: see the webhooks marked paused.",
                paused,
            )
            % {"count": paused},
        )


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    form = WebhookForm
    list_display = ["url", "partner", "is_active", "failing_since", "paused_at"]
    list_filter = [PausedFilter, "is_active", "partner"]

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        if request.method == "GET":
            paused_webhooks_warn(request)
        return super().changelist_view(request, extra_context)

    readonly_fields = ["secret", "failing_since", "paused_at"]
    actions = ["resume"]

    def save_model(self, request: HttpRequest, obj: Webhook, form: forms.ModelForm, change: bool) -> None:
        if not obj.secret:
            obj.secret = webhook_secret()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Resume the chosen webhooks"), permissions=["change"])
    def resume(self, request: HttpRequest, queryset: QuerySet[Webhook]) -> None:
        count = queryset.update(paused_at=None, failing_since=None)
        messages.success(
            request, ngettext("%(count)d webhook resumed.", "%(count)d webhooks resumed.", count) % {"count": count}
        )


# What each event partners receive means, for the back office; the code is what they see.
EVENT_LABELS = {
    "item.published": _("published"),
    "item.withheld": _("withheld"),
    "item.corrected": _("corrected"),
    "item.updated": _("updated"),
    "item.withdrawn": _("withdrawn"),
}


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["message_id", "event_shown", "webhook", "telegram_chat", "status", "attempts", "created_at",
                    "sent_at"]  # fmt: skip
    list_filter = ["status", "event", "webhook__partner"]
    search_fields = ["message_id"]
    fields = ("message_id", "event_shown", "webhook", "telegram_chat", "article", "status", "attempts", "created_at",
              "next_attempt_at", "sent_at")  # fmt: skip
    readonly_fields = fields
    inlines = [AttemptInline]

    @admin.display(description=_("event"), ordering="event")
    def event_shown(self, delivery: Delivery) -> str:
        label = EVENT_LABELS.get(delivery.event)
        return f"{label} · {delivery.event}" if label else delivery.event

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Delivery | None = None) -> bool:
        return False
