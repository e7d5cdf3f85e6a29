"""schema.org structured data (JSON-LD) of the public pages, built as Python dicts.

Pages emit each item in a `<script type="application/ld+json">` through `json_ld()`, the
one serialiser: a story's title may hold `</script>` or `<!--`, and it must stay text
inside the script. Nothing here is assembled from strings.

Texts are in the page's edition (`in_script`: Latin on the Latin edition); times are
ISO 8601 with the agency's zone.

Bylines: search engines read `author` as a Person (or an Organization) with `name` and
`url`; Google's article documentation names no other form, and a schema.org `Role`
wrapper (`{"@type": "Role", "roleName": …, "author": {…}}`) is read by them as an
author of type Role, with no name. So each byline is a plain Person, its byline role
said by the property it sits in (schema.org's own: reporters and writers are `author`,
translators `translator`, editors `editor`, photographers `contributor`). Who the person
is (`jobTitle`, `description`, `image`, `worksFor`) is said once, on their own page, which
`url` points to: a story reads only its bylines' names and slugs. A story with no
reporter or writer in its byline is the agency's own: its `author` is the agency (Google
takes an Organization there).
"""

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import get_language
from markupsafe import Markup

from newsdesk.content.models import Article, Author, Byline, Correction, Tag
from newsdesk.editions.editions import edition_url, hreflang, in_script
from newsdesk.lib.urls import absolute_url
from newsdesk.public.previews import Image, default_share_image, site_logo
from newsdesk.siteconfig.selectors import site_settings

CONTEXT = "https://schema.org"
# What a JSON string may hold that an HTML parser reads inside <script>: `</script>`,
# `<!--` (which changes how the script ends), `&`; and the line separators some
# JavaScript parsers took for a line end.
_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})
# The property each byline role is said by (see above).
BYLINE_PROPERTIES: dict[str, str] = {
    Byline.Role.REPORTED_BY: "author",
    Byline.Role.WRITTEN_BY: "author",
    Byline.Role.TRANSLATED_BY: "translator",
    Byline.Role.EDITED_BY: "editor",
    Byline.Role.PHOTO_BY: "contributor",
}


def json_ld(data: dict[str, Any]) -> Markup:
    """`data` as the text of a `<script type="application/ld+json">`: JSON whose strings
    cannot end the script or open a comment in it, and read back exactly as given."""
    text = json.dumps(data, ensure_ascii=False)
    return Markup(text.translate(_UNSAFE))  # noqa: S704 (escaped above: no <, > or & is left)


def iso(moment: datetime) -> str:
    return timezone.localtime(moment, site_settings().zone).isoformat(timespec="seconds")


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Without the properties there is nothing to say in."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _is_url(value: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return False
    return True


def organisation_id() -> str:
    """One agency behind every edition, named so in every page's data."""
    return absolute_url("/#organization")


def agency() -> dict[str, Any]:
    """The agency where it is named again: by its id, type and name."""
    return {
        "@id": organisation_id(),
        "@type": "NewsMediaOrganization",
        "name": site_settings().name_for(get_language()),
    }


def image_object(image: Image, **more: Any) -> dict[str, Any]:
    return _compact(
        {
            "@type": "ImageObject",
            "url": image.url,
            "contentUrl": image.url,
            "width": image.width,
            "height": image.height,
        }
        | more
    )


def organisation(*, same_as: bool = False) -> dict[str, Any]:
    """The agency as a NewsMediaOrganization: name, address and logo (its own, or the
    bundled one); `same_as`: its other pages, where the home says who it is."""
    site = site_settings()
    data = {
        "@type": "NewsMediaOrganization",
        "@id": organisation_id(),
        "name": site.name_for(get_language()),
        "url": absolute_url(edition_url("public:home")),
        "logo": image_object(site_logo()),
    }
    if same_as:
        data["sameAs"] = site.same_as_urls
    return _compact(data)


def website() -> dict[str, Any]:
    home = absolute_url(edition_url("public:home"))
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": home + "#website",
        "name": site_settings().name_for(get_language()),
        "url": home,
        "inLanguage": hreflang(get_language()),
        "publisher": {"@id": organisation_id()},
        # The site's search, for search engines' sitelinks search box.
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute_url(edition_url("public:search")) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def home_organisation() -> dict[str, Any]:
    return {"@context": CONTEXT, **organisation(same_as=True)}


