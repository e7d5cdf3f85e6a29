"""Each person's back-office language: chosen in the header or on their preferences page,
kept with the account (so it follows them to another browser) and in the session (so a
back-office request reads no row for it).

Readers' pages take their language from the address (/ru/, /kk/...) and are untouched.
"""

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from newsdesk.accounts.models import StaffPreferences

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SESSION_KEY = "newsdesk_language"


def language_choose(*, user: "User", language: str, session: SessionBase | None = None) -> str:
    """Keep `language` as `user`'s back-office language."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("There is no such language."))
    StaffPreferences.objects.update_or_create(user=user, defaults={"language": language})
    if session is not None:
        session[SESSION_KEY] = language
    return language


def language_of(user: "User") -> str:
    return StaffPreferences.objects.filter(user=user).values_list("language", flat=True).first() or ""


def language_remember(*, sender: object, request: HttpRequest, user: "User", **kwargs: object) -> None:
    """On signing in (`user_logged_in`): the account's language into the new session."""
    if language := language_of(user):
        request.session[SESSION_KEY] = language


@functools.cache
def _back_office() -> str:
    return reverse("admin:index")


def back_office_language(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware, after the session's: a back-office request speaks its person's language."""

    def middleware(request: HttpRequest) -> HttpResponse:
        language = request.session.get(SESSION_KEY) if request.path.startswith(_back_office()) else None
        if language and language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return get_response(request)

    return middleware
