"""The back office's admin site: our sign-in, two-factor enrolment, and sessions that end.

Every back-office page goes through `admin_view`, which here also ends a session that
has been idle too long (or is too old) and takes a chief editor or superuser without
two-factor to enrolment before anything else.
"""

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django.contrib import admin, messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from newsdesk.accounts import sessions, views
from newsdesk.accounts.requests import StaffRequest
from newsdesk.accounts.roles import two_factor_missing
from newsdesk.newsroom import desk_views
from newsdesk.newsroom.notifications import unread_count

log = logging.getLogger("newsdesk.accounts")


class StaffAdminSite(admin.AdminSite):
    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        return views.signin(request, site=self, extra_context=extra_context)

    def signin_code(self, request: HttpRequest) -> HttpResponse:
        return views.signin_code(request, site=self)

    def get_urls(self) -> list[URLResolver | URLPattern]:
        return [
            path("login/code/", self.signin_code, name="signin_code"),
            path("two-factor/", self.admin_view(views.two_factor), name="two_factor"),
            path("preferences/", self.admin_view(views.language), name="preferences"),
            # The front page is the desk (newsroom/desk_views.py); the stock list of apps moves here.
            path("apps/", self.admin_view(self.app_list_index), name="apps"),
            path("notifications/", self.admin_view(desk_views.notifications_list), name="newsroom_notifications"),
            path(
                "notifications/read/",
                self.admin_view(desk_views.notifications_read),
                name="newsroom_notifications_read",
            ),
            path("calendar/", self.admin_view(desk_views.calendar_week), name="newsroom_calendar"),
            *super().get_urls(),
        ]

    def index(  # type: ignore[override]  # the desk's page is rendered, not a TemplateResponse
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        return desk_views.home(request)

    def app_list_index(self, request: HttpRequest) -> HttpResponse:
        """Django's own index: every app and model this person may open."""
        return super().index(request, extra_context={"title": _("All sections of the back office")})

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        context = super().each_context(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            # Read only where a page shows the header's count.
            context["notifications_unread"] = SimpleLazyObject(lambda: unread_count(user=user))
        return context

    def admin_view[AdminView: Callable[..., HttpResponseBase]](
        self, view: AdminView, cacheable: bool = False
    ) -> AdminView:
        # The enrolment gate lets through signing out, the admin's translations and enrolment itself.
        exempt = view in (self.logout, self.i18n_javascript, views.two_factor)

        @wraps(view)
        def staff_only(request: StaffRequest, *args: object, **kwargs: object) -> HttpResponseBase:
            ended = sessions.session_ended(request)
            if ended is not None:
                log.info("back-office session of %s ended (%s)", request.user, ended)
                logout(request)
                if ended == "idle":
                    hours = sessions.idle_seconds() / 3600
                    messages.info(
                        request, _("You were signed out after %(hours)g hours without activity.") % {"hours": hours}
                    )
                else:
                    messages.info(request, _("Your session has ended. Please sign in again."))
                return redirect_to_login(request.get_full_path(), reverse("admin:login", current_app=self.name))
            if not exempt and two_factor_missing(request.user):
                enrol = reverse("admin:two_factor", current_app=self.name)
                return HttpResponseRedirect(f"{enrol}?{urlencode({'next': request.get_full_path()})}")
            return view(request, *args, **kwargs)

        return cast(AdminView, super().admin_view(staff_only, cacheable))
