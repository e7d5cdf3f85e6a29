"""A story's page parts, rendered once and kept with it (`ArticleBlock`); a miss of its
page reads them by id, adds what changes by the minute (its count, relevant news, Most
viewed, the banner, the live block) and writes the page.

Two parts per edition that shows the story: the head (link preview, feeds, JSON-LD) and
the story (header, bylines, photo with its `<picture>`, share links, body, corrections,
source, tags, reprint notice), its count a placeholder filled in per page.

A stale part is never shown. Each carries the story's save it was rendered from and the
context it was rendered in (`parts_context`: the site's settings, the time zone, the
editors' Latin spellings, the templates and code that render it), so an edit of the story
or of any of these makes it stale by itself and the next reader's page renders it again.
What a story shows of other rows (its section's name, a byline's author, a tag, its photo
and credit, its source, a correction) drops the parts of the stories that show it when
that row changes (`block_invalidation.py`). Publishing, correcting or updating a story
renders its parts at once (`parts_story_changed`), so the first reader is served them.
"""

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction
from django.template import engines
from django.utils import timezone, translation
from jinja2 import Environment, Template
from markupsafe import Markup

from newsdesk.content import selectors
from newsdesk.content.events import Change
from newsdesk.content.models import Article
from newsdesk.editions.editions import (
    article_url,
    corrections_version,
    edition_url,
    editions_showing,
    in_script,
    is_latin,
)
from newsdesk.lib.memo import FOREVER, ProcessMemo
from newsdesk.lib.prepared import Prepared
from newsdesk.lib.urls import absolute_url
from newsdesk.public import fragments, previews, share
from newsdesk.public import structured_data as ld
from newsdesk.public.frame import settings_stamp
from newsdesk.public.models import ArticleBlock
from newsdesk.siteconfig.selectors import site_settings

log = logging.getLogger("newsdesk.public")

# What renders the parts: a change to any of these (a deploy) renders every story's again.
TEMPLATES = ("public/page_head.html", "public/page_meta.html", "public/article_block.html", "public/macros.html")
MODULES = (ld, previews, share, fragments)
# Raised by hand when something outside these files changes what a part holds.
FORMAT = 1


# A database keeps no NUL (PostgreSQL refuses it): the count's placeholders are kept as
# comments, which no story's text can hold (bodies are sanitised with comments stripped,
# every other field is escaped).
_KEPT_AS = {marker: f"<!--newsdesk:{name}-->" for marker, name in (
    (fragments.VIEWS_FROM, "views-from"), (fragments.VIEWS_TO, "views-to"), (fragments.VIEWS, "views"),
)}  # fmt: skip


def _for_keeping(html: str) -> str:
    for marker, kept in _KEPT_AS.items():
        html = html.replace(marker, kept)
    return html


def _from_keeping(html: str) -> str:
    for marker, kept in _KEPT_AS.items():
        html = html.replace(kept, marker)
    return html


@dataclass(frozen=True)
class Parts:
    head: str
    body: str  # its count a placeholder (fragments.VIEWS)

    def body_with(self, views: int) -> Markup:
        return Markup(fragments.views_filled(self.body, views))  # noqa: S704 (our own rendered HTML)


def _env() -> Environment:
    return engines["jinja2"].env  # type: ignore[attr-defined]  # Jinja2's backend, with its environment


def _template(name: str) -> Template:
    return _env().get_template(name)


def _code_version() -> str:
    env = _env()
    assert env.loader is not None  # Django's backend always gives its environment one
    digest = hashlib.sha1(str(FORMAT).encode(), usedforsecurity=False)
    for name in TEMPLATES:
        digest.update(env.loader.get_source(env, name)[0].encode())
    for module in MODULES:
        digest.update(Path(module.__file__).read_bytes())  # type: ignore[arg-type]
    return digest.hexdigest()


_code = ProcessMemo(_code_version, FOREVER)


def parts_context() -> str:
    """What, besides the story, the active edition's parts are rendered from."""
    site = site_settings()
    spelling = corrections_version() if is_latin() else 0
    made_in = (
        _code.get(), settings_stamp(site), timezone.get_current_timezone_name(),
        spelling, settings.SITE_URL, settings.STATIC_URL, settings.MEDIA_URL,
    )  # fmt: skip
    return hashlib.sha1(repr(made_in).encode(), usedforsecurity=False).hexdigest()[:16]


_KEPT = Prepared(
    ArticleBlock,
    lambda *, article_id, edition: ArticleBlock.objects.filter(article_id=article_id, edition=edition).values_list(
        "made_from", "context", "head", "body"
    ),
    article_id=-101,
    edition="\x01edition",
)


