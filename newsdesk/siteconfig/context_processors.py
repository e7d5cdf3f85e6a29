from django.http import HttpRequest

from newsdesk.siteconfig.selectors import site_settings


def site(request: HttpRequest) -> dict:
    return {"site": site_settings()}
