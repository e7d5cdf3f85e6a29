"""What the story's change form shows around its fields: the autosave's addresses, the
words restored from an autosaved copy, who else has the story open, when a save was
refused as stale both texts side by side, a translation's original beside it, and the wire
item a story was taken from, with what the wire changed since."""

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.http import HttpRequest
from django.utils.safestring import mark_safe

from newsdesk.content import text
from newsdesk.content.models import Article
from newsdesk.newsroom import rules
from newsdesk.newsroom.autosave import presence_note, present_on
from newsdesk.newsroom.autosave_views import autosave_urls_for, present_people
from newsdesk.newsroom.translation_desk import original_beside
from newsdesk.newsroom.translations import tags_to_translate
from newsdesk.newsroom.wire_take import taken_from

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _shown(title: str, lead: str, body: str) -> dict[str, Any]:
    return {"title": title, "lead": lead, "body": mark_safe(text.sanitize_body(body))}  # noqa: S308  (sanitised)


def stale_texts(form: "forms.ModelForm[Article]", article: Article) -> dict[str, Any] | None:
    """Theirs (as saved now) and yours (as posted), when the save was refused as stale."""
    if not any(error.code == "stale" for error in form.non_field_errors().as_data()):
        return None
    saved = Article.objects.get(pk=article.pk)
    posted = {name: str(form.data.get(name, "")) for name in ("title", "lead", "body")}
    return {"theirs": _shown(saved.title, saved.lead, saved.body), "yours": _shown(**posted)}


def change_form_context(request: HttpRequest, obj: Article | None, form: "forms.ModelForm[Article]") -> dict[str, Any]:
    user = cast("User", request.user)
    editable = rules.can_edit(user=user, article=obj) if obj is not None else True
    if obj is not None and request.method == "GET":
        presence_note(user=user, article=obj)
    return {
        "autosave": {
            "urls": autosave_urls_for(obj),
            "base_version": obj.version if obj is not None else 0,
            "editable": editable,
            "restored": getattr(form, "restored_copy", None),
        },
        "present": present_people(present_on(article=obj, besides=user)) if obj is not None else [],
        "stale": stale_texts(form, obj) if obj is not None and form.is_bound else None,
        "beside": original_beside(obj) if obj is not None else None,
        "tags_to_translate": tags_to_translate(translation=obj) if obj is not None else [],
        "taken_from": taken_from(obj) if obj is not None else None,
    }
