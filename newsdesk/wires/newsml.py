"""IPTC NewsML-G2: a newsItem, or a newsMessage carrying several in its itemSet.

lxml reads it with entities left unresolved, no DTD loaded, no network and no huge trees,
and a document with any DTD at all is refused: NewsML-G2 never needs one, and entities
are how XML bombs and file-reading attacks work. Package items are reported, not read.
Pictures, videos and graphics come out as items without a body and the problem
"not text (ninat:picture)", so that the desk sees what it was sent."""

import html
from copy import deepcopy
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy
from lxml import etree

from newsdesk.wires.encoding import xml_utf8
from newsdesk.wires.fields import iso_datetime, joined, one_line, paragraphs_html, plain_text, primary_language
from newsdesk.wires.parsed import ParsedFeed, ParseError, WireItem, derived_guid

NAR = "http://iptc.org/std/nar/2006-10-01/"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FRAGMENTS = frozenset(["contentSet", "inlineXML", "nitf"])


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def root_of(text: str) -> etree._Element:
    """The document's root element, or a ParseError for one that is malformed or
    declares a DTD or entities."""

    try:
        root = etree.fromstring(xml_utf8(text), _parser())
    except etree.XMLSyntaxError as error:
        raise ParseError(gettext_lazy("The document is not well-formed XML.")) from error
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.doctype:
        raise ParseError(gettext_lazy("The document declares a DTD or entities, which a NewsML-G2 wire never needs."))
    return root


