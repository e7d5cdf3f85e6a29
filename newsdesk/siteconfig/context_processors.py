from django.http import HttpRequest

from newsdesk.siteconfig.models import SiteSettings
from newsdesk.siteconfig.selectors import site_settings


def site(request: HttpRequest) -> dict[str, SiteSettings]:
    return {"site": site_settings()}
