"""Bytes to text, whatever a wire says its encoding is.

The order: a byte order mark; the charset the HTTP header or the document declares; UTF-8.
A declaration is often wrong (windows-1251 sent as UTF-8 is common in Russian feeds), so
bytes that do not decode are given to charset-normalizer, bytes that are valid UTF-8 beat a
single-byte declaration, and text that was UTF-8 read as windows-1251 or windows-1252
before it reached us ("РџСЂРёРІРµС‚", "ÐŸÑ€Ð¸Ð²ÐµÑ‚") is turned back into its letters.
Every repair is recorded as a problem."""

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes
from django.utils.translation import gettext_lazy

from newsdesk.wires.parsed import ParseError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_SERBIAN_LETTERS = re.compile("[ЂђЃѓЉљЊњЌќЋћЏџЅѕ]")
_XML_ENCODING_ATTRIBUTE = re.compile(r"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    problems: tuple[str, ...] = ()


def codec_name(label: str | None) -> str | None:
    """Python's name for an encoding label ("UTF8" -> "utf-8"), None for an unknown one."""

    if not label:
        return None
    try:
        return codecs.lookup(label.strip()).name
    except LookupError:
        return None


def declared_encoding(content: bytes, content_type: str | None) -> tuple[str | None, list[str]]:
    """The label the HTTP header gives, else the XML declaration's, else an HTML meta's."""

    problems: list[str] = []
    labels: list[str] = []
    if content_type and (found := _HTTP_CHARSET.search(content_type)):
        labels.append(found.group(1))
    head = content[:1024]
    for pattern in (_XML_DECLARATION, _META_CHARSET):
        if found_bytes := pattern.search(head):
            labels.append(found_bytes.group(1).decode("ascii"))
    for label in labels:
        if name := codec_name(label):
            return name, problems
        problems.append(f"unknown encoding {label!r} declared; ignored")
    return None, problems


def _is_multibyte(name: str) -> bool:
    return name.startswith(("utf-", "utf_")) or name in ("gb18030", "big5", "shift_jis", "euc_jp", "euc_kr")


def decode(content: bytes, content_type: str | None = None) -> Decoded:
    """The document's text and the encoding it was read in, with any repair as a problem."""

    for bom, name in _BOMS:
        if content.startswith(bom):
            text = content[len(bom) :].decode(name, errors="replace")
            problems = ["bytes that are not " + name + " replaced"] if "\ufffd" in text else []
            return _repaired(text, name, problems)
    declared, problems = declared_encoding(content, content_type)
    if declared and not _is_multibyte(declared) and not content.isascii():
        # Valid UTF-8 with letters beyond ASCII is almost never text in a single-byte code.
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            problems.append(f"declared {declared} but the bytes are UTF-8; read as UTF-8")
            return _repaired(text, "utf-8", problems)
    wanted = declared or "utf-8"
    try:
        return _repaired(content.decode(wanted), wanted, problems)
    except (UnicodeDecodeError, LookupError):
        pass
    guess = from_bytes(content).best()
    if guess is None:
        raise ParseError(gettext_lazy("The document is not text in any character encoding."))
    name = codec_name(guess.encoding) or guess.encoding
    text = str(guess)
    if name in ("cp1251", "kz1048", "ptcp154") and _SERBIAN_LETTERS.search(content.decode("cp1251", "replace")):
        # Kazakh's own letters sit where windows-1251 has Serbian and Macedonian ones.
        name, text = "kz1048", content.decode("kz1048", errors="replace")
    said = f"declared {declared}" if declared else "no encoding declared"
    problems.append(f"{said} but the bytes are not {wanted}; read as {name}")
    return _repaired(text, name, problems)


def xml_utf8(text: str) -> bytes:
    """The document as UTF-8 bytes whose XML declaration names no other encoding, for
    parsers that read bytes."""

    return _XML_ENCODING_ATTRIBUTE.sub(r"\1", text, count=1).encode("utf-8")


# Text that was UTF-8, read as a single-byte code and written out again: each letter
# became a lead character (bytes C2-EF) and one or two continuation characters (80-BF).
def _mojibake_pattern(code: str) -> re.Pattern[str]:
    lead = "".join(re.escape(bytes([b]).decode(code, errors="ignore")) for b in range(0xC2, 0xF0))
    follow = "".join(re.escape(bytes([b]).decode(code, errors="ignore")) for b in range(0x80, 0xC0))
    if code == "cp1252":  # text misread as latin-1 has C1 controls where cp1252 has signs
        follow += "".join(chr(c) for c in range(0x80, 0xA0))
    return re.compile(f"(?:[{lead}][{follow}]{{1,2}})+")


_MOJIBAKE = {code: _mojibake_pattern(code) for code in ("cp1251", "cp1252")}
# How many letters in a row make a repair safe: in windows-1251 a real Cyrillic pair such
# as "Ні" is also a valid two-byte sequence, so a run must be longer than any word's.
_SHORTEST_RUN = {"cp1251": 3, "cp1252": 1}
# What the repaired letters must be: Cyrillic words for windows-1251, any printable text
# for windows-1252.
_LETTERS = {
    "cp1251": re.compile(
        r"[\u0400-\u04ff\u2010-\u2026\s\d.,;:!?«»\"'()-]*[\u0400-\u04ff][\u0400-\u04ff\u2010-\u2026\s\d.,;:!?«»\"'()-]*"
    ),
    "cp1252": re.compile(r"[^\x00-\x1f\x7f-\x9f]+"),
}


def _as_bytes(run: str, code: str) -> bytes | None:
    out = bytearray()
    for char in run:
        try:
            out += char.encode(code)
        except UnicodeEncodeError:
            if code == "cp1252" and ord(char) < 256:
                out.append(ord(char))
            else:
                return None
    return bytes(out)


def _fix_runs(text: str, code: str, shortest: int, letters_only: bool = True) -> tuple[str, int]:
    accepted = _LETTERS[code] if letters_only else _LETTERS["cp1252"]
    repaired = 0

    def fixed(match: re.Match[str]) -> str:
        nonlocal repaired
        run = match.group(0)
        raw = _as_bytes(run, code)
        try:
            letters = raw.decode("utf-8") if raw is not None else ""
        except UnicodeDecodeError:
            return run
        if len(letters) < shortest or not accepted.fullmatch(letters):
            return run
        repaired += 1
        return letters

    return _MOJIBAKE[code].sub(fixed, text), repaired


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """The text with its double-encoded runs turned back into letters, and which code they
    had been misread in (None when nothing was repaired)."""

    for code, pattern in _MOJIBAKE.items():
        if not pattern.search(text):
            continue
        # The whole text misread: its bytes in that code are UTF-8 from end to end.
        raw = _as_bytes(text, code)
        if raw is not None:
            try:
                return raw.decode("utf-8"), code
            except UnicodeDecodeError:
                pass
        # Some runs misread: long ones are proof enough; once one is found, short
        # words ("на", "о") and signs ("№", "—") in the same text are repaired too.
        text_fixed, long_runs = _fix_runs(text, code, _SHORTEST_RUN[code])
        if long_runs:
            return _fix_runs(text_fixed, code, 1, letters_only=False)[0], code
    return text, None


def _repaired(text: str, encoding: str, problems: list[str]) -> Decoded:
    text, misread = repair_mojibake(text)
    if misread:
        problems.append(f"text that was UTF-8 read as {misread} repaired")
    return Decoded(text=text, encoding=encoding, problems=tuple(problems))
