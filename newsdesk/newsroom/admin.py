"""The desk: articles in the Django admin, with the newsroom's workflow around them.

The change form (`article_form.py`) saves through `services.article_save` (permission,
stale-version check, revision, audit). Its workflow buttons (submit, send back, publish,
schedule, withdraw, translate) save the form first, then act through `views.workflow_act`.
Staff accounts are in `accounts/people_admin.py`.
"""

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsdesk.content import text
from newsdesk.content.authors import Author
from newsdesk.content.models import Article, Byline, Language
from newsdesk.content.visibility import visible_condition
from newsdesk.editions.editions import content_language
from newsdesk.lib.admin_forms import CappedInline, SafeAutocompleteAdmin
from newsdesk.lib.lookups import is_database_id
from newsdesk.newsroom import (
    audience_views,
    autosave,
    autosave_views,
    form_extras,
    incoming_admin,  # noqa: F401  (registers the Incoming desk)
    library_admin,  # noqa: F401  (registers sections, tags, sources, authors, photos)
    photo_views,
    rules,
    selectors,
    services,
    spellings_admin,  # noqa: F401  (registers editors' Latin spellings)
    translation_desk,
    views,
)
from newsdesk.newsroom.article_form import ArticleForm, bylines_starting_with
from newsdesk.newsroom.labels import status_label
from newsdesk.newsroom.models import AuditEntry, PublishedChange
from newsdesk.newsroom.tags_field import TagsWithNewField
from newsdesk.search.queries import desk_search

# `request.user` is cast to the account: the admin site lets only signed-in staff through.
if TYPE_CHECKING:
    from django.contrib.admin.options import _FieldsetSpec
    from django.contrib.auth.models import User
    from django_stubs_ext import StrOrPromise

admin.site.site_header = _("Newsdesk back office")
admin.site.site_title = _("Newsdesk")
admin.site.index_title = _("Desk")

COUNT_CAP = 10_000
# The name of the change form's workflow buttons (submit, publish…): they save the form first.
WORKFLOW_BUTTON = "_workflow"


class CappedCountPaginator(Paginator):
    """Counts at most COUNT_CAP rows, so a list over a million articles stays fast.

    Past the cap the list says "10000+" pages' worth and still pages by offset over the
    filtered, indexed ordering.
    """

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return self.object_list[: COUNT_CAP + 1].count()
        return len(self.object_list)


class ArticleChangeList(ChangeList):
    """The desk's list reads neither bodies nor leads: it shows titles.

    Sections and authors come in one query each for the whole page (FETCH_PEERS), not by
    a join: with a join, SQLite may start from the seven sections and sort the whole
    archive (two seconds at a million articles) instead of reading the newest rows from
    the index in the desk's order.
    """

    def get_queryset(self, request: HttpRequest, exclude_parameters: list[str | None] | None = None) -> QuerySet[Any]:
        qs = super().get_queryset(request, exclude_parameters)
        # Colleagues' unpublished stories only for those who work on them (rules.can_view).
        qs = qs.filter(rules.viewable_condition(user=cast("User", request.user), now=timezone.now()))
        return qs.defer("body", "lead").fetch_mode(models.FETCH_PEERS)

    def get_results(self, request: HttpRequest) -> None:
        super().get_results(request)
        articles = list(self.result_list)
        translation_desk.translations_of_page(articles)  # the column's, in one query
        drafts = [a.pk for a in articles if a.status == Article.Status.DRAFT]
        notes = selectors.sent_back_notes(article_ids=drafts)  # "Sent back" in the status column: one query
        for article in articles:
            article.sent_back = notes.get(article.pk)  # for status_label


