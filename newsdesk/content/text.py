"""What journalists type, made safe: plain-text titles and sanitised HTML bodies.

Everything typed into the back office or arriving from a wire is hostile until it
has passed through here. Bodies keep a small set of structural tags; scripts, styles,
event handlers and foreign markup (Word's, a web page's) are dropped.
"""

import html as html_lib
import re
import unicodedata
from difflib import SequenceMatcher
from urllib.parse import quote, unquote, urlsplit

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsdesk.content.embeds import embeds_stored
from newsdesk.editions.ascii import ascii_slug

TITLE_MAX_LENGTH = 300
LEAD_MAX_LENGTH = 1000
SLUG_MAX_LENGTH = 120
# A long feature is 5,000 words, about 40,000 characters of HTML; a limit far above
# that refuses only what cannot be an article.
BODY_MAX_LENGTH = 200_000

BODY_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "strong", "em", "b", "i",
    "u", "s", "sub", "sup", "a", "figure", "figcaption", "img", "hr", "table", "thead",
    "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
BODY_ATTRIBUTES = {
    "a": {"href", "title"},
    # Only class="embed" (a provider's video or post, content/embeds.py); its data
    # attributes are derived again from its link on every save, never kept as sent.
    "figure": {"class"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
BODY_URL_SCHEMES = {"http", "https", "mailto"}

# As browsers read it: "<" then a letter, "/", "!" or "?" opens markup; "a < b" does not.
_TAG_LIKE = re.compile(r"</?[a-zA-Z!?]")
# Control characters other than tab and newline: invisible, and they break feeds.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_EMPTY_IMG = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_ANY_TAG = re.compile(r"<[^>]*>")
_LETTER = re.compile(r"\w")


def without_control_characters(value: str) -> str:
    """`value` without control characters (a NUL, which PostgreSQL refuses to store, among
    them), line breaks kept: for notes and comments shown as typed."""
    return _CONTROL.sub("", value)


def clean_plain_text(value: str) -> str:
    """NFC-normalise, drop control characters and collapse runs of whitespace."""
    value = unicodedata.normalize("NFC", value)
    value = _CONTROL.sub("", value)
    return _SPACES.sub(" ", value).strip()


def validate_plain_text(value: str) -> None:
    """Titles and leads are plain text: markup in them is refused, not silently kept."""
    if _TAG_LIKE.search(value):
        raise ValidationError(
            _("Use plain text here: remove the HTML tags (anything between < and >)."),
            code="markup",
        )


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src":
        return library_image_path(value)
    if element == "figure" and attribute == "class":
        return "embed" if value.strip() == "embed" else None
    return value


_FILE_NAME_PART = re.compile(r"[\w.\-]+")


def library_image_path(src: str) -> str | None:
    """`src` as a path inside the photo library (MEDIA_URL), or None.

    Images in a body come from this site's photo library: pages load nothing from other
    hosts, and a hot-linked image would leak readers to whoever serves it. The path is
    read as a browser resolves it: percent-escapes decoded, and no `.` or `..` segment
    left (a browser would walk `/media/../en/news/52/seen.gif` out of the library and
    count a view of story 52 for every reader of this one), no query, no backslash.
    """
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or parts.query or parts.fragment or "\\" in src:
        return None
    path = unquote(parts.path)
    if "%" in path or not path.startswith(settings.MEDIA_URL):
        return None  # a name escaped twice is not one the library gives
    segments = path.split("/")[1:]
    if not segments or any(s in ("", ".", "..") or not _FILE_NAME_PART.fullmatch(s) for s in segments):
        return None
    return quote(path, safe="/")


# Elements whose content is never text a reader sees: dropped with it when they are closed.
_HIDDEN = re.compile(r"<(script|style|template)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# Tags that make a parser read what follows as raw text, or as MathML or SVG, where an
# unclosed <style> inside a <mglyph> swallows the rest of the body; the sanitiser drops
# raw text and MathML/SVG elements with all they hold. Only these tags go; their text stays.
_RAW_TEXT = "script style template noscript iframe noembed noframes xmp textarea title plaintext"
_MATHML = (
    "math mi mo mn ms mtext mspace mglyph malignmark maligngroup mrow mfrac msqrt mroot mstyle merror "
    "mpadded mphantom mfenced menclose msub msup msubsup munder mover munderover mmultiscripts "
    "mprescripts mtable mtr mlabeledtr mtd maction semantics annotation annotation-xml none"
)
_SVG = "svg g text tspan textpath desc foreignobject switch symbol defs use"
_SWALLOWING = re.compile(
    r"</?(?:" + "|".join(re.escape(name) for name in f"{_RAW_TEXT} {_MATHML} {_SVG}".split()) + r")(?=[\s/>])[^>]*>",
    re.IGNORECASE,
)


def _unwrap(html: str) -> str:
    """What a body says, without the markup that would make the sanitiser lose the text
    after it. The sanitiser still reads the result as hostile."""
    return _SWALLOWING.sub("", _HIDDEN.sub("", html))


def sanitize_body(html: str) -> str:
    """Reduce `html` to the tags an article body may hold, with safe links; a paragraph
    that is only the address of a provider's video or post becomes its embed."""
    html = _unwrap(_CONTROL.sub("", unicodedata.normalize("NFC", html)))
    cleaned = nh3.clean(
        html,
        tags=BODY_TAGS,
        clean_content_tags={"script", "style", "template", "noscript", "iframe", "object"},
        attributes=BODY_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=BODY_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    # An image whose source was dropped is no image at all.
    return embeds_stored(_EMPTY_IMG.sub("", cleaned)).strip()


def _text(html: str) -> str:
    return clean_plain_text(html_lib.unescape(_ANY_TAG.sub(" ", html)))


def lost_text(original: str, cleaned: str) -> str:
    """The text of `original` a reader would have seen that `cleaned` no longer holds
    (scripts and styles are never text), passages joined by " … ": for telling the editor.
    Spaces the sanitiser closed up between two tags do not count."""
    original = _HIDDEN.sub(" ", _CONTROL.sub("", unicodedata.normalize("NFC", original)))
    before, after = _text(original), _text(cleaned)
    if before.replace(" ", "") == after.replace(" ", ""):
        return ""
    opcodes = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    lost = [before[i1:i2].strip() for op, i1, i2, _j1, _j2 in opcodes if op in ("delete", "replace")]
    return " … ".join(passage for passage in lost if _LETTER.search(passage))


def body_has_text(html: str) -> bool:
    return bool(clean_plain_text(nh3.clean(html, tags=set())))


# Where a sanitised body's blocks end: a plain-text copy breaks its lines there.
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|figure|tr)>|<br\s*/?>", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n\s*\n+")


def body_plain_text(html: str) -> str:
    """A sanitised body as plain text: one paragraph a line pair, no markup, entities read."""
    blocks = _BLANK_LINES.split(_BLOCK_END.sub("\n\n", html))
    paragraphs = (clean_plain_text(html_lib.unescape(_ANY_TAG.sub(" ", block))) for block in blocks)
    return "\n\n".join(p for p in paragraphs if p)


def paragraphs_to_html(paragraphs: list[str]) -> str:
    """Plain-text paragraphs (a wire, the demo data) as body HTML."""
    return "".join(f"<p>{html_lib.escape(p.strip(), quote=False)}</p>" for p in paragraphs if p.strip())


def make_slug(title: str) -> str:
    """A readable ASCII slug from a title in any of the editions' languages, cut at a word
    boundary; "news" when nothing is left. Cyrillic is transliterated, never percent-encoded."""
    return ascii_slug(title, SLUG_MAX_LENGTH) or "news"


def clean_plain_fields(instance: models.Model, fields: list[str]) -> None:
    """Normalise plain-text fields and refuse markup in them, each error on its field."""
    errors = {}
    for field in fields:
        setattr(instance, field, clean_plain_text(getattr(instance, field)))
        try:
            validate_plain_text(getattr(instance, field))
        except ValidationError as error:
            errors[field] = error.error_list
    if errors:
        raise ValidationError(errors)
