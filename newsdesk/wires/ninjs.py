"""IPTC ninjs (news in JSON), versions 1.x, 2.x and 3.x.

1.x has one headline, body_text / body_html, byline and description_text. 2.x has arrays
(headlines, bodies, descriptions) and `by`, its names in lower case (versioncreated);
3.x has the same arrays with camelCase names (versionCreated, copyrightNotice) and
rightsInfo. Names are read in lower case, so one mapping serves 2.x and 3.x.

The mapping never needs the schema; given IPTC's schemas (tests pass them), an item is
also validated against its version's and what is wrong recorded as a problem."""

from collections.abc import Mapping
from typing import Any

from newsdesk.wires.fields import iso_datetime, joined, one_line, paragraphs_html, plain_text, primary_language
from newsdesk.wires.parsed import ParsedFeed, WireItem, derived_guid

# Keys that only one major version spells this way.
_CAMEL_KEYS = frozenset(
    [
        "versionCreated",
        "firstCreated",
        "contentCreated",
        "copyrightHolder",
        "copyrightNotice",
        "usageTerms",
        "pubStatus",
        "altIds",
        "edNote",
        "embargoedUntil",
        "infoSources",
        "rightsInfo",
        "representationType",
        "trustIndicators",
    ]
)
_V1_KEYS = frozenset(["headline", "body_text", "body_html", "byline", "description_text", "description_html"])
_V2_KEYS = frozenset(["headlines", "bodies", "descriptions", "altids", "infosources"])
# Keys that mark a JSON object as ninjs (beside uri, which others use too).
NINJS_KEYS = frozenset({key.lower() for key in _CAMEL_KEYS | _V1_KEYS | _V2_KEYS} | {"uri", "versioncreated"})
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xhtml")
_NOT_TEXT = frozenset(["picture", "video", "audio", "graphic"])


def ninjs_version(item: Mapping[str, Any]) -> str | None:
    """The major version an item is written in: what its `standard` says, else what its
    keys show ("1", "2" or "3"), None when nothing shows it."""

    standard = item.get("standard")
    if isinstance(standard, dict) and isinstance(standard.get("version"), str):
        major = standard["version"].strip().split(".", 1)[0]
        if major in ("1", "2", "3"):
            return major
    keys = set(item)
    if keys & _CAMEL_KEYS:
        return "3"
    if keys & _V1_KEYS:
        return "1"
    if keys & _V2_KEYS or "versioncreated" in keys:
        return "2"
    return None


def _lower(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k).lower(): _lower(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lower(v) for v in value]
    return value


def _string(item: Mapping[str, Any], key: str, problems: list[str]) -> str:
    value = item.get(key)
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        problems.append(f"{key} is a number, not a string")
        return str(value)
    problems.append(f"{key} is not a string; ignored")
    return ""


def _parts(item: Mapping[str, Any], key: str, problems: list[str]) -> list[dict[str, Any]]:
    value = item.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(f"{key} is not a list; ignored")
        return []
    parts = [p for p in value if isinstance(p, dict) and isinstance(p.get("value"), str) and p["value"].strip()]
    if len(parts) < len(value):
        problems.append(f"{key}: entries without a text value ignored")
    return parts


def _by_role(parts: list[dict[str, Any]], *roles: str) -> dict[str, Any] | None:
    for role in roles:
        for part in parts:
            if str(part.get("role", "")).lower() == role:
                return part
    return parts[0] if parts else None


def _html_body(value: str) -> str:
    """A body as HTML; a whole page (TT sends <html><head>...) cut down to its body."""

    lowered = value.lower()
    start, end = lowered.find("<body"), lowered.rfind("</body>")
    if start != -1 and end > start:
        return value[value.index(">", start) + 1 : end].strip()
    return value.strip()


def _body(item: Mapping[str, Any], problems: list[str]) -> str:
    bodies = _parts(item, "bodies", problems)
    for part in bodies:
        if str(part.get("contenttype", "")).lower() in _HTML_TYPES:
            return _html_body(part["value"])
    if bodies:
        return paragraphs_html(bodies[0]["value"])
    if html := _string(item, "body_html", problems):
        return _html_body(html)
    return paragraphs_html(_string(item, "body_text", problems))


