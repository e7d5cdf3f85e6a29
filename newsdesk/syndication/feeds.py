"""RSS 2.0 and Atom 1.0 feeds (being written)."""

from django.http import Http404, HttpRequest, HttpResponse


def edition_feed(request: HttpRequest, kind: str) -> HttpResponse:
    raise Http404


def feed_redirect(request: HttpRequest) -> HttpResponse:
    raise Http404


def section_feed(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    raise Http404


def tag_feed(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    raise Http404


def author_feed(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    raise Http404
