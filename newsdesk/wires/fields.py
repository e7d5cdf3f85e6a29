"""One field's value made regular, for every format: plain text, paragraphs, a language
subtag, a web address, a date."""

import html
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
# Elements whose end starts a new line in plain text.
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "section",
        "article",
        "figcaption",
        "header",
        "footer",
        "hl1",
        "hl2",
    ]
)
_SKIPPED = frozenset(["script", "style", "head", "title"])


def one_line(value: object) -> str:
    """A string with its runs of white space (new lines too) made single spaces."""

    if not isinstance(value, str):
        return ""
    return " ".join(_CONTROL.sub("", value).split())


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def plain_text(markup: object) -> str:
    """The words of an HTML fragment (or of plain text), paragraphs on lines of their own."""

    if not isinstance(markup, str) or not markup.strip():
        return ""
    if "<" not in markup and "&" not in markup:
        return "\n".join(line for line in (one_line(p) for p in markup.splitlines()) if line)
    reader = _TextOnly()
    reader.feed(markup)
    reader.close()
    lines = (one_line(line) for line in "".join(reader.parts).splitlines())
    return "\n".join(line for line in lines if line)


def paragraphs_html(text: object) -> str:
    """Plain text as HTML paragraphs: one <p> a line (or a blank-line separated block)."""

    if not isinstance(text, str):
        return ""
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.splitlines()
    return "".join(f"<p>{html.escape(one_line(b), quote=False)}</p>" for b in blocks if one_line(b))


def primary_language(tag: object) -> str | None:
    """The BCP 47 primary subtag in lower case ("nb-NO" -> "nb"), or None for no language."""

    if not isinstance(tag, str):
        return None
    primary = re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()
    return primary if _LANGUAGE.fullmatch(primary) else None


def web_url(value: object, base: str | None = None) -> str | None:
    """An absolute http(s) address, a relative one resolved against base; None for any
    other scheme (javascript:, data:, file:) or none at all."""

    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    if base and not urlsplit(value).scheme:
        value = urljoin(base, value)
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        return None
    return value


def iso_datetime(value: object, problems: list[str], what: str) -> datetime | None:
    """An ISO 8601 / RFC 3339 date and time, made aware (UTC when it names no zone, which
    is recorded); None, with a problem, when it cannot be read."""

    if value is None or value == "":
        return None
    if not isinstance(value, str):
        problems.append(f"{what} is not a date: {str(value)[:40]!r}")
        return None
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        problems.append(f"{what} is not a date: {text[:40]!r}")
        return None
    if moment.tzinfo is None:
        problems.append(f"{what} names no time zone; read as UTC")
        moment = moment.replace(tzinfo=UTC)
    return moment


def joined(*parts: str, sep: str = "\n") -> str:
    """The non-empty parts, each on one line, in order, without repeats."""

    seen: list[str] = []
    for part in parts:
        line = one_line(part)
        if line and line not in seen:
            seen.append(line)
    return sep.join(seen)
