"""Which stored pages a story's change makes stale, and dropping them (content.events).

A story is shown on its own page in each edition that shows its language, on those
editions' homes, its section's page, its tags' pages, its day's page, its bylines'
authors' pages, Most viewed and, once corrected, the corrections log: exactly these are
deleted when it changes. Everything else ages out
within the page cache's minute (an author taken off a byline, too: the change is told
with the story's bylines as they are now).
"""

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from newsdesk.content.models import Article, Language
from newsdesk.content.spellings import stories_spelling
from newsdesk.editions.editions import article_path, edition_url, editions_showing, is_latin
from newsdesk.editions.models import Transliteration
from newsdesk.public.breaking import breaking_forget
from newsdesk.public.pagecache import NEXT_DUE_KEY, forget_paths
from newsdesk.siteconfig.models import AgencyPage, Programme
from newsdesk.siteconfig.selectors import site_settings


def paths_showing(article: Article, *, editions: Iterable[str] | None = None) -> list[str]:
    """The cached pages that show `article` (in `editions`, or all that show it): exactly
    what a publication changes."""
    paths = []
    day = timezone.localtime(article.published_at, site_settings().zone) if article.published_at else None
    tags = list(article.tags.values_list("slug", flat=True))
    authors = list(article.bylines.order_by().values_list("author__slug", flat=True).distinct())
    for edition in editions_showing(article.language) if editions is None else editions:
        paths.append(article_path(article_id=article.pk, edition=edition, slug=article.slug))
        paths.append(edition_url("public:home", edition=edition))
        paths.append(article.section.get_absolute_url(edition))
        paths += [edition_url("public:tag", edition=edition, slug=slug) for slug in tags]
        paths += [edition_url("public:author", edition=edition, slug=slug) for slug in authors]
        # Most viewed shows whichever stories are read most: any story may be on it.
        paths.append(edition_url("public:most_viewed", edition=edition))
        if article.corrected_at is not None:
            paths.append(edition_url("public:corrections", edition=edition))
        if day:
            day_kwargs = {"year": day.year, "month": day.month, "day": day.day}
            paths.append(edition_url("public:archive_day", edition=edition, **day_kwargs))
    return paths


def pages_forget_story(*, article: Article, **event: object) -> None:
    """A story changed (content.events): delete the cached pages that show it, and the
    next-due moment."""
    forget_paths(paths_showing(article))
    cache.delete(NEXT_DUE_KEY)


def pages_forget_front(*, article: Article, **event: object) -> None:
    """A story pinned on the front page or taken off, or its breaking banner started or
    ended (content.events.front_changed): its editions' homes and its own pages show it
    from the next request; the banner reaches every other page by breaking.json."""
    forget_paths(paths_showing(article))
    cache.delete(NEXT_DUE_KEY)
    breaking_forget(article.language)


def _latin_editions() -> list[str]:
    return [edition for edition in editions_showing(Language.KK) if is_latin(edition)]


def latin_paths_spelling(words: Iterable[str]) -> list[str]:
    """The Latin edition's pages an editor's spelling of `words` changes: the stories that
    use them, each with its home, section, tags, day and authors (other names on a page,
    a section's or a tag's, age out within the page cache's minute)."""
    editions = _latin_editions()
    paths = [edition_url("public:home", edition=edition) for edition in editions]
    for story in stories_spelling(words):
        paths += paths_showing(story, editions=editions)
    return paths


def spelling_word_before(*, instance: Transliteration, **kwargs: object) -> None:
    """`pre_save` of a spelling: the word it was for, if the edit changes the word."""
    instance._word_before = (  # type: ignore[attr-defined]  # read by pages_forget_spelling
        Transliteration.objects.filter(pk=instance.pk).values_list("cyrillic", flat=True).first()
        if instance.pk
        else None
    )


def pages_forget_spelling(*, instance: Transliteration, **kwargs: object) -> None:
    """A Latin spelling saved or deleted: once committed, delete the Latin pages it changes,
    so readers see the new spelling at once."""
    words = {instance.cyrillic, getattr(instance, "_word_before", None) or ""}
    transaction.on_commit(lambda: forget_paths(latin_paths_spelling(words)))


def agency_page_paths(page: AgencyPage, slugs: Iterable[str]) -> list[str]:
    """The page at each of `slugs` in the editions that show its language, those editions'
    homes (their footers list it; other pages' footers age out within the minute) and
    their sitemaps' pages children."""
    paths = []
    for edition in editions_showing(page.edition):
        paths.append(edition_url("public:home", edition=edition))
        paths.append(edition_url("syndication:sitemap_pages", edition=edition))
        paths += [edition_url("public:agency_page", edition=edition, slug=slug) for slug in slugs if slug]
    return paths


def agency_page_slug_before(*, instance: AgencyPage, **kwargs: object) -> None:
    """`pre_save` of an agency page: the address it had, if any."""
    instance._slug_before = (  # type: ignore[attr-defined]  # read by pages_forget_agency_page
        AgencyPage.objects.filter(pk=instance.pk).values_list("slug", flat=True).first() if instance.pk else None
    )


def pages_forget_agency_page(*, instance: AgencyPage, **kwargs: object) -> None:
    """An agency page saved or deleted: once committed, its cached copies (at its old
    address too) and its editions' homes are dropped, so readers see the change at once."""
    paths = agency_page_paths(instance, {instance.slug, getattr(instance, "_slug_before", None) or ""})
    transaction.on_commit(lambda: forget_paths(paths))


def programme_paths(programme: Programme) -> list[str]:
    """The pages a programme's change shows at once: the live page and the home of each
    edition that shows its language (other pages' live blocks age out within the minute)."""
    paths = []
    for edition in editions_showing(programme.edition):
        paths += [edition_url("public:home", edition=edition), edition_url("public:live", edition=edition)]
    return paths


def pages_forget_programme(*, instance: Programme, **kwargs: object) -> None:
    """A programme added, moved or deleted: once committed, its editions' live pages and
    homes are dropped, so the schedule an editor just saved is what readers see."""
    paths = programme_paths(instance)
    transaction.on_commit(lambda: forget_paths(paths))
