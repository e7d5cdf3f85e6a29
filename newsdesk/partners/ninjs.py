"""A story as an IPTC ninjs 3.1 item of one edition: what partners receive.

Every item is valid against the official schema (tests/partners/test_ninjs.py reads it
from the shared wires folder). The fields, and where each comes from:

- `uri`: the story's permanent id in the edition, the same as its feed items' ids;
  `altIds` carries the article's number on this site.
- `version`, `versionCreated`, `firstCreated` (the first publication), `pubStatus`
  (usable, withheld until the embargo, canceled once withdrawn), `embargoedUntil`.
- `headlines`, `descriptions` (the lead), `bodies` (sanitised HTML with absolute links,
  and plain text, each with its character and word counts).
- `subjects`: the section and the tags, with their pages; `by` and `people`: the bylines
  with their roles and authors' pages; `infoSources`: the story's source and the agency.
- `copyrightHolder` and `copyrightNotice`: the agency and its reprint notice;
  `usageTerms`: the partner's licence, added when the item is sent (`with_usage_terms`).
- `renditions`: the canonical page; `associations`: the photo (every rendition with its
  size, the caption and the credit) and the story's other language versions.
- `edNote`: the public corrections, for the partner's editors.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.files.storage import default_storage
from django.utils import translation

from newsdesk.content.embeds import embeds_as_links
from newsdesk.content.models import Article, Byline, Photo
from newsdesk.content.text import body_plain_text
from newsdesk.editions.definition import BY_CODE
from newsdesk.editions.editions import article_path, edition_url, html_in_script, in_script, story_uri
from newsdesk.lib.formatting import correction_line
from newsdesk.lib.urls import absolute_links, absolute_url
from newsdesk.siteconfig.models import SiteSettings

SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"
STANDARD = {"name": "ninjs", "version": "3.1", "schema": SCHEMA_URI}
# A byline's role as the person's relationship to the content (ninjs people[].rel).
PERSON_REL = {
    Byline.Role.REPORTED_BY: "reporter",
    Byline.Role.WRITTEN_BY: "author",
    Byline.Role.TRANSLATED_BY: "translator",
    Byline.Role.PHOTO_BY: "photographer",
    Byline.Role.EDITED_BY: "editor",
}
# ninjs urgency: 1 is the most urgent, 9 the least.
URGENCY_BREAKING = 1
URGENCY_NORMAL = 4


@dataclass(frozen=True)
class Sibling:
    """Another language version of the story, visible to readers."""

    article_id: int
    language: str
    translation_group: Any
    title: str
    slug: str


@dataclass(frozen=True)
class VersionFacts:
    """What the item says of the version rather than of the story."""

    version: int
    created: datetime
    pubstatus: str


def moment(value: datetime) -> str:
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _words(value: str) -> int:
    return len(value.split())


def _photo(photo: Photo, *, edition: str) -> dict[str, Any]:
    original = absolute_url(photo.file.url) if photo.file.url.startswith("/") else photo.file.url
    renditions: list[dict[str, Any]] = []
    for rendition in photo.renditions or []:
        url = default_storage.url(rendition["name"])
        entry = {
            "name": f"{rendition['mime'].split('/')[-1]}-{rendition['width']}",
            "href": absolute_url(url) if url.startswith("/") else url,
            "contentType": rendition["mime"],
            "width": rendition["width"],
            "height": rendition["height"],
        }
        if rendition.get("bytes"):
            entry["sizeInBytes"] = rendition["bytes"]
        renditions.append(entry)
    renditions.append({"name": "original", "href": original, "width": photo.width, "height": photo.height})
    descriptions = [{"role": "caption", "value": in_script(photo.caption, edition=edition)}] if photo.caption else []
    descriptions.append({"role": "alternative", "value": in_script(photo.alt_text, edition=edition)})
    association: dict[str, Any] = {
        "name": "featureimage",
        "rel": "featureimage",
        "uri": original,
        "type": "picture",
        "by": in_script(photo.credit, edition=edition),
        "descriptions": descriptions,
        "renditions": renditions,
    }
    if photo.licence:
        association["usageTerms"] = in_script(photo.licence, edition=edition)
    return association


def _siblings(article: Article, siblings: list[Sibling], *, edition: str) -> list[dict[str, Any]]:
    """The story's other editions: its other languages, and the other script of Kazakh."""
    found: list[dict[str, Any]] = []
    own = Sibling(article.pk, article.language, article.translation_group, article.title, article.slug)
    for sibling in [own, *siblings]:
        for code, definition in BY_CODE.items():
            if definition.language != sibling.language or code == edition:
                continue
            found.append(
                {
                    "name": f"translation-{code}",
                    "rel": "translation",
                    "uri": story_uri(translation_group=sibling.translation_group, edition=code),
                    "type": "text",
                    "language": definition.hreflang,
                    "headlines": [{"role": "main", "value": in_script(sibling.title, edition=code)}],
                    "renditions": [{"name": "web", "contentType": "text/html", "href": _page(sibling, code)}],
                }
            )
    return found


