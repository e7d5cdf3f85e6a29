"""Writing sitemaps: a streaming XML writer that escapes, and text made safe for XML 1.0.

No string templates: every element and attribute goes through the SAX generator, which
escapes `<`, `&`, `]]>` and quotes; what XML 1.0 cannot carry at all (control characters,
lone surrogates, U+FFFE/U+FFFF) is removed first.
"""

import io
import re
from datetime import datetime
from xml.sax.xmlreader import AttributesImpl
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils.xmlutils import SimplerXMLGenerator

from newsdesk.public.pagecache import mark_cacheable

CONTENT_TYPE = "application/xml; charset=utf-8"

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"

# Characters XML 1.0 forbids (section 2.2): C0 controls but tab, newline and carriage
# return; surrogates (never valid alone); U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """`value` as text XML 1.0 can carry: the forbidden characters dropped."""
    return _FORBIDDEN.sub("", str(value))


def w3c_datetime(moment: datetime, zone: ZoneInfo) -> str:
    """A W3C datetime with its zone, to the second: 2025-12-11T20:30:00+05:00."""
    return moment.astimezone(zone).isoformat(timespec="seconds")


class SitemapWriter:
    """One sitemap document, written element by element into a buffer.

    `root` is `urlset` or `sitemapindex`; `prefixes` maps namespace prefixes to their
    URIs (the sitemap namespace is the default one).
    """

    def __init__(self, root: str, prefixes: dict[str, str] | None = None) -> None:
        self._root = root
        self._buffer = io.BytesIO()
        self._xml = SimplerXMLGenerator(self._buffer, "utf-8", short_empty_elements=True)
        self._xml.startDocument()
        declarations = {"xmlns": SITEMAP_NS} | {f"xmlns:{prefix}": uri for prefix, uri in (prefixes or {}).items()}
        self._xml.startElement(root, AttributesImpl(declarations))

    def start(self, name: str) -> None:
        self._xml.startElement(name, AttributesImpl({}))

    def end(self, name: str) -> None:
        self._xml.endElement(name)

    def element(self, name: str, text: object = None, attributes: dict[str, str] | None = None) -> None:
        """`<name attributes>text</name>`, or an empty element when `text` is None."""
        attributes = {key: xml_text(value) for key, value in (attributes or {}).items()}
        self._xml.addQuickElement(name, None if text is None else xml_text(text), attributes)

    def response(self) -> HttpResponse:
        """The finished document, as a page the page cache keeps."""
        self._xml.endElement(self._root)
        self._xml.endDocument()
        return mark_cacheable(HttpResponse(self._buffer.getvalue(), content_type=CONTENT_TYPE))