def breadcrumbs(items: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """`items`: (name, absolute URL), from the edition's home down to this page."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def home_crumb() -> tuple[str, str]:
    return site_settings().name_for(get_language()), absolute_url(edition_url("public:home"))


def person(author: Author, *, edition: str, **more: Any) -> dict[str, Any]:
    """A person by name and their page (`more`: what their own page says of them)."""
    return _compact(
        {"@type": "Person", "name": in_script(author.name), "url": absolute_url(author.get_absolute_url(edition))}
        | more
    )


def _photo_object(article: Article, image: Image) -> dict[str, Any]:
    photo = article.photo
    assert photo is not None
    licence = photo.licence.strip()
    return image_object(
        image,
        caption=in_script(photo.caption or photo.alt_text),
        creditText=in_script(photo.credit),
        copyrightNotice=in_script(photo.credit),
        license=licence
        if _is_url(licence)
        else ({"@type": "CreativeWork", "name": in_script(licence)} if licence else None),
    )


def news_article(
    article: Article,
    *,
    canonical: str,
    description: str,
    bylines: list[Byline],
    tags: list[Tag],
    corrections: list[Correction],
    image: Image | None,
) -> dict[str, Any]:
    """A story as a NewsArticle, in the edition it is shown in."""
    edition = get_language()
    site = site_settings()
    credited: dict[str, list[dict[str, Any]]] = {}
    for byline in bylines:
        prop = BYLINE_PROPERTIES.get(byline.role, "contributor")
        credited.setdefault(prop, []).append(person(byline.author, edition=edition))
    credited.setdefault("author", [agency()])
    source = article.source
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "@id": canonical + "#article",
        "url": canonical,
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "headline": in_script(article.title),
        "description": description,
        "inLanguage": hreflang(edition),
        "datePublished": iso(article.published_at) if article.published_at else None,
        "dateModified": iso(article.modified_at) if article.modified_at else None,
        **credited,
        # Search engines show a news story with an image only: the site's share image when
        # the story has no photo of its own.
        "image": [_photo_object(article, image)]
        if image is not None and article.photo
        else [image_object(default_share_image())],
        "publisher": organisation(),
        "articleSection": article.section.name_for(edition),
        "keywords": [in_script(tag.name) for tag in tags],
        "sourceOrganization": _compact({"@type": "Organization", "name": source.name_for(edition), "url": source.url})
        if source
        else None,
        "copyrightNotice": site.reprint_notice_for(edition),
        "correction": [
            {"@type": "CorrectionComment", "text": in_script(c.note), "datePublished": iso(c.created_at)}
            for c in corrections
        ],
    }
    return _compact(data)


def collection_page(*, name: str, description: str, url: str) -> dict[str, Any]:
    """A listing (a section, a tag, a day): a page of stories, part of the edition's site."""
    return {
        "@context": CONTEXT,
        "@type": "CollectionPage",
        "@id": url,
        "name": name,
        "description": description,
        "url": url,
        "inLanguage": hreflang(get_language()),
        "isPartOf": {"@id": absolute_url(edition_url("public:home")) + "#website"},
    }


def web_page(*, name: str, description: str, url: str) -> dict[str, Any]:
    """One of the agency's own pages (about, contacts, policies), part of the edition's site."""
    return collection_page(name=name, description=description, url=url) | {"@type": "WebPage"}


def profile_page(author: Author, *, url: str, image: Image | None) -> dict[str, Any]:
    """An author's page: a ProfilePage about the Person (search engines' form for it)."""
    edition = get_language()
    about = person(
        author,
        edition=edition,
        jobTitle=author.job_title_for(edition),
        description=author.biography_for(edition),
        image=image_object(image) if image else None,
        worksFor=agency(),
    )
    return {
        "@context": CONTEXT,
        "@type": "ProfilePage",
        "@id": url,
        "url": url,
        "inLanguage": hreflang(edition),
        "mainEntity": about,
    }


def live_video(
    *,
    name: str,
    description: str,
    page_url: str,
    stream_url: str,
    thumbnail: Image,
    upload_date: datetime | None = None,
    broadcasts: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The live stream: a VideoObject broadcast live. `broadcasts` are the schedule's
    programmes (`broadcast_event`); without them the stream runs around the clock, one
    BroadcastEvent with no time. `upload_date`: the start of what is on (or first today)."""
    return _compact(
        {
            "@context": CONTEXT,
            "@type": "VideoObject",
            "@id": page_url + "#video",
            "name": name,
            "description": description,
            "thumbnailUrl": [thumbnail.url],
            "uploadDate": iso(upload_date) if upload_date else None,
            "contentUrl": stream_url,
            "url": page_url,
            "inLanguage": hreflang(get_language()),
            "publisher": organisation(),
            "publication": broadcasts or {"@type": "BroadcastEvent", "isLiveBroadcast": True, "name": name},
        }
    )


def broadcast_event(*, name: str, description: str, starts_at: datetime, ends_at: datetime) -> dict[str, Any]:
    """One programme of the schedule, broadcast live from `starts_at` to `ends_at`."""
    return _compact(
        {
            "@type": "BroadcastEvent",
            "name": name,
            "description": description,
            "isLiveBroadcast": True,
            "startDate": iso(starts_at),
            "endDate": iso(ends_at),
            "inLanguage": hreflang(get_language()),
        }
    )


def stream_address(url: str) -> str:
    """The stream's absolute URL (it may be a path on this site)."""
    return url if url.startswith(("http://", "https://")) else absolute_url(url)