class DeskFilter(admin.SimpleListFilter):
    title = _("desk")
    parameter_name = "desk"

    def lookups(self, request: HttpRequest, model_admin: "admin.ModelAdmin[Any]") -> list[tuple[str, "StrOrPromise"]]:
        return [
            ("mine", _("My drafts")),
            ("review", _("Waiting for review")),
            ("scheduled", _("Scheduled")),
            ("live", _("On the site")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        now = timezone.now()
        match self.value():
            case "mine":
                return queryset.filter(created_by=cast("User", request.user), status=Article.Status.DRAFT)
            case "review":
                return queryset.filter(status=Article.Status.IN_REVIEW)
            case "scheduled":  # as Article.is_scheduled: published, but not on the site yet
                return queryset.filter(status=Article.Status.PUBLISHED).exclude(visible_condition(now=now))
            case "live":
                return queryset.filter(visible_condition(now=now))
        return queryset


class StaffFilter(admin.SimpleListFilter):
    """Who created the story, from the staff list (not a DISTINCT over every article)."""

    title = _("author")
    parameter_name = "by"

    def lookups(self, request: HttpRequest, model_admin: "admin.ModelAdmin[Any]") -> list[tuple[str, "StrOrPromise"]]:
        staff = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("first_name", "username")
        return [(str(user.pk), user.get_full_name() or user.get_username()) for user in staff[:200]]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value and is_database_id(value):
            return queryset.filter(created_by_id=int(value))
        return queryset


class BylineInline(CappedInline, SafeAutocompleteAdmin, admin.TabularInline):
    model = Byline
    extra = 0
    max_num = 20
    autocomplete_fields = ["author"]
    fields = ["author", "role", "position"]

    def get_formset(self, request: HttpRequest, obj: models.Model | None = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        author = Author.objects.filter(user=cast("User", request.user)).first() if obj is None else None
        return formset if author is None else bylines_starting_with(formset, author)


@admin.register(Article)
class ArticleAdmin(SafeAutocompleteAdmin, admin.ModelAdmin):
    form = ArticleForm
    list_display = [
        "title", "language", "section", "status_label", "translations", "created_by", "published_at", "updated_at",
    ]  # fmt: skip
    list_filter = [
        DeskFilter,
        "status",
        "language",
        "section",
        StaffFilter,
        translation_desk.TranslationFilter,
        ("published_at", admin.DateFieldListFilter),
    ]
    list_select_related = ()  # see ArticleChangeList
    # The box searches title, lead and body through the search index (get_search_results).
    search_fields = ["title"]
    search_help_text = _("Finds stories of every status by words of their title, lead or body, in any form.")
    show_full_result_count = False
    paginator = CappedCountPaginator
    list_per_page = 50
    ordering = ["-updated_at", "-id"]
    # A newsroom has a dozen sections (a plain list); sources, photos and tags grow large.
    autocomplete_fields = ["source", "photo", "tags"]
    readonly_fields = ["status_label", "published_at", "created_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["language", "title", "slug", "lead", "body", "expected_version"]}),
        (_("Correction or update"), {"fields": ["change_kind", "correction_note"]}),
        (_("Placement"), {"fields": ["section", "tags", "source", "photo", "is_breaking"]}),
        (
            _("Publication"),
            {"fields": ["status_label", "published_at", "embargo_until", "created_by", "created_at", "updated_at"]},
        ),
    ]
    inlines = [BylineInline]
    change_form_template = "newsroom/article_change_form.html"

    def get_fieldsets(self, request: HttpRequest, obj: Article | None = None) -> "_FieldsetSpec":
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # Read only (a story in review, to its author): the body as readers will see it.
            fieldsets = [
                (name, {**options, "fields": ["body_shown" if f == "body" else f for f in options["fields"]]})
                for name, options in fieldsets
            ]
        if obj is None or obj.status != Article.Status.PUBLISHED:
            return [fs for fs in fieldsets if "change_kind" not in fs[1]["fields"]]
        return fieldsets

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        # A new story starts in the language the person works in (their back office's).
        initial = super().get_changeform_initial_data(request)
        language = content_language(translation.get_language())
        if language in Language.values:
            initial.setdefault("language", language)
        return initial

    def formfield_for_manytomany(
        self, db_field: "models.ManyToManyField[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> "forms.ModelMultipleChoiceField[Any] | None":
        may_add_tags = db_field.name == "tags" and request.user.has_perm("content.add_tag")
        if may_add_tags:
            kwargs["form_class"] = TagsWithNewField
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if may_add_tags and field is not None:
            # select2 reads its options from data attributes: typing a new tag offers it.
            cast("forms.Widget", field.widget).attrs["data-tags"] = "true"
        return field

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Article], search_term: str
    ) -> tuple[QuerySet[Article], bool]:
        if not search_term.strip():
            return queryset, False
        if len(search_term) > settings.SEARCH["MAX_QUERY_LENGTH"]:
            search_term = search_term[: settings.SEARCH["MAX_QUERY_LENGTH"]]
        return queryset.filter(pk__in=desk_search(search_term)), False

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return ArticleChangeList

    def get_form(
        self, request: HttpRequest, obj: Article | None = None, change: bool = False, **kwargs: Any
    ) -> "type[forms.ModelForm[Article]]":
        form = super().get_form(request, obj, change, **kwargs)
        user = cast("User", request.user)
        # On opening the form, the words this person typed and did not save come back.
        restored = autosave.draft_copy_for(user=user, article=obj) if request.method == "GET" else None
        return type(form.__name__, (form,), {"acting_user": user, "restored_copy": restored})

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, article: Article) -> str:
        return status_label(article)

    @admin.display(description=_("translations"))
    def translations(self, article: Article) -> SafeString:
        return translation_desk.translations_column(article)

    @admin.display(description=_("body"))
    def body_shown(self, article: Article) -> SafeString:
        return format_html('<div class="body-shown">{}</div>', mark_safe(text.sanitize_body(article.body)))  # noqa: S308  (sanitised)

    def has_view_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        if obj is None:
            return super().has_view_permission(request)
        return rules.can_view(user=cast("User", request.user), article=obj)

    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        if obj is None:
            return super().has_change_permission(request)
        return rules.can_edit(user=cast("User", request.user), article=obj)

    def has_delete_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        # Stories are withdrawn, not deleted; only a chief editor may delete (a test draft, say).
        return super().has_delete_permission(request, obj) and request.user.has_perm(rules.ALL_SECTIONS)

    def save_model(self, request: HttpRequest, obj: Article, form: ArticleForm, change: bool) -> None:
        if change and request.POST.get(WORKFLOW_BUTTON) and not form.has_changed():
            # A workflow button on an unchanged form: clean() has checked the version (the
            # row is locked) and the action follows in response_change; no empty revision.
            obj._newsroom_unchanged = True  # type: ignore[attr-defined]  # for save_related and response_change
            return
        self._save(request, obj, form)

    def save_related(
        self, request: HttpRequest, form: ArticleForm, formsets: list[forms.BaseFormSet], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        if not getattr(form.instance, "_newsroom_unchanged", False):
            # The tags and bylines were saved just now, after the story and its revision.
            services.revision_snapshot_retake(article=form.instance)
        elif any(f.has_changed() for f in formsets):
            self._save(request, form.instance, form)  # only the bylines changed: still a revision

    def _save(self, request: HttpRequest, obj: Article, form: ArticleForm) -> None:
        is_new = obj.pk is None
        kind = form.cleaned_data.get("change_kind")
        services.article_save(
            article=obj,
            by=cast("User", request.user),
            expected_version=form.cleaned_data.get("expected_version"),
            kind=PublishedChange(kind) if kind else None,
            correction_note=form.cleaned_data.get("correction_note", ""),
        )
        # Saved: the autosaved copy has done its work.
        autosave.draft_copy_discard(user=cast("User", request.user), article=None if is_new else obj)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """The form as Django serves it; a save it refuses is logged as the services' are.

        Django refuses a save (by its buttons or ours) to whoever may not edit the story
        before any service is asked, with a bare PermissionDenied that leaves no trace.
        """
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.Refused:
            raise  # a service's: logged already
        except PermissionDenied:
            posted = request.method == "POST" and is_database_id(object_id)
            if posted and object_id is not None and (article := Article.objects.filter(pk=int(object_id)).first()):
                services.refusal_record(by=cast("User", request.user), article=article, what=gettext("edit"))
            raise

    def response_change(self, request: HttpRequest, obj: Article) -> HttpResponse:
        """After a save by a workflow button: the action, on the text just saved."""
        action = request.POST.get(WORKFLOW_BUTTON)
        if not action:
            return super().response_change(request, obj)
        if not getattr(obj, "_newsroom_unchanged", False):
            messages.success(request, gettext("Your changes are saved."))
        shown = views.workflow_act(request, Article.objects.get(pk=obj.pk), action)
        return HttpResponseRedirect(reverse("admin:content_article_change", args=[shown.pk]))

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Article | None = None,
    ) -> HttpResponse:
        # Only when the form is shown: a successful save redirects without it.
        context.update(form_extras.change_form_context(request, obj, context["adminform"].form))
        if obj is not None:
            context.update(views.workflow_context(request, obj))
            if request.method == "POST" and request.POST.get(WORKFLOW_BUTTON):
                messages.error(
                    request, gettext("Nothing was done yet: correct the form below, then press the button again.")
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("<int:article_id>/workflow/<str:action>/", wrap(views.workflow), name="newsroom_workflow"),
            path("<int:article_id>/front/", wrap(views.front), name="newsroom_front"),
            path("<int:article_id>/preview/", wrap(views.preview), name="newsroom_preview"),
            path("<int:article_id>/translate/", wrap(views.translate), name="newsroom_translate"),
            path("<int:article_id>/history/", wrap(views.history), name="newsroom_history"),
            path("<int:article_id>/compare/", wrap(views.compare), name="newsroom_compare"),
            path("<int:article_id>/restore/<int:number>/", wrap(views.restore), name="newsroom_restore"),
            path("photos/search/", wrap(photo_views.photo_search), name="newsroom_photo_search"),
            path("photos/upload/", wrap(photo_views.photo_upload), name="newsroom_photo_upload"),
            path("autosave/", wrap(autosave_views.autosave), name="newsroom_autosave_new"),
            path("autosave/discard/", wrap(autosave_views.autosave_discard), name="newsroom_autosave_discard_new"),
            path("<int:article_id>/autosave/", wrap(autosave_views.autosave), name="newsroom_autosave"),
            path(
                "<int:article_id>/autosave/discard/",
                wrap(autosave_views.autosave_discard),
                name="newsroom_autosave_discard",
            ),
            path("<int:article_id>/views/", wrap(audience_views.article_views_chart), name="newsroom_article_views"),
            path("most-viewed/", wrap(audience_views.top_list), name="newsroom_top_list"),
            *super().get_urls(),
        ]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "target", "message"]
    list_filter = ["action"]
    search_fields = ["target", "message"]
    list_select_related = ["actor"]
    show_full_result_count = False
    paginator = CappedCountPaginator

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
