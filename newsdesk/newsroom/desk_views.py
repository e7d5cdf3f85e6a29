"""The desk's own screens: the front page, notifications and the calendar.

Thin views: the reads are in `desk_home`, `notifications` and `calendar`; the admin site
(accounts/site.py) routes to them through `admin_view` (staff only).
"""

from datetime import date, timedelta
from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from newsdesk.lib.lookups import is_database_id
from newsdesk.newsroom import calendar, notifications
from newsdesk.newsroom.desk_home import desk_home
from newsdesk.newsroom.pages import back_office_page
from newsdesk.siteconfig.selectors import site_settings

if TYPE_CHECKING:
    from django.contrib.auth.models import User

WEEKDAYS = 7


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The back office's front page: what waits for this person today."""
    user = cast("User", request.user)
    context = {
        "title": _("Desk"),
        "desk": desk_home(user=user, now=timezone.now(), zone=site_settings().zone)
        if user.has_perm("content.view_article")
        else None,
    }
    return back_office_page(request, "newsroom/desk_home.html", context)


@require_GET
def notifications_list(request: HttpRequest) -> HttpResponse:
    user = cast("User", request.user)
    context = {"title": _("Notifications"), "notifications": notifications.notifications_of(user=user)}
    return back_office_page(request, "newsroom/notifications.html", context)


@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    """Mark all of one's own notifications read (or those posted as `id`: still only one's own)."""
    ids = [int(value) for value in request.POST.getlist("id") if is_database_id(value)]
    notifications.notifications_mark_read(user=cast("User", request.user), ids=ids or None)
    return HttpResponseRedirect(reverse("admin:newsroom_notifications"))


def week_param(day: date) -> str:
    """ "2026-W49", as the calendar's address names a week."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


@require_GET
def calendar_week(request: HttpRequest) -> HttpResponse:
    user = cast("User", request.user)
    if not user.has_perm("content.view_article"):
        raise PermissionDenied
    zone = site_settings().zone
    now = timezone.now()
    today = now.astimezone(zone).date()
    monday = calendar.week_of(request.GET.get("week"), day=request.GET.get("day"), today=today)
    entries = calendar.week_entries(user=user, monday=monday, zone=zone, now=now)
    days = [monday + timedelta(days=n) for n in range(WEEKDAYS)]

    context = {
        "title": _("Calendar"),
        "days": days,
        "today": today,
        "rows": calendar.week_grid(entries, monday),
        "entries": entries,
        "week": week_param(monday),
        "previous_week": week_param(monday - timedelta(days=7)),
        "next_week": week_param(monday + timedelta(days=7)),
        "this_week": week_param(today),
        "time_zone": str(zone),
    }
    return back_office_page(request, "newsroom/calendar.html", context)