def _page(article: Article | Sibling, edition: str) -> str:
    article_id = article.pk if isinstance(article, Article) else article.article_id
    return absolute_url(article_path(article_id=article_id, edition=edition, slug=article.slug))


def _corrections_note(article: Article, *, edition: str, site: SiteSettings) -> str:
    lines = [correction_line(note=c.note, at=c.created_at, zone=site.zone) for c in article.corrections.all()]
    return in_script("\n".join(lines), edition=edition)


def ninjs_item(
    article: Article, *, edition: str, facts: VersionFacts, siblings: list[Sibling], site: SiteSettings
) -> dict[str, Any]:
    """`article` (read by selectors.articles_for_items) as a ninjs item of `edition`."""
    assert article.published_at is not None  # partners are told only of published stories
    with translation.override(edition):
        return _item(article, edition=edition, facts=facts, siblings=siblings, site=site)


def _item(
    article: Article, *, edition: str, facts: VersionFacts, siblings: list[Sibling], site: SiteSettings
) -> dict[str, Any]:
    assert article.published_at is not None
    html = embeds_as_links(absolute_links(html_in_script(article.body, edition=edition)))
    plain = body_plain_text(html)
    item: dict[str, Any] = {
        "uri": story_uri(translation_group=article.translation_group, edition=edition),
        "standard": STANDARD,
        "type": "text",
        "representationType": "full",
        "profile": "text-photo" if article.photo is not None else "text-only",
        "version": str(facts.version),
        "firstCreated": moment(article.published_at),
        "versionCreated": moment(facts.created),
        "pubStatus": facts.pubstatus,
        "urgency": URGENCY_BREAKING if article.is_breaking else URGENCY_NORMAL,
        "language": BY_CODE[edition].hreflang,
        "altIds": [{"role": "article", "value": str(article.pk)}],
        "headlines": [{"role": "main", "value": in_script(article.title, edition=edition)}],
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "charCount": len(plain),
                "wordCount": _words(plain),
                "value": html,
            },
            {
                "role": "main",
                "contentType": "text/plain",
                "charCount": len(plain),
                "wordCount": _words(plain),
                "value": plain,
            },
        ],
        "copyrightHolder": site.name_for(edition),
        "renditions": [
            {
                "name": "web",
                "title": in_script(article.title, edition=edition),
                "contentType": "text/html",
                "href": _page(article, edition),
            },
        ],
    }
    if article.embargo_until is not None:
        item["embargoedUntil"] = moment(article.embargo_until)
    if article.lead:
        item["descriptions"] = [{"role": "summary", "value": in_script(article.lead, edition=edition)}]
    if notice := site.reprint_notice_for(edition):
        item["copyrightNotice"] = in_script(notice, edition=edition)
    section = article.section
    subjects = [
        {"name": in_script(section.name_for(edition), edition=edition), "rel": "section", "literal": section.slug,
         "uri": absolute_url(edition_url("public:section", edition=edition, slug=section.slug))},
    ]  # fmt: skip
    for tag in article.tags.all():
        subjects.append(
            {"name": in_script(tag.name, edition=edition), "rel": "tag", "literal": tag.slug,
             "uri": absolute_url(edition_url("public:tag", edition=edition, slug=tag.slug))}
        )  # fmt: skip
    item["subjects"] = subjects
    people = []
    for byline in article.bylines.all():
        author = byline.author
        people.append(
            {"name": in_script(author.name, edition=edition), "rel": PERSON_REL[Byline.Role(byline.role)],
             "literal": author.slug, "uri": absolute_url(author.get_absolute_url(edition))}
        )  # fmt: skip
    if people:
        item["people"] = people
        item["by"] = ", ".join(dict.fromkeys(person["name"] for person in people))
    sources = [
        {
            "name": site.name_for(edition),
            "role": "publisher",
            "uri": absolute_url(edition_url("public:home", edition=edition)),
        }
    ]
    if article.source is not None:
        source: dict[str, Any] = {
            "name": in_script(article.source.name_for(edition), edition=edition),
            "role": "source",
        }
        if article.source.url:
            source["uri"] = article.source.url
        sources.insert(0, source)
    item["infoSources"] = sources
    associations = [_photo(article.photo, edition=edition)] if article.photo is not None else []
    associations += _siblings(article, siblings, edition=edition)
    if associations:
        item["associations"] = associations
    if note := _corrections_note(article, edition=edition, site=site):
        item["edNote"] = note
    return item


def with_usage_terms(item: dict[str, Any], licence: str) -> dict[str, Any]:
    """The item as one partner receives it: with its licence as the usage terms."""
    return {**item, "usageTerms": licence} if licence else item
