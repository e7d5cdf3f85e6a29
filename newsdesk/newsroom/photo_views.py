"""The photo library from the story's form: search it (thumbnails for the pickers of the
body and of the lead photo) and add to it by dropping a file, with its description and
credit, without leaving the story."""

from typing import TYPE_CHECKING, cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from newsdesk.content.models import Photo
from newsdesk.content.renditions import rendition_url
from newsdesk.newsroom import selectors, services

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class PhotoUploadForm(forms.ModelForm):
    """The library's own checks (the model's: a real image, its size, clean text)."""

    class Meta:
        model = Photo
        fields = ["file", "alt_text", "credit"]


def photo_json(photo: Photo) -> dict[str, object]:
    return {
        "id": photo.pk,
        "alt": photo.alt_text,
        "credit": photo.credit,
        "thumb": rendition_url(photo.renditions, 0) or photo.file.url,
        "src": rendition_url(photo.renditions, 960) or photo.file.url,
    }


@require_GET
def photo_search(request: HttpRequest) -> JsonResponse:
    """Photos of the library for the pickers."""
    if not request.user.has_perm("content.view_photo"):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()[:100]
    return JsonResponse({"photos": [photo_json(photo) for photo in selectors.photos_matching(query=query)]})


@require_POST
def photo_upload(request: HttpRequest) -> JsonResponse:
    """A photo dropped on a picker: into the library, or the form's errors (400)."""
    if not request.user.has_perm("content.add_photo"):
        raise PermissionDenied
    form = PhotoUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = {field: [str(message) for message in messages] for field, messages in form.errors.items()}
        return JsonResponse({"errors": errors}, status=400)
    photo = services.photo_upload(photo=form.save(commit=False), by=cast("User", request.user), file_changed=True)
    return JsonResponse({"photo": photo_json(photo)}, status=201)