def _lead(item: Mapping[str, Any], problems: list[str]) -> str:
    description = _by_role(_parts(item, "descriptions", problems), "summary", "lead", "abstract", "text")
    if description:
        text = plain_text(description["value"])
    else:
        text = _string(item, "description_text", problems) or plain_text(_string(item, "description_html", problems))
    return " ".join(text.split())


def _source(item: Mapping[str, Any], problems: list[str]) -> str:
    holder = one_line(_string(item, "copyrightholder", problems))
    if holder:
        return holder
    sources = item.get("infosources")
    for source in sources if isinstance(sources, list) else []:
        if isinstance(source, dict) and (name := one_line(source.get("name"))):
            return name
    return ""


def _item(raw: Mapping[str, Any], schemas: Mapping[str, Mapping[str, Any]] | None) -> WireItem:
    problems: list[str] = []
    version = ninjs_version(raw)
    if schemas is not None and version is not None and version in schemas:
        problems += schema_problems(raw, schemas[version], version)
    item = _lower(raw)
    headline = _by_role(_parts(item, "headlines", problems), "main")
    title = headline["value"] if headline else _string(item, "headline", problems) or _string(item, "title", problems)
    title = " ".join(plain_text(title).split())
    body = _body(item, problems)
    if str(item.get("type", "text")).lower() in _NOT_TEXT:
        problems.append(f"not text ({item['type']})")
    guid = one_line(_string(item, "uri", problems))
    if not guid:
        guid = derived_guid(url=None, title=title, text=plain_text(body))
        problems.append("no id")
    embargo = iso_datetime(item.get("embargoeduntil") or item.get("embargoed"), problems, "embargoedUntil")
    status = one_line(_string(item, "pubstatus", problems)).lower()
    if status and status != "usable":
        problems.append(f"publication status {status}")
    created = iso_datetime(item.get("firstcreated"), problems, "firstCreated")
    versioned = iso_datetime(item.get("versioncreated"), problems, "versionCreated")
    content = iso_datetime(item.get("contentcreated"), problems, "contentCreated")
    rights = item.get("rightsinfo") if isinstance(item.get("rightsinfo"), dict) else {}
    return WireItem(
        guid=guid,
        version=one_line(_string(item, "version", problems)) or None,
        title=title,
        lead=_lead(item, problems),
        body_html=body,
        language=primary_language(item.get("language")),
        published_at=created or versioned or content,
        updated_at=versioned,
        url=None,  # a ninjs uri names the item; it is not a page to link to
        byline=one_line(_string(item, "by", problems) or _string(item, "byline", problems)),
        source_name=_source(item, problems),
        licence=joined(
            _string(item, "copyrightnotice", problems),
            _string(item, "usageterms", problems),
            str(rights.get("linkedrights") or rights.get("encodedrights") or ""),
        ),
        embargoed_until=embargo,
        problems=tuple(problems),
    )


def parse_ninjs(document: Any, schemas: Mapping[str, Mapping[str, Any]] | None = None) -> ParsedFeed:
    """One ninjs item or a list of them, as json read them. schemas maps a major version
    ("2", "3") to IPTC's JSON Schema for it."""

    raw_items = document if isinstance(document, list) else [document]
    problems: list[str] = []
    items = []
    for number, raw in enumerate(raw_items, start=1):
        if isinstance(raw, dict):
            items.append(_item(raw, schemas))
        else:
            problems.append(f"item {number} is not an object; skipped")
    versions = sorted({v for raw in raw_items if isinstance(raw, dict) and (v := ninjs_version(raw))})
    return ParsedFeed(
        format="ninjs", format_version=",".join(versions) or None, items=tuple(items), problems=tuple(problems)
    )


def schema_problems(item: Mapping[str, Any], schema: Mapping[str, Any], version: str) -> list[str]:
    """What the official schema finds wrong with an item. References to other schemas
    (GeoJSON) are never fetched: they accept anything."""

    import jsonschema  # only where schemas are given: the tests have it, the site need not
    from referencing import Registry, Resource

    def offline(uri: str) -> Resource[Any]:
        return Resource.from_contents({"$schema": "https://json-schema.org/draft/2020-12/schema"})

    validator = jsonschema.Draft202012Validator(schema, registry=Registry(retrieve=offline))  # type: ignore[call-arg]
    errors = sorted(validator.iter_errors(item), key=lambda e: [str(p) for p in e.path])
    return [f"not valid ninjs {version}: {'/'.join(map(str, e.path)) or 'item'}: {e.message[:120]}" for e in errors]
