"""A story as a feed item of one edition: absolute links, a permanent id, its people,
categories, photo and source, every text in the edition's script (Latin on kk-latn).

The photo a feed offers is its widest JPEG rendition (at most 1920 pixels, made once on
upload): every feed reader shows JPEG, which AVIF and WebP are not yet, and the original
may be a 20 MB, 6000-pixel file. A rendition's size in bytes is kept with it when it is
made (content.renditions), so the enclosure's required length is the file's true size
with no storage read per item. Photos whose renditions predate that (or that have none)
are offered as `media:content` without a size and with no enclosure.
"""

import html
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.content.correction_log import PublicCorrection
from newsdesk.content.embeds import embeds_as_links
from newsdesk.content.models import Article, Photo
from newsdesk.content.renditions import FORMATS
from newsdesk.editions.editions import (
    STORY_NAMESPACE,
    article_path,
    edition_url,
    html_in_script,
    in_script,
    story_uri,
)
from newsdesk.lib.formatting import correction_line
from newsdesk.lib.urls import absolute_links, absolute_url
from newsdesk.syndication.feedgen import Attribution, Entry, Media, Person

_JPEG = FORMATS[-1][2]


def _absolute(url: str) -> str:
    """A storage URL as readers elsewhere reach it (a CDN's URL is absolute already)."""
    return absolute_url(url) if url.startswith("/") and not url.startswith("//") else url


def _media(photo: Photo, *, edition: str) -> Media:
    jpegs = [r for r in photo.renditions or [] if r.get("mime") == _JPEG]
    if jpegs:
        widest = max(jpegs, key=lambda r: r["width"])
        url, mime = default_storage.url(widest["name"]), _JPEG
        width, height, size = widest["width"], widest["height"], widest.get("bytes")
    else:
        url, mime = photo.file.url, _mime_of(photo.file.name or "")
        width, height, size = photo.width, photo.height, None
    return Media(
        url=_absolute(url),
        mime=mime,
        width=width,
        height=height,
        size=size,
        description=in_script(photo.caption or photo.alt_text, edition=edition),
        credit=in_script(photo.credit, edition=edition),
    )


def _mime_of(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower()
    return {"png": "image/png", "webp": "image/webp"}.get(extension, _JPEG)


def _local(value: datetime, zone: ZoneInfo) -> datetime:
    return timezone.localtime(value, zone).replace(microsecond=0)


def _corrections_html(article: Article, *, edition: str, zone: ZoneInfo) -> str:
    notes = []
    for correction in article.corrections.all():
        line = correction_line(note=correction.note, at=correction.created_at, zone=zone)
        notes.append(f"<p>{html.escape(in_script(line, edition=edition))}</p>")
    return "".join(notes)


def _source_html(source: Attribution | None, *, edition: str) -> str:
    if source is None:
        return ""
    label = html.escape(in_script(_("Source:"), edition=edition))
    name = html.escape(source.name)
    if source.url:
        return f'<p>{label} <a href="{html.escape(source.url)}">{name}</a></p>'
    return f"<p>{label} {name}</p>"


def entry_of(article: Article, *, edition: str, full_text: bool, zone: ZoneInfo) -> Entry:
    """`article` (from selectors.feed_articles) as an item of `edition`'s feeds."""
    assert article.published_at is not None  # visible stories have a publication time
    modified = article.modified_at or article.published_at
    people: dict[int, Person] = {}
    for byline in article.bylines.all():  # all roles, each person once
        author = byline.author
        people.setdefault(
            author.pk, Person(in_script(author.name, edition=edition), absolute_url(author.get_absolute_url(edition)))
        )
    categories = [article.section.name_for(edition)]
    categories += [in_script(tag.name, edition=edition) for tag in article.tags.all()]
    source = (
        Attribution(name=article.source.name_for(edition), url=article.source.url)
        if article.source is not None
        else None
    )
    corrections = _corrections_html(article, edition=edition, zone=zone)
    lead = in_script(article.lead, edition=edition)
    summary = (f"<p>{html.escape(lead)}</p>" if lead else "") + corrections
    content = None
    if full_text:
        # An embed is the plain link: a feed reader loads no provider's frame or script.
        body = embeds_as_links(absolute_links(html_in_script(article.body, edition=edition)))
        content = body + corrections + _source_html(source, edition=edition)
    return Entry(
        title=in_script(article.title, edition=edition),
        link=absolute_url(article_path(article_id=article.pk, edition=edition, slug=article.slug)),
        guid=story_uri(translation_group=article.translation_group, edition=edition),
        published=_local(article.published_at, zone),
        updated=_local(modified, zone),
        people=list(people.values()),
        categories=categories,
        summary_html=summary,
        content_html=content,
        media=_media(article.photo, edition=edition) if article.photo is not None else None,
        source=source,
    )


def correction_entry(correction: PublicCorrection, *, edition: str, zone: ZoneInfo) -> Entry:
    """A correction as an item of `edition`'s corrections feeds: the note, linking to the
    note under its story. Its id is the correction's own, whatever the story's slug becomes."""
    story = correction.article
    path = article_path(article_id=story.id, edition=edition, slug=story.slug)
    title = _("Correction: %(title)s") % {"title": story.title}
    note = in_script(correction.note, edition=edition)
    return Entry(
        title=in_script(title, edition=edition),
        link=absolute_url(path) + f"#correction-{correction.id}",
        guid="urn:uuid:" + str(uuid.uuid5(STORY_NAMESPACE, f"correction/{correction.id}/{edition}")),
        published=_local(correction.created_at, zone),
        updated=_local(correction.created_at, zone),
        people=[],
        categories=[],
        summary_html=f"<p>{html.escape(note)}</p>",
        content_html=None,
        media=None,
        source=None,
    )


def home_link(edition: str) -> str:
    return absolute_url(edition_url("public:home", edition=edition))
