"""What a page says about itself in `<head>`: its one canonical address, its description,
its link preview (Open Graph, the Twitter card) and its feeds.

Every public page (not the error pages) has exactly one absolute, self-referencing
canonical link. A page of a listing further back (`?before=…`, `?after=…`) is its own
page, with other stories than the first: its canonical is itself, with its position in
the feed as the pager writes it and every other parameter dropped, never the first page
(which would tell search engines the older pages are copies of it).

A page without a photo is previewed with the site's default share image
(`site_settings().share_image`), or, when none is set, the one bundled with Newsdesk
(`static/newsdesk/share-default.png`, 1200 × 630).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsdesk.content.models import Author, Photo, Section, Tag
from newsdesk.editions.definition import EDITION_CODES
from newsdesk.editions.editions import content_language, edition_url, in_script
from newsdesk.lib.memo import BoundedMemo
from newsdesk.lib.urls import absolute_url
from newsdesk.public.pagination import cursor_to_param, cursors_from_query
from newsdesk.siteconfig.selectors import site_settings

# Open Graph names a locale, not a language: the one each articles' language is read in.
# The Latin edition is Kazakh too (Open Graph has no script subtag).
OG_LOCALES = {"en": "en_US", "ru": "ru_RU", "kk": "kk_KZ"}
DEFAULT_SHARE_IMAGE = ("newsdesk/share-default.png", 1200, 630)
DEFAULT_LOGO = ("newsdesk/logo-default.png", 512, 512)
# Link previews take an image of about 1200 pixels: the smallest JPEG rendition that wide.
SHARE_WIDTH = 1200
# The sizes of the agency's uploaded images (share image, logo), by stored name: an
# upload gets a new name, so a size never goes stale; at most a handful are ever asked.
_sizes: BoundedMemo[str, tuple[int, int]] = BoundedMemo(capacity=16)


@dataclass(frozen=True)
class Image:
    url: str  # absolute
    width: int | None = None
    height: int | None = None
    alt: str = ""


@dataclass(frozen=True)
class Feed:
    kind: str  # "rss" or "atom"
    title: str
    href: str

    @property
    def media_type(self) -> str:
        return "application/rss+xml" if self.kind == "rss" else "application/atom+xml"


@dataclass
class PageMeta:
    title: str
    description: str
    canonical: str  # absolute
    image: Image
    feeds: list[Feed]
    og_type: str = "website"  # "article", "profile"
    image_is_photo: bool = False  # the page's own photo, not the default share image
    published: datetime | None = None
    modified: datetime | None = None
    section: str = ""
    tags: list[str] = field(default_factory=list)

    @property
    def locale(self) -> str:
        return og_locale(get_language())

    @property
    def locale_alternates(self) -> list[str]:
        own = self.locale
        return list(dict.fromkeys(og_locale(code) for code in EDITION_CODES if og_locale(code) != own))


def og_locale(edition: str) -> str:
    return OG_LOCALES.get(content_language(edition), "en_US")


def static_url(path: str) -> str:
    """A bundled file's absolute URL (static files may already be on another host)."""
    url = static(path)
    return url if url.startswith(("http://", "https://")) else absolute_url(url)


def _media_url(file: FieldFile) -> str:
    url = file.url
    return url if url.startswith(("http://", "https://")) else absolute_url(url)


def _size_of(file: FieldFile) -> tuple[int, int]:
    """(width, height), or (0, 0) when the file cannot be read."""
    name = file.name or ""
    size = _sizes.get(name)
    if size is None:
        try:
            size = (file.width, file.height)  # type: ignore[attr-defined]  # an ImageFieldFile
        except (OSError, ValueError, TypeError):
            size = (0, 0)  # unreadable: said without a size
        _sizes.put(name, size)
    return size


def uploaded_image(file: FieldFile, *, alt: str = "") -> Image:
    width, height = _size_of(file)
    return Image(_media_url(file), width or None, height or None, alt=alt)


