"""The change form's background requests: autosave with presence, and discarding a copy.

`autosave` answers JSON: when the copy was kept and who else has the story open. It is
sent every few seconds by `newsroom/autosave.js`, and once more by `navigator.sendBeacon`
when the tab is hidden (`quiet=1`: the words only) or closed (`leave=1`).
"""

from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from newsdesk.content.models import Article
from newsdesk.lib.lookups import is_database_id
from newsdesk.newsroom import rules
from newsdesk.newsroom.autosave import (
    draft_copy_discard,
    draft_copy_keep,
    presence_leave,
    presence_note,
    present_on,
)
from newsdesk.newsroom.models import Presence
from newsdesk.newsroom.views import article_for_staff

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TEXT_FIELDS = ("title", "lead", "body")


def present_people(presences: list[Presence]) -> list[dict[str, str]]:
    return [
        {
            "name": p.user.get_full_name() or p.user.get_username(),
            "since": timezone.localtime(p.since).strftime("%H:%M"),
        }
        for p in presences
    ]


@require_POST
def autosave(request: HttpRequest, article_id: int | None = None) -> JsonResponse:
    user = cast("User", request.user)
    article = article_for_staff(request, article_id) if article_id is not None else None
    if article is None and not user.has_perm("content.add_article"):
        raise PermissionDenied
    post = request.POST
    if article is not None:
        if post.get("leave"):
            presence_leave(user=user, article=article)
        elif not post.get("quiet"):
            presence_note(user=user, article=article)
    saved = None
    if all(name in post for name in TEXT_FIELDS) and (article is None or rules.can_edit(user=user, article=article)):
        version = post.get("base_version", "")
        try:
            copy = draft_copy_keep(
                user=user,
                article=article,
                base_version=int(version) if is_database_id(version) else (article.version if article else 0),
                **{name: post[name] for name in TEXT_FIELDS},
            )
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        saved = timezone.localtime(copy.saved_at).strftime("%H:%M:%S")
    present = present_on(article=article, besides=user) if article is not None else []
    return JsonResponse({"saved": saved, "present": present_people(present)})


@require_POST
def autosave_discard(request: HttpRequest, article_id: int | None = None) -> HttpResponse:
    """Forget the autosaved copy and show the story as it is saved."""
    user = cast("User", request.user)
    if article_id is None:
        draft_copy_discard(user=user, article=None)
        return HttpResponseRedirect(reverse("admin:content_article_add"))
    article = article_for_staff(request, article_id)
    draft_copy_discard(user=user, article=article)
    return HttpResponseRedirect(reverse("admin:content_article_change", args=[article.pk]))


def autosave_urls_for(article: Article | None) -> dict[str, str]:
    """What the form's script posts to."""
    if article is None:
        return {
            "save": reverse("admin:newsroom_autosave_new"),
            "discard": reverse("admin:newsroom_autosave_discard_new"),
        }
    return {
        "save": reverse("admin:newsroom_autosave", args=[article.pk]),
        "discard": reverse("admin:newsroom_autosave_discard", args=[article.pk]),
    }
