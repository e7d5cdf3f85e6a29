from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from newsdesk.siteconfig.selectors import site_settings


def agency_time_zone(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """Show every date and time, on the site and in the back office, in the agency's zone."""

    def middleware(request: HttpRequest) -> HttpResponse:
        timezone.activate(site_settings().zone)
        try:
            return get_response(request)
        finally:
            timezone.deactivate()

    return middleware
