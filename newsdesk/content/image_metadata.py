"""The metadata a stored image keeps: who made it and who holds the rights. Nothing else.

Cameras, phones and editing software fill images with what must not be published: GPS
positions, body and lens serial numbers, maker notes, the owner's name, the editing
history (with the names of earlier, uncropped versions), thumbnails of the uncropped
original, contact addresses. Rather than removing what we know to be dangerous, we read
the few fields we keep and write them into new, minimal EXIF and XMP blocks of our own;
everything else is simply never written.

Kept: EXIF Artist and Copyright (their bytes as the camera wrote them, often UTF-8 although
EXIF says ASCII), and the XMP creator (dc:creator), rights (dc:rights) and credit line
(photoshop:Credit), read from the file's XMP or, failing that, from its IPTC-IIM block.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from xml.sax.saxutils import escape

from PIL import Image, ImageFile, IptcImagePlugin
from PIL.ExifTags import Base

MAX_TEXT = 500  # characters of one kept value; credit lines are short
MAX_CREATORS = 10
# An XMP packet larger than this is not read (its credits are lost, nothing else happens).
MAX_XMP_BYTES = 1024 * 1024

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_EXIF_BYTES = 2000
# IPTC-IIM datasets: 2:80 by-line, 2:110 credit, 2:116 copyright notice.
IPTC_BYLINE, IPTC_CREDIT, IPTC_COPYRIGHT = (2, 80), (2, 110), (2, 116)
# Characters XML 1.0 cannot carry, and other controls that have no place in a credit line.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# In EXIF text a NUL may separate the photographer's copyright from the editor's: kept.
_EXIF_CONTROL = re.compile(rb"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A damaged metadata block loses its credits; it never stops the upload.
UNREADABLE_METADATA = (SyntaxError, ValueError, OSError, KeyError, IndexError, TypeError)


@dataclass(frozen=True)
class Credits:
    artist: bytes = b""  # EXIF Artist, as stored
    copyright: bytes = b""  # EXIF Copyright, as stored
    creators: tuple[str, ...] = ()  # XMP dc:creator, else IPTC by-line
    rights: str = ""  # XMP dc:rights, else IPTC copyright notice
    credit: str = ""  # XMP photoshop:Credit, else IPTC credit


def clean_text(value: str) -> str:
    return " ".join(_CONTROL.sub("", value)[:MAX_TEXT].split())


def credits_of(image: Image.Image) -> Credits:
    """The credit and rights fields of an opened image (nothing is decoded)."""
    artist, copyright_ = _exif_credits(image)
    creators, rights, credit = _xmp_credits(image.info.get("xmp"))
    if not (creators or rights or credit):
        creators, rights, credit = _iptc_credits(image)
    return Credits(artist=artist, copyright=copyright_, creators=creators, rights=rights, credit=credit)


def exif_for(credits: Credits) -> Image.Exif | None:
    """A new EXIF block with Artist and Copyright only: no camera, no GPS, no thumbnail."""
    if not (credits.artist or credits.copyright):
        return None
    exif = Image.Exif()
    if credits.artist:
        exif[Base.Artist] = credits.artist
    if credits.copyright:
        exif[Base.Copyright] = credits.copyright
    return exif


def xmp_for(credits: Credits) -> bytes | None:
    """A new XMP packet with the creator, rights and credit only; None when there are none."""
    if not (credits.creators or credits.rights or credits.credit):
        return None
    fields = []
    if credits.creators:
        names = "".join(f"<rdf:li>{escape(name)}</rdf:li>" for name in credits.creators)
        fields.append(f"<dc:creator><rdf:Seq>{names}</rdf:Seq></dc:creator>")
    if credits.rights:
        rights = escape(credits.rights)
        fields.append(f'<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{rights}</rdf:li></rdf:Alt></dc:rights>')
    if credits.credit:
        fields.append(f"<photoshop:Credit>{escape(credits.credit)}</photoshop:Credit>")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        f'<rdf:RDF xmlns:rdf="{RDF}">'
        f'<rdf:Description rdf:about="" xmlns:dc="{DC}" xmlns:photoshop="{PHOTOSHOP}">'
        + "".join(fields)
        + '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="r"?>'
    ).encode()


def _exif_credits(image: Image.Image) -> tuple[bytes, bytes]:
    try:
        exif = image.getexif()
    except UNREADABLE_METADATA:
        return b"", b""
    return _exif_bytes(exif.get(Base.Artist)), _exif_bytes(exif.get(Base.Copyright))


def _exif_bytes(value: object) -> bytes:
    # Pillow decodes EXIF text as Latin-1, which gives back the stored bytes exactly.
    if isinstance(value, str):
        value = value.encode("latin-1", "replace")
    if not isinstance(value, bytes):
        return b""
    return _EXIF_CONTROL.sub(b"", value[:MAX_EXIF_BYTES]).strip(b" \t\r\n\0")


def _xmp_credits(packet: bytes | None) -> tuple[tuple[str, ...], str, str]:
    if not packet or len(packet) > MAX_XMP_BYTES:
        return (), "", ""
    # XMP never declares a DTD; a packet that does is refused before any parser sees it,
    # so no entity is ever defined, let alone expanded.
    if b"<!DOCTYPE" in packet.upper() or b"<!ENTITY" in packet.upper():
        return (), "", ""
    try:
        root = ET.fromstring(packet.strip(b"\0 \t\r\n"))  # noqa: S314 (no DTD, so no entity, gets this far)
    except ET.ParseError:
        return (), "", ""
    creators: list[str] = []
    rights, credit = "", ""
    for description in root.iter(f"{{{RDF}}}Description"):
        for element in description.iter(f"{{{DC}}}creator"):
            creators += [clean_text(li.text or "") for li in element.iter(f"{{{RDF}}}li")]
        for element in description.iter(f"{{{DC}}}rights"):
            rights = rights or _default_language(element)
        credit = credit or clean_text(description.get(f"{{{PHOTOSHOP}}}Credit", ""))
        for element in description.iter(f"{{{PHOTOSHOP}}}Credit"):
            credit = credit or clean_text(element.text or "")
    return tuple(name for name in creators if name)[:MAX_CREATORS], rights, credit


def _default_language(element: ET.Element) -> str:
    """The x-default entry of a language alternative, else its first."""
    items = list(element.iter(f"{{{RDF}}}li"))
    chosen = next((li for li in items if li.get(XML_LANG) == "x-default"), items[0] if items else None)
    return clean_text(chosen.text or "") if chosen is not None else ""


def _iptc_credits(image: Image.Image) -> tuple[tuple[str, ...], str, str]:
    if image.format != "JPEG" or not isinstance(image, ImageFile.ImageFile):  # a JPEG here is always read from a file
        return (), "", ""
    try:
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
    except UNREADABLE_METADATA:
        return (), "", ""

    def texts(key: tuple[int, int]) -> list[str]:
        values = iptc.get(key) or []
        values = values if isinstance(values, list) else [values]
        # IIM has no fixed character set; only text that is valid UTF-8 (ASCII included)
        # is carried over, rather than guess between the legacy code pages.
        decoded = []
        for value in values:
            try:
                decoded.append(clean_text(value.decode("utf-8")))
            except (AttributeError, UnicodeDecodeError):
                continue
        return [text for text in decoded if text]

    creators = tuple(texts(IPTC_BYLINE))[:MAX_CREATORS]
    rights = next(iter(texts(IPTC_COPYRIGHT)), "")
    credit = next(iter(texts(IPTC_CREDIT)), "")
    return creators, rights, credit
