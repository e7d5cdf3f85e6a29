"""Which stored pages a story's change makes stale, and dropping them (content.events).

A story is shown on its own page in each edition that shows its language, on those
editions' homes, its section's page, its tags' pages, its day's page and its bylines'
authors' pages: exactly these are deleted when it changes. Everything else ages out
within the page cache's minute (an author taken off a byline, too: the change is told
with the story's bylines as they are now).
"""

from django.core.cache import cache
from django.utils import timezone

from newsdesk.content.models import Article
from newsdesk.editions.editions import article_path, edition_url, editions_showing
from newsdesk.public.pagecache import NEXT_DUE_KEY, forget_paths
from newsdesk.siteconfig.selectors import site_settings


def paths_showing(article: Article) -> list[str]:
    """The cached pages that show `article`: exactly what a publication changes."""
    paths = []
    day = timezone.localtime(article.published_at, site_settings().zone) if article.published_at else None
    tags = list(article.tags.values_list("slug", flat=True))
    authors = list(article.bylines.order_by().values_list("author__slug", flat=True).distinct())
    for edition in editions_showing(article.language):
        paths.append(article_path(article_id=article.pk, edition=edition, slug=article.slug))
        paths.append(edition_url("public:home", edition=edition))
        paths.append(article.section.get_absolute_url(edition))
        paths += [edition_url("public:tag", edition=edition, slug=slug) for slug in tags]
        paths += [edition_url("public:author", edition=edition, slug=slug) for slug in authors]
        if day:
            day_kwargs = {"year": day.year, "month": day.month, "day": day.day}
            paths.append(edition_url("public:archive_day", edition=edition, **day_kwargs))
    return paths


def pages_forget_story(*, article: Article, **event: object) -> None:
    """A story changed (content.events): delete the cached pages that show it, and the
    next-due moment."""
    forget_paths(paths_showing(article))
    cache.delete(NEXT_DUE_KEY)
