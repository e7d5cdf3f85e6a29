"""Reads of the agency's pages (about, contacts, policies…): the footer's list and one page.

Every public page's footer lists its edition's published pages: they are kept through the
shared cache and by each process a few seconds, as the settings are, and forgotten when
a page is saved or deleted.
"""

from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsdesk.editions.editions import content_language
from newsdesk.lib.memo import SharedMemo
from newsdesk.siteconfig.models import AgencyPage

CACHE_KEY = "siteconfig:pages:v1"
CACHE_SECONDS = 60


@dataclass(frozen=True)
class PageLink:
    """A published page as the footer and the alternates need it."""

    language: str
    kind: str
    slug: str
    title: str


def _read_links() -> tuple[PageLink, ...]:
    rows = (
        AgencyPage.objects.filter(published=True)
        .order_by("position", "title", "pk")
        .values_list("edition", "kind", "slug", "title")
    )
    return tuple(PageLink(*row) for row in rows)


_links = SharedMemo(key=CACHE_KEY, load=_read_links, cache_seconds=CACHE_SECONDS, process_seconds=5)


def footer_pages(*, edition: str) -> list[PageLink]:
    """The edition's published pages, in their footer order (the Kazakh ones in both Kazakh editions)."""
    language = content_language(edition)
    return [link for link in _links.get() if link.language == language]


def page_in(*, language: str, kind: str, slug: str) -> PageLink | None:
    """The published page of `language` of the same kind (or, for a page of no kind, the same address)."""
    for link in _links.get():
        if link.language == language and (link.kind == kind if kind else (not link.kind and link.slug == slug)):
            return link
    return None


def published_page(*, edition: str, slug: str) -> AgencyPage | None:
    return AgencyPage.objects.filter(edition=content_language(edition), slug=slug, published=True).first()


def forget_pages() -> None:
    _links.forget()


@receiver([post_save, post_delete], sender=AgencyPage)
def _forget_kept_pages(**kwargs: object) -> None:
    forget_pages()