def _name(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _kids(element: etree._Element | None, name: str) -> list[etree._Element]:
    return [] if element is None else [c for c in element if _name(c) == name]


def _kid(element: etree._Element | None, name: str) -> etree._Element | None:
    found = _kids(element, name)
    return found[0] if found else None


def _find(element: etree._Element | None, name: str) -> etree._Element | None:
    if element is None:
        return None
    return next((e for e in element.iter() if _name(e) == name), None)


def _text(element: etree._Element | None) -> str:
    return one_line("".join(element.itertext())) if element is not None else ""


def _code(qcode: str | None) -> str:
    return (qcode or "").rsplit(":", 1)[-1]


def _inner_html(element: etree._Element) -> str:
    """An element's content as HTML, without namespaces (NITF's and XHTML's)."""

    copy = deepcopy(element)
    for node in copy.iter():
        if isinstance(node.tag, str):
            node.tag = etree.QName(node).localname
            for key in list(node.attrib):
                if key.startswith("{"):
                    del node.attrib[key]
    etree.cleanup_namespaces(copy)
    inner = html.escape(copy.text or "", quote=False)
    inner += "".join(etree.tostring(child, encoding="unicode", method="html") for child in copy)
    return inner.strip()


class _Content:
    """What a contentSet holds: the body, and what an NITF head adds."""

    def __init__(self, content_set: etree._Element | None) -> None:
        self.body = self.headline = self.lead = self.byline = ""
        inline = _kid(content_set, "inlineXML")
        data = _kid(content_set, "inlineData")
        if inline is not None:
            self._inline_xml(inline)
        elif data is not None:
            kind = (data.get("contenttype") or "text/plain").lower()
            self.body = (data.text or "").strip() if "html" in kind else paragraphs_html(data.text or "")

    def _inline_xml(self, inline: etree._Element) -> None:
        top = next((c for c in inline if isinstance(c.tag, str)), None)
        if top is None:
            return
        if _name(top) == "nitf":
            self.headline = _text(_find(top, "hl1"))
            self.byline = _text(_find(top, "byline"))
            self.lead = " ".join(plain_text(_text(_find(top, "abstract"))).split())
            content = _find(top, "body.content")
            self.body = _inner_html(content) if content is not None else ""
        else:
            body = _find(top, "body")
            self.body = _inner_html(body) if body is not None else _inner_html(inline)


def _source(item: etree._Element, item_meta: etree._Element | None, sender: str) -> str:
    provider = _kid(item_meta, "provider")
    holder = _find(_kid(item, "rightsInfo"), "copyrightHolder")
    candidates = [
        _text(_kid(provider, "name")),
        _code(provider.get("qcode")) if provider is not None else "",
        _text(_kid(holder, "name")),
        sender,
        urlsplit(provider.get("uri") or "").netloc if provider is not None else "",
    ]
    return next((c for c in candidates if c), "")


def _news_item(item: etree._Element, sender: str = "") -> WireItem:
    problems: list[str] = []
    meta = _kid(item, "itemMeta")
    content_meta = _kid(item, "contentMeta")
    content = _Content(_kid(item, "contentSet"))
    class_element = _kid(meta, "itemClass")
    item_class = (class_element.get("qcode") or "") if class_element is not None else ""
    if item_class and _code(item_class) != "text":
        problems.append(f"not text ({item_class})")
        content.body = ""
    headlines = _kids(content_meta, "headline")
    main = next((h for h in headlines if _code(h.get("role")) in ("", "main")), headlines[0] if headlines else None)
    title = _text(main) or content.headline
    summary = next((d for d in _kids(content_meta, "description") if _code(d.get("role")) == "summary"), None)
    language = _kid(content_meta, "language")
    creators = [_text(_kid(c, "name")) or _text(c) for c in _kids(content_meta, "creator")]
    rights = _kids(item, "rightsInfo")
    guid = one_line(item.get("guid"))
    if not guid:
        guid = derived_guid(url=None, title=title, text=plain_text(content.body))
        problems.append("no id")
    embargo = iso_datetime(_text(_kid(meta, "embargoed")), problems, "embargoed")
    status = _kid(meta, "pubStatus")
    if status is not None and _code(status.get("qcode")) not in ("", "usable"):
        problems.append(f"publication status {_code(status.get('qcode'))}")
    first = iso_datetime(_text(_kid(meta, "firstCreated")), problems, "firstCreated")
    versioned = iso_datetime(_text(_kid(meta, "versionCreated")), problems, "versionCreated")
    created = iso_datetime(_text(_kid(content_meta, "contentCreated")), problems, "contentCreated")
    return WireItem(
        guid=guid,
        version=one_line(item.get("version")) or None,
        title=title,
        lead=_text(summary) or content.lead,
        body_html=content.body,
        language=primary_language(language.get("tag") if language is not None else None)
        or primary_language(item.get(_XML_LANG)),
        published_at=first or versioned or created,
        updated_at=versioned,
        byline=_text(_kid(content_meta, "by")) or ", ".join(c for c in creators if c) or content.byline,
        source_name=_source(item, meta, sender),
        licence=joined(*(_text(e) for r in rights for e in r if _name(e) in ("copyrightNotice", "usageTerms"))),
        embargoed_until=embargo,
        problems=tuple(problems),
    )


def _fragment(root: etree._Element) -> WireItem:
    """A contentSet, inlineXML or NITF document on its own, without the item around it."""

    holder = etree.Element("contentSet")
    if _name(root) == "contentSet":
        holder = root
    elif _name(root) == "inlineXML":
        holder.append(deepcopy(root))
    else:
        etree.SubElement(holder, "inlineXML").append(deepcopy(root))
    content = _Content(holder)
    return WireItem(
        guid=derived_guid(url=None, title=content.headline, text=plain_text(content.body)),
        title=content.headline,
        lead=content.lead,
        body_html=content.body,
        language=primary_language(root.get(_XML_LANG)),
        byline=content.byline,
        problems=(f"a {_name(root)} without its newsItem: only the content was read", "no id"),
    )


def parse_newsml(text: str) -> ParsedFeed:
    """A NewsML-G2 newsItem or newsMessage (or a bare contentSet / NITF document)."""

    root = root_of(text)
    name = _name(root)
    problems: list[str] = []
    items: list[WireItem] = []
    if name == "newsItem":
        items.append(_news_item(root))
    elif name == "newsMessage":
        sender = _text(_kid(_kid(root, "header"), "sender"))
        item_set = _kid(root, "itemSet")
        for child in list(item_set) if item_set is not None else []:
            kind = _name(child)
            if kind == "newsItem":
                items.append(_news_item(child, sender))
            elif kind:
                problems.append(f"a {kind} ({child.get('guid') or 'no guid'}) was not read: only news items are")
        if not items and not problems:
            problems.append("the news message carries no items")
    elif name in _FRAGMENTS:
        items.append(_fragment(root))
    else:
        raise ParseError(gettext_lazy("The document is XML but not NewsML-G2."))
    version = root.get("standardversion")
    return ParsedFeed(format="newsml-g2", format_version=version, items=tuple(items), problems=tuple(problems))