def default_share_image() -> Image:
    """The image of a page with no photo of its own."""
    site = site_settings()
    alt = site.name_for(get_language())
    if site.share_image:
        return uploaded_image(site.share_image, alt=alt)
    path, width, height = DEFAULT_SHARE_IMAGE
    return Image(static_url(path), width, height, alt=alt)


def site_logo() -> Image:
    site = site_settings()
    if site.logo:
        return uploaded_image(site.logo)
    path, width, height = DEFAULT_LOGO
    return Image(static_url(path), width, height)


def photo_image(photo: Photo) -> Image:
    """A photo as a link preview takes it: a JPEG rendition about 1200 pixels wide (the
    original may be a 20 MB file), or the original when it has none."""
    jpegs = sorted((r for r in photo.renditions if r.get("mime") == "image/jpeg"), key=lambda r: r["width"])
    alt = in_script(photo.alt_text)
    if not jpegs:
        return Image(_media_url(photo.file), photo.width or None, photo.height or None, alt=alt)
    chosen = next((r for r in jpegs if r["width"] >= SHARE_WIDTH), jpegs[-1])
    url = default_storage.url(chosen["name"])
    return Image(
        url if url.startswith(("http://", "https://")) else absolute_url(url),
        chosen["width"],
        chosen["height"],
        alt=alt,
    )


def canonical_url(request: HttpRequest, path: str) -> str:
    """`path`, absolute; on a page further back in a feed, with its position (see above)."""
    before, after = cursors_from_query(request.GET)
    if before is not None:
        return absolute_url(f"{path}?before={cursor_to_param(before)}")
    if after is not None:
        return absolute_url(f"{path}?after={cursor_to_param(after)}")
    return absolute_url(path)


def _feeds(name: str, rss: str, atom: str) -> list[Feed]:
    return [
        Feed("rss", _("%(feed)s (RSS)") % {"feed": name}, rss),
        Feed("atom", _("%(feed)s (Atom)") % {"feed": name}, atom),
    ]


def edition_feeds() -> list[Feed]:
    name = site_settings().name_for(get_language())
    return _feeds(name, edition_url("syndication:rss"), edition_url("syndication:atom"))


def section_feeds(section: Section) -> list[Feed]:
    name = _("%(site)s: %(section)s") % {
        "site": site_settings().name_for(get_language()),
        "section": section.name_for(get_language()),
    }
    slug = section.slug
    return _feeds(
        name, edition_url("syndication:section_rss", slug=slug), edition_url("syndication:section_atom", slug=slug)
    )


def tag_feeds(tag: Tag) -> list[Feed]:
    name = _("%(site)s: tag %(tag)s") % {"site": site_settings().name_for(get_language()), "tag": in_script(tag.name)}
    return _feeds(
        name, edition_url("syndication:tag_rss", slug=tag.slug), edition_url("syndication:tag_atom", slug=tag.slug)
    )


def author_feeds(author: Author) -> list[Feed]:
    name = _("%(site)s: stories by %(author)s") % {
        "site": site_settings().name_for(get_language()),
        "author": in_script(author.name),
    }
    slug = author.slug
    return _feeds(
        name, edition_url("syndication:author_rss", slug=slug), edition_url("syndication:author_atom", slug=slug)
    )


def corrections_feeds() -> list[Feed]:
    name = _("%(site)s: corrections") % {"site": site_settings().name_for(get_language())}
    return _feeds(name, edition_url("syndication:corrections_rss"), edition_url("syndication:corrections_atom"))


def sitemap_url() -> str:
    """The sitemap index, at the site's root (no edition)."""
    return reverse("sitemap_index")


def page_meta(
    request: HttpRequest,
    *,
    title: str,
    description: str,
    path: str,
    feeds: Sequence[Feed] = (),
    image: Image | None = None,
    **article: object,
) -> PageMeta:
    """A page's preview; `feeds` are its own, after the edition's; `article` its times,
    section and tags (on an article: `og_type="article"`)."""
    return PageMeta(
        title=title,
        description=description,
        canonical=canonical_url(request, path),
        image=image or default_share_image(),
        image_is_photo=image is not None,
        feeds=[*edition_feeds(), *feeds],
        **article,  # type: ignore[arg-type]
    )
