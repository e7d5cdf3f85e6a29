"""Sitemaps (being written)."""

from django.http import Http404, HttpRequest, HttpResponse


def index(request: HttpRequest) -> HttpResponse:
    raise Http404


def news_sitemap(request: HttpRequest) -> HttpResponse:
    raise Http404


def pages_sitemap(request: HttpRequest) -> HttpResponse:
    raise Http404


def tags_sitemap(request: HttpRequest, page: int) -> HttpResponse:
    raise Http404


def month_sitemap(request: HttpRequest, year: int, month: int) -> HttpResponse:
    raise Http404


def day_sitemap(request: HttpRequest, year: int, month: int, day: int) -> HttpResponse:
    raise Http404
