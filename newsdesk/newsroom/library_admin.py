"""The back office for the content's reference data: sections, tags, sources,
authors and the photo library. Articles are the newsroom's (newsroom/admin.py).
"""

from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from newsdesk.content.models import Author, Photo, Section, Source, Tag
from newsdesk.content.renditions import rendition_url
from newsdesk.lib.admin_forms import SafeAutocompleteAdmin
from newsdesk.newsroom.services import photo_upload

# `request.user` is cast to the account: the admin site lets only signed-in staff through.
if TYPE_CHECKING:
    from django import forms
    from django.contrib.auth.models import User
    from django.db.models import Field, ForeignKey


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


def photo_thumbnail(photo: Photo | None, *, width: int = 80) -> str:
    """A photo of the library as a small picture. The smallest rendition: a list of fifty
    photos must not load fifty originals."""
    if photo is None:
        return "—"
    src = rendition_url(photo.renditions, 0) or photo.file.url
    return format_html('<img src="{}" alt="" width="{}" loading="lazy">', src, width)


@admin.register(Author)
class AuthorAdmin(SafeAutocompleteAdmin, admin.ModelAdmin):
    """The people in bylines and their pages: the name, the address, the portrait from the
    photo library, and the role and short biography each edition shows."""

    list_display = ["name", "slug", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["user"]
    autocomplete_fields = ["photo"]
    readonly_fields = ["portrait"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "user"]}),
        (_("Portrait"), {"fields": ["photo", "portrait"]}),
        (_("English"), {"fields": ["job_title_en", "biography_en"]}),
        (_("Russian"), {"fields": ["job_title_ru", "biography_ru"]}),
        (
            _("Kazakh"),
            {
                "fields": ["job_title_kk", "biography_kk"],
                "description": _("In Cyrillic: the Latin edition shows them in Latin letters."),
            },
        ),
    ]

    def view_on_site(self, author: Author) -> str:  # Django takes a method or a bool
        return author.get_absolute_url()

    @admin.display(description=_("portrait as shown"))
    def portrait(self, author: Author) -> str:
        return photo_thumbnail(author.photo, width=160)

    def formfield_for_foreignkey(
        self, db_field: "ForeignKey[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> "forms.ModelChoiceField[Any] | None":
        if db_field.name == "user":  # an author page speaks for a member of the staff, or for no account
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field: "Field[Any, Any]", request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name.startswith("biography_") and field is not None:
            field.widget.attrs.update(rows=4)
        return field


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "alt_text", "credit", "width", "height", "created_at"]
    search_fields = ["alt_text", "caption", "credit"]
    fields = ["file", "alt_text", "caption", "credit", "licence"]
    show_full_result_count = False

    @admin.display(description=_("photo"))
    def thumbnail(self, photo: Photo) -> str:
        return photo_thumbnail(photo)

    def save_model(self, request: HttpRequest, obj: Photo, form: "forms.ModelForm[Photo]", change: bool) -> None:
        photo_upload(photo=obj, by=cast("User", request.user), file_changed=not change or "file" in form.changed_data)
