"""The Incoming desk: what the wires delivered, newest first, filtered by wire, language
and time; an item's page with its text (sanitised when it arrived), original link, the
wires that sent it and its versions; and "Take", a draft from it in one click."""

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from newsdesk.content.models import Language, Section
from newsdesk.newsroom.pages import back_office_page
from newsdesk.newsroom.wire_take import may_take, wire_item_take
from newsdesk.newsroom.wire_upload import wire_file_upload
from newsdesk.wires.models import WireItem
from newsdesk.wires.search import items_matching

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class TakeForm(forms.Form):
    language = forms.ChoiceField(label=_("language"), choices=Language.choices)
    section = forms.ModelChoiceField(label=_("section"), queryset=Section.objects.order_by("position", "slug"))


@admin.register(WireItem)
class IncomingAdmin(admin.ModelAdmin):
    list_display = ["received_at", "wire", "language", "headline", "lead_start"]
    list_filter = ["wire", "language", "received_at"]
    list_select_related = ["wire"]
    search_fields = ["title", "lead", "body"]  # read by get_search_results: the words, by search's analysis
    list_per_page = 50
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # items come from the wires

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # as the wire sent it; a journalist takes it to change it

    def get_queryset(self, request: HttpRequest) -> QuerySet[WireItem]:
        return super().get_queryset(request).defer("body", "terms", "vector")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[WireItem], search_term: str
    ) -> tuple[QuerySet[WireItem], bool]:
        if not search_term.strip():
            return queryset, False
        return items_matching(queryset, search_term), False

    @admin.display(description=_("title"), ordering="title")
    def headline(self, item: WireItem) -> str:
        marks = [str(_("updated"))] if item.is_updated else []
        if item.embargoed_until and item.embargoed_until > timezone.now():
            moment = date_format(timezone.localtime(item.embargoed_until), "d.m.Y, H:i")
            marks.append(_("embargoed until %(moment)s") % {"moment": moment})
        if not marks:
            return item.title
        return format_html(
            "{} {}", item.title, format_html_join(" ", '<span class="badge">{}</span>', ((mark,) for mark in marks))
        )

    @admin.display(description=_("lead"))
    def lead_start(self, item: WireItem) -> str:
        return item.lead[:160] + ("…" if len(item.lead) > 160 else "")

    def get_urls(self) -> list[URLPattern]:
        own = [
            path("<int:item_id>/take/", staff_member_required(self.admin_site.admin_view(take)), name="wires_take"),
            path("upload/", staff_member_required(self.admin_site.admin_view(wire_file_upload)), name="wires_upload"),
        ]
        return own + super().get_urls()

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        extra_context = {**(extra_context or {}), "may_upload": may_take(cast("User", request.user))}
        return super().changelist_view(request, extra_context)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        item = get_object_or_404(
            WireItem.objects.select_related("wire__source"), pk=object_id if object_id.isdigit() else 0
        )
        return item_page(request, item, TakeForm(initial=_take_defaults(item)))


def _take_defaults(item: WireItem) -> dict[str, Any]:
    return {"language": item.language if item.language in Language.values else Language.EN}


def item_page(request: HttpRequest, item: WireItem, form: TakeForm) -> HttpResponse:
    versions = list(item.versions.order_by("-number"))
    also_from = [key.wire for key in item.keys.select_related("wire") if key.wire_id != item.wire_id]
    return back_office_page(
        request,
        "newsroom/incoming_item.html",
        {
            "title": item.title,
            "item": item,
            "body": mark_safe(item.body),  # noqa: S308  (sanitised when the item was stored)
            "versions": versions,
            "also_from": also_from,
            "form": form if may_take(cast("User", request.user)) else None,
            "takes": item.takes.select_related("article"),
        },
    )


@require_POST
def take(request: HttpRequest, item_id: int) -> HttpResponse:
    user = cast("User", request.user)
    if not may_take(user):
        raise PermissionDenied
    item = get_object_or_404(WireItem.objects.select_related("wire__source"), pk=item_id)
    form = TakeForm(request.POST)
    if not form.is_valid():
        return item_page(request, item, form)
    try:
        article = wire_item_take(
            item=item, by=user, language=form.cleaned_data["language"], section=form.cleaned_data["section"]
        )
    except ValidationError as error:
        form.add_error(None, error)
        return item_page(request, item, form)
    messages.success(request, _("A draft was made from the wire's item. Edit it, then send it for review."))
    return HttpResponseRedirect(reverse("admin:content_article_change", args=[article.pk]))
