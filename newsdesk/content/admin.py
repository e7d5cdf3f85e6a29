"""The back office for content, on the Django admin.

This is the minimal desk: write an article with a photo, publish or schedule it,
withdraw it. Forms validate through the models; state changes go through services.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsdesk.content import services
from newsdesk.content.models import Article, Author, Byline, Photo, Section, Source, Tag

admin.site.site_header = _("Newsdesk back office")
admin.site.site_title = _("Newsdesk")
admin.site.index_title = _("Desk")


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "position", "is_in_menu"]
    list_editable = ["position", "is_in_menu"]
    prepopulated_fields = {"slug": ["name_en"]}
    search_fields = ["name_en", "name_ru", "name_kk", "slug"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "language", "slug"]
    list_filter = ["language"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "url"]
    search_fields = ["name_en", "name_ru", "name_kk", "url"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "user"]
    search_fields = ["name"]
    raw_id_fields = ["user"]


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "alt_text", "credit", "width", "height", "created_at"]
    search_fields = ["alt_text", "caption", "credit"]
    fields = ["file", "alt_text", "caption", "credit", "licence"]
    show_full_result_count = False

    @admin.display(description=_("photo"))
    def thumbnail(self, photo: Photo) -> str:
        return format_html('<img src="{}" alt="" width="80" style="height:auto">', photo.file.url)


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["author", "role", "position"]


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "language", "title", "slug", "lead", "body", "section", "tags", "source", "photo", "is_breaking",
            "published_at",
        ]  # fmt: skip
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField", "size": 100}),
            "slug": forms.TextInput(attrs={"class": "vLargeTextField", "size": 100}),
            "lead": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 24}),
        }


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = ["title", "language", "section", "status_label", "published_at", "updated_at"]
    list_filter = ["status", "language", "section"]
    list_select_related = ["section"]
    search_fields = ["title"]
    # A COUNT(*) of every article on each page load does not scale to a real archive.
    show_full_result_count = False
    list_per_page = 50
    autocomplete_fields = ["section", "source", "photo", "tags"]
    readonly_fields = ["status", "created_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["language", "title", "slug", "lead", "body"]}),
        (_("Placement"), {"fields": ["section", "tags", "source", "photo", "is_breaking"]}),
        (_("Publication"), {"fields": ["status", "published_at", "created_by", "created_at", "updated_at"]}),
    ]
    inlines = [BylineInline]
    actions = ["publish", "withdraw"]

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, article: Article) -> str:
        if (
            article.status == Article.Status.PUBLISHED
            and article.published_at
            and article.published_at > timezone.now()
        ):
            return _("Scheduled")
        return article.get_status_display()

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(services.PUBLISH_PERMISSION)

    @admin.action(description=_("Publish at the set time, or now"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        now = timezone.now()
        done = 0
        for article in queryset:
            at = article.published_at if article.published_at and article.published_at > now else None
            try:
                services.article_publish(article=article, by=request.user, at=at)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{article.title}: {'; '.join(_messages(error))}", messages.ERROR)
        if done:
            self.message_user(
                request,
                ngettext("%(count)d article published.", "%(count)d articles published.", done) % {"count": done},
                messages.SUCCESS,
            )

    @admin.action(description=_("Withdraw from the site"), permissions=["publish"])
    def withdraw(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        done = 0
        for article in queryset:
            try:
                services.article_withdraw(article=article, by=request.user)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{article.title}: {'; '.join(_messages(error))}", messages.ERROR)
        if done:
            self.message_user(
                request,
                ngettext("%(count)d article withdrawn.", "%(count)d articles withdrawn.", done) % {"count": done},
                messages.SUCCESS,
            )


def _messages(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error)]
