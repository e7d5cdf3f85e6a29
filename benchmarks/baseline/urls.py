"""The baseline's one page (and the health check the benchmark waits for)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path

from newsdesk.content.models import Article


def article(request: HttpRequest, pk: int) -> HttpResponse:
    """One published article by id, with its section: one query, one template."""
    found = get_object_or_404(Article.objects.select_related("section"), pk=pk, status=Article.Status.PUBLISHED)
    return render(request, "article.html", {"article": found})


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("article/<int:pk>/", article),
    path("healthz", healthz),
]
