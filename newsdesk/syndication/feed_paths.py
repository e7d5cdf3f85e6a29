"""The feeds a story's change makes stale, and dropping them from the page cache.

A story is in its editions' feeds, its section's, its tags' and its byline authors'
(RSS and Atom each), in every edition that shows its language, and once corrected in the
corrections log's feeds: exactly these are
forgotten when it changes (content.events.story_changed, connected in apps.py).
"""

from newsdesk.content.models import Article, Byline
from newsdesk.editions.editions import edition_url, editions_showing
from newsdesk.public.pagecache import forget_paths

FEED_KINDS = ("rss", "atom")


def feed_paths_showing(article: Article) -> list[str]:
    """Every feed path that lists `article`, in each edition that shows it."""
    section_slug = article.section.slug
    tag_slugs = list(article.tags.values_list("slug", flat=True))
    author_slugs = list(
        Byline.objects.filter(article=article).values_list("author__slug", flat=True).order_by().distinct()
    )
    paths = []
    for edition in editions_showing(article.language):
        for kind in FEED_KINDS:
            paths.append(edition_url(f"syndication:{kind}", edition=edition))
            paths.append(edition_url(f"syndication:section_{kind}", edition=edition, slug=section_slug))
            paths += [edition_url(f"syndication:tag_{kind}", edition=edition, slug=slug) for slug in tag_slugs]
            paths += [edition_url(f"syndication:author_{kind}", edition=edition, slug=slug) for slug in author_slugs]
            if article.corrected_at is not None:  # its corrections are in the log's feeds
                paths.append(edition_url(f"syndication:corrections_{kind}", edition=edition))
    return paths


def feeds_forget_story(*, article: Article, **event: object) -> None:
    """A story changed (content.events): drop the stored feeds that list it."""
    forget_paths(feed_paths_showing(article))