def parts_stored(article: Article, *, edition: str, context: str) -> Parts | None:
    """The kept parts of `article` in `edition`, if they are of its current save and context."""
    rows = _KEPT.rows(article_id=article.pk, edition=edition)
    row = rows[0] if rows else None
    if row is None or row[0] != article.updated_at or row[1] != context:
        return None
    return Parts(head=row[2], body=_from_keeping(row[3]))


def day_url(article: Article) -> str:
    """The day page of the story's publication (in the agency's zone), or "" before it has one."""
    if article.published_at is None:
        return ""
    day = timezone.localtime(article.published_at, site_settings().zone)
    return edition_url("public:archive_day", year=day.year, month=day.month, day=day.day)


def parts_render(article: Article, *, preview: bool = False) -> Parts:
    """The parts of `article` in the active edition and time zone."""
    edition = translation.get_language()
    canonical_url = absolute_url(article_url(article))
    tags = selectors.article_tags(article)
    bylines = selectors.article_bylines(article)
    corrections = selectors.article_corrections(article)
    photo = previews.photo_image(article.photo) if article.photo else None
    title, description = in_script(article.title), in_script(article.lead or article.title)
    section_name = article.section.name_for(edition)
    meta = previews.PageMeta(
        title=title,
        description=description,
        canonical=canonical_url,
        image=photo or previews.default_share_image(),
        image_is_photo=photo is not None,
        feeds=[*previews.edition_feeds(), *previews.section_feeds(article.section)],
        og_type="article",
        published=article.published_at,
        modified=article.modified_at,
        section=section_name,
        tags=[in_script(tag.name) for tag in tags],
    )
    structured_data = [
        ld.news_article(
            article,
            canonical=canonical_url,
            description=description,
            bylines=bylines,
            tags=tags,
            corrections=corrections,
            image=photo,
        ),
        ld.breadcrumbs(
            [
                ld.home_crumb(),
                (section_name, absolute_url(article.section.get_absolute_url(edition))),
                (title, canonical_url),
            ]
        ),
    ]
    site = site_settings()
    common = {"language": edition, "site": site}
    head_html = _template("public/page_head.html").render(
        common | {"page_meta": meta, "feeds": meta.feeds, "structured_data": structured_data}
    )
    views, article.views = getattr(article, "views", 0), fragments.VIEWS  # type: ignore[attr-defined]
    try:
        body_html = _template("public/article_block.html").render(
            common
            | {
                "article": article,
                "preview": preview,
                "canonical_url": canonical_url,
                "tags": tags,
                "bylines": bylines,
                "corrections": corrections,
                "source_name": article.source.name_for(edition) if article.source else "",
                "share_links": share.share_links(url=canonical_url, title=title),
                "day_url": "" if preview else day_url(article),
                "section_name": section_name,
            }
        )
    finally:
        article.views = views  # type: ignore[attr-defined]
    return Parts(head=head_html, body=body_html)


def parts_store(article: Article, *, edition: str, context: str, parts: Parts) -> None:
    """Keep `parts`, in place of what was kept. A database that refuses the write (SQLite
    busy with another writer) leaves them unkept: the next reading renders them again."""
    try:
        with transaction.atomic():
            row = ArticleBlock(article_id=article.pk, edition=edition, made_from=article.updated_at, context=context)
            row.head, row.body = parts.head, _for_keeping(parts.body)
            ArticleBlock.objects.bulk_create(
                [row],
                update_conflicts=True,
                unique_fields=["article", "edition"],
                update_fields=["made_from", "context", "head", "body"],
            )
    except DatabaseError as error:
        log.warning("article %s's parts (%s) not kept: %s", article.pk, edition, error)


def article_parts(article: Article, *, preview: bool = False) -> Parts:
    """The parts of `article` in the active edition: the kept ones if current, else
    rendered (and kept, unless a preview: staff see a story readers may not)."""
    if preview:
        return parts_render(article, preview=True)
    edition, context = translation.get_language(), parts_context()
    parts = parts_stored(article, edition=edition, context=context)
    if parts is None:
        parts = parts_render(article)
        parts_store(article, edition=edition, context=context, parts=parts)
    return parts


def parts_make(article_id: int) -> None:
    """Render and keep the story's parts in every edition that shows it."""
    story = selectors.article_for_reader(article_id)
    if story is None or story.status == Article.Status.WITHDRAWN:
        ArticleBlock.objects.filter(article_id=article_id).delete()
        return
    with timezone.override(site_settings().zone):
        for edition in editions_showing(story.language):
            with translation.override(edition):
                context = parts_context()
                parts_store(story, edition=edition, context=context, parts=parts_render(story))


def parts_story_changed(*, article: Article, change: Change, **event: object) -> None:
    """content.events: a story published, corrected, updated or restored has its parts
    rendered now; one withdrawn or taken off the schedule has them deleted."""
    if change in (Change.WITHDRAWN, Change.UNSCHEDULED):
        ArticleBlock.objects.filter(article_id=article.pk).delete()
    else:
        parts_make(article.pk)
