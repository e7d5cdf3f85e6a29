"""Links to the same page in the other editions, for readers and for search engines.

An article links to its translations (the Kazakh one twice: Cyrillic and Latin); where a
translation does not exist, the link goes to that edition's home. Listing pages link to
the same section or day in every edition.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from newsdesk.content.models import Article
from newsdesk.content.visibility import is_visible_at
from newsdesk.editions.definition import EDITION_CODES
from newsdesk.editions.editions import article_path, content_language, edition_label, edition_url, hreflang
from newsdesk.lib.prepared import Prepared


@dataclass(frozen=True)
class Alternate:
    edition: str
    url: str  # the same page in that edition, or its home when there is none

    @property
    def hreflang(self) -> str:
        return hreflang(self.edition)

    @property
    def label(self) -> str:
        return edition_label(self.edition)


def for_listing(url_for: Callable[[str], str]) -> list[Alternate]:
    """`url_for(edition)` gives the same page in another edition."""
    return [Alternate(edition, url_for(edition)) for edition in EDITION_CODES]


def for_home() -> list[Alternate]:
    return for_listing(lambda edition: edition_url("public:home", edition=edition))


_VERSIONS = Prepared(
    Article,
    lambda *, group: (
        Article.objects.filter(translation_group=group)
        .order_by()
        .values_list("id", "language", "slug", "status", "published_at", "embargo_until")
    ),
    group=uuid.UUID(int=101),
)


def for_article(article: Article) -> list[Alternate]:
    # The story's versions by their group alone (a unique index), visibility checked here:
    # given the visibility condition too, a database without statistics would rather
    # walk an index of every published row.
    now = timezone.now()
    rows = _VERSIONS.rows(group=article.translation_group)
    translations = {
        language: (pk, slug)
        for pk, language, slug, status, published_at, embargo_until in rows
        if is_visible_at(now=now, status=status, published_at=published_at, embargo_until=embargo_until)
    }
    translations[article.language] = (article.pk, article.slug)
    alternates = []
    for edition in EDITION_CODES:
        found = translations.get(content_language(edition))
        if found is not None:
            url = article_path(article_id=found[0], edition=edition, slug=found[1])
        else:
            url = edition_url("public:home", edition=edition)
        alternates.append(Alternate(edition, url))
    return alternates


def x_default(alternates: list[Alternate]) -> str:
    """The page for readers whose language has no edition: the main edition's."""
    main = settings.LANGUAGE_CODE
    return next((a.url for a in alternates if a.edition == main), alternates[0].url)
