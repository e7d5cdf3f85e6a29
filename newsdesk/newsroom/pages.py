"""The newsroom's own back-office screens render as the admin's do."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def back_office_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """A screen with the admin's header, menu, log-out and the site's own title.

    Without the admin site's context a page extending `admin/base_site.html` loses its menu
    and shows Django's default title.
    """
    return render(request, template, {**admin.site.each_context(request), **context})
