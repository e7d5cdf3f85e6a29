"""The back office for the content's reference data: sections, tags, sources,
authors and the photo library. Articles are the newsroom's (newsroom/admin.py).
"""

from typing import TYPE_CHECKING, cast

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from newsdesk.content.models import Author, Photo, Section, Source, Tag
from newsdesk.content.renditions import rendition_url
from newsdesk.newsroom.services import photo_upload

# `request.user` is cast to the account: the admin site lets only signed-in staff through.
if TYPE_CHECKING:
    from django import forms
    from django.contrib.auth.models import User


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
        # The smallest rendition: a list of fifty photos must not load fifty originals.
        src = rendition_url(photo.renditions, 0) or photo.file.url
        return format_html('<img src="{}" alt="" width="80" loading="lazy">', src)

    def save_model(self, request: HttpRequest, obj: Photo, form: "forms.ModelForm[Photo]", change: bool) -> None:
        photo_upload(photo=obj, by=cast("User", request.user), file_changed=not change or "file" in form.changed_data)
