"""Which stored sitemaps a story's change makes stale, and forgetting them (content.events).

Exactly these: the index (a month may appear, grow past the limit or empty), the story's
month and day children in each edition showing it, those editions' news sitemaps, pages
children (an author may appear) and the tags children of its tags. The day it was on before
a move of its publication time is not known here: that child ages out of the page cache
within its minute, as the counts are mended by the reconcile job (archive.py).
"""

from django.conf import settings
from django.utils import timezone

from newsdesk.content.events import Change
from newsdesk.content.models import Article
from newsdesk.editions.editions import edition_url, editions_showing
from newsdesk.public.pagecache import forget_paths
from newsdesk.siteconfig.selectors import site_settings


def sitemap_paths_showing(article: Article) -> list[str]:
    """The sitemaps that list `article`, or list it once it shows."""
    limit = int(settings.NEWSDESK["SITEMAP_URLS"])
    tag_pages = sorted({(tag_id - 1) // limit + 1 for tag_id in article.tags.values_list("id", flat=True)})
    paths = [edition_url("sitemap_index")]
    for edition in editions_showing(article.language):
        paths.append(edition_url("syndication:sitemap_news", edition=edition))
        paths.append(edition_url("syndication:sitemap_pages", edition=edition))
        paths += [edition_url("syndication:sitemap_tags", edition=edition, page=page) for page in tag_pages]
        if article.published_at is not None:
            day = timezone.localtime(article.published_at, site_settings().zone)
            paths.append(edition_url("syndication:sitemap_month", edition=edition, year=day.year, month=day.month))
            kwargs = {"year": day.year, "month": day.month, "day": day.day}
            paths.append(edition_url("syndication:sitemap_day", edition=edition, **kwargs))
    return paths


def sitemaps_forget_story(*, article: Article, change: Change, **event: object) -> None:
    """`story_changed` receiver, connected after the counts' (apps.py): the index is built
    again from counts that already include the change."""
    forget_paths(sitemap_paths_showing(article))
