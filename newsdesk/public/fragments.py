"""Teasers rendered once and kept, per process, until what they show changes.

A page of news is mostly teasers, and a teaser changes only when its story does; its
view count changes all the time, so it is kept as a placeholder and filled in per page.
The key holds everything the teaser shows (and the edition, time zone and Latin
spellings it is shown in; of the photo, its file and size, which a replaced file or a
photos_clean correction changes under the same id), so an edited story simply gets a new
entry and nothing needs clearing; old ones make room when the memo is full (lib/memo.py,
docs/architecture.md, "Caches").
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.template import engines
from django.utils import timezone, translation
from markupsafe import Markup

from newsdesk.editions.definition import LATIN
from newsdesk.editions.editions import corrections_version
from newsdesk.lib.formatting import views_count
from newsdesk.lib.memo import BoundedMemo

if TYPE_CHECKING:
    from newsdesk.content.selectors import ArticleLink, Teaser

VIEWS = "\x00views\x00"
# Around a kept count: a count under VIEWS_SHOWN_FROM is left out with what shows it.
VIEWS_FROM, VIEWS_TO = "\x00views-from\x00", "\x00views-to\x00"
MAX_ENTRIES = 20_000
_kept: BoundedMemo[tuple, str] = BoundedMemo(capacity=MAX_ENTRIES)


def template_macro(template: str, name: str) -> Callable:
    """A macro of one of the site's Jinja2 templates, to render a piece of a page alone."""
    # stubs: engines[...] is a BaseEngine; this one is Jinja2's, with its environment.
    return getattr(engines["jinja2"].env.get_template(template).module, name)  # type: ignore[attr-defined]


def _macro(name: str) -> Callable:
    return template_macro("public/macros.html", name)


def _kept_or_rendered(key: tuple, article: "ArticleLink", render: Callable[[], str]) -> Markup:
    html = _kept.get(key)
    if html is None:
        # The count is a placeholder while the teaser renders, filled in per page.
        views, article.views = getattr(article, "views", 0), VIEWS  # type: ignore[assignment]
        try:
            html = str(render())
        finally:
            article.views = views
        _kept.put(key, html)
    return Markup(views_filled(html, getattr(article, "views", 0) or 0))  # noqa: S704 (our own rendered HTML)


def views_shown(views: int | str | None) -> bool:
    """Whether a count is shown: from VIEWS_SHOWN_FROM on (a placeholder: when filled in)."""
    return isinstance(views, str) or (views or 0) >= settings.NEWSDESK["VIEWS_SHOWN_FROM"]


def views_from(views: int | str | None) -> str:
    """Where a kept teaser's count starts (nothing on a page rendered with its count)."""
    return VIEWS_FROM if views == VIEWS else ""


def views_to(views: int | str | None) -> str:
    return VIEWS_TO if views == VIEWS else ""


def views_filled(html: str, views: int) -> str:
    """A kept teaser with its count, or without it (and its icon) under the threshold."""
    start, end = html.find(VIEWS_FROM), html.find(VIEWS_TO)
    if start < 0 or end < 0:
        return html
    shown = html[start + len(VIEWS_FROM) : end].replace(VIEWS, views_count(views)) if views_shown(views) else ""
    return html[:start] + shown + html[end + len(VIEWS_TO) :]


def _context() -> tuple:
    edition = translation.get_language()
    spelling = corrections_version() if edition == LATIN else None
    return edition, timezone.get_current_timezone_name(), spelling


def teaser_html(article: "Teaser", with_photo: bool = True, with_lead: bool = False) -> Markup:
    photo = article.photo if with_photo else None
    key = (
        "teaser", *_context(), article.pk, article.language, article.title, article.slug, article.published_at,
        article.is_breaking, article.lead if with_lead else "", with_photo, with_lead,
        photo and (photo.pk, photo.file_name, photo.width, photo.height),
    )  # fmt: skip
    return _kept_or_rendered(key, article, lambda: _macro("teaser")(article, with_photo, with_lead))


def top_html(article: "Teaser") -> Markup:
    """The front page's top story: its photo large, its lead."""
    photo = article.photo
    key = (
        "top", *_context(), article.pk, article.language, article.title, article.slug, article.published_at,
        article.is_breaking, article.lead, photo and (photo.pk, photo.file_name, photo.width, photo.height),
    )  # fmt: skip
    return _kept_or_rendered(key, article, lambda: _macro("top_story")(article))


def ranked_html(article: "ArticleLink") -> Markup:
    key = ("ranked", *_context(), article.pk, article.language, article.title, article.slug, article.published_at)
    return _kept_or_rendered(key, article, lambda: _macro("ranked")(article))
