"""Whether a stored image is exactly as `image_cleaning` would write it, and if not, why.

`manage.py photos_clean` rewrites only the files this finds fault with, so running it
again changes nothing: a JPEG is never re-encoded twice for no reason. The file's own
structure is walked (JPEG segments, PNG chunks, WebP chunks): every block must be one a
cleaned file has, its EXIF and XMP must be the ones we would write for its credits, and
nothing may follow the end of the image.
"""

import io
from dataclasses import dataclass

from PIL import Image

from newsdesk.content.image_metadata import credits_of, exif_for, xmp_for
from newsdesk.content.images import UNREADABLE

NOT_AN_IMAGE = "not a JPEG, PNG or WebP image"
TAIL = "data after the end of the image"
EXTENSIONS = {"JPEG": {"jpg", "jpeg"}, "PNG": {"png"}, "WEBP": {"webp"}}
XMP_APP1 = b"http://ns.adobe.com/xap/1.0/\0"
_MISNAMED = "an extension that is not its format's:"
# JPEG markers of the image itself: frames (SOFn) and Huffman tables (C0-CF but the
# reserved C8), quantisation tables (DB), the restart interval (DD) and scans (DA).
_JPEG_CODING = (set(range(0xC0, 0xD0)) - {0xC8}) | {0xDA, 0xDB, 0xDD}
_PNG_KEPT = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"gAMA", b"cHRM", b"sRGB", b"iCCP"}
_WEBP_KEPT = {b"VP8X", b"ICCP", b"ALPH", b"VP8 ", b"VP8L"}


def name_matches_format(name: str, image_format: str) -> bool:
    return name.rpartition(".")[2].lower() in EXTENSIONS.get(image_format, ())


@dataclass(frozen=True)
class Inspection:
    image_format: str | None  # None: not an image Pillow reads
    problems: list[str]  # empty: already as clean as a new upload

    @property
    def cleanable(self) -> bool:
        return self.image_format in EXTENSIONS

    @property
    def needs_new_name(self) -> bool:
        return self.cleanable and any(problem.startswith(_MISNAMED) for problem in self.problems)


def inspect_stored_image(data: bytes, *, name: str) -> Inspection:
    """What a stored file holds that a cleaned one would not."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            credits = credits_of(image)
            avif_metadata = [key for key in ("exif", "xmp") if image.info.get(key)]
    except UNREADABLE:
        return Inspection(None, [NOT_AN_IMAGE])
    if image_format == "AVIF":  # renditions only, written by us from decoded pixels
        return Inspection(image_format, [f"{key.upper()} in an AVIF rendition" for key in avif_metadata])
    if image_format not in EXTENSIONS:
        return Inspection(image_format, [NOT_AN_IMAGE])
    exif, xmp = exif_for(credits), xmp_for(credits)
    expected_exif = exif.tobytes() if exif else None
    walk = {"JPEG": _jpeg_problems, "PNG": _png_problems, "WEBP": _webp_problems}[image_format]
    try:
        problems = walk(data, exif=expected_exif, xmp=xmp)
    except (IndexError, ValueError):
        problems = ["a damaged structure"]
    if not name_matches_format(name, image_format):
        problems.append(f"{_MISNAMED} .{name.rpartition('.')[2]}" if "." in name else f"{_MISNAMED} without one")
    return Inspection(image_format, problems)


def _metadata_problems(
    found_exif: list[bytes], found_xmp: list[bytes], exif: bytes | None, xmp: bytes | None
) -> list[str]:
    problems = []
    if found_exif != ([exif] if exif else []):
        problems.append("EXIF beyond the credit and copyright")
    if found_xmp != ([xmp] if xmp else []):
        problems.append("XMP beyond the creator, rights and credit")
    return problems


def _jpeg_problems(data: bytes, *, exif: bytes | None, xmp: bytes | None) -> list[str]:
    if data[:2] != b"\xff\xd8":
        raise ValueError("no SOI")
    problems, found_exif, found_xmp = [], [], []
    position = 2
    while True:
        if data[position] != 0xFF:
            raise ValueError("not a marker")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:  # EOI
            if data[position + 2 :]:
                problems.append(TAIL)
            break
        if 0xD0 <= marker <= 0xD7:  # RSTn between entropy-coded data
            position = _after_entropy_coded_data(data, position + 2)
            continue
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        payload = data[position + 4 : position + 2 + length]
        if len(payload) != length - 2:
            raise ValueError("truncated segment")
        if marker == 0xE0 and payload.startswith(b"JFIF\0"):
            if len(payload) > 14:
                problems.append("a JFIF thumbnail")
        elif marker == 0xE1 and payload.startswith(b"Exif\0\0"):
            found_exif.append(payload)
        elif marker == 0xE1 and payload.startswith(XMP_APP1):
            found_xmp.append(payload[len(XMP_APP1) :])
        elif (marker == 0xE2 and payload.startswith(b"ICC_PROFILE\0")) or (
            marker == 0xEE and payload.startswith(b"Adobe")
        ):
            pass
        elif marker == 0xFE:
            problems.append("a comment")
        elif marker == 0xED:
            problems.append("an IPTC (Photoshop) block")
        elif 0xE0 <= marker <= 0xEF:
            problems.append(f"APP{marker - 0xE0} data")
        elif marker not in _JPEG_CODING:
            problems.append(f"an unexpected segment (0x{marker:02X})")
        position += 2 + length
        if marker == 0xDA:  # a scan: its entropy-coded data runs to the next marker
            position = _after_entropy_coded_data(data, position)
    return _unique(problems + _metadata_problems(found_exif, found_xmp, exif, xmp))


def _after_entropy_coded_data(data: bytes, position: int) -> int:
    """The position of the first marker after entropy-coded data (FF00 is a stuffed FF)."""
    while True:
        position = data.index(b"\xff", position)
        if data[position + 1] == 0x00:
            position += 2
            continue
        return position


def _png_problems(data: bytes, *, exif: bytes | None, xmp: bytes | None) -> list[str]:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("no signature")
    problems, found_exif, found_xmp = [], [], []
    position = 8
    while True:
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        chunk = data[position + 8 : position + 8 + length]
        if len(chunk) != length or len(kind) != 4:
            raise ValueError("truncated chunk")
        position += 12 + length
        if kind == b"eXIf":
            found_exif.append(b"Exif\0\0" + chunk)
        elif kind == b"iTXt" and chunk.startswith(b"XML:com.adobe.xmp\0\0\0\0\0"):
            found_xmp.append(chunk[len(b"XML:com.adobe.xmp\0\0\0\0\0") :])
        elif kind in (b"tEXt", b"zTXt", b"iTXt"):
            problems.append("text chunks")
        elif kind not in _PNG_KEPT:
            problems.append(f"a {kind.decode('latin-1')} chunk")
        if kind == b"IEND":
            if data[position:]:
                problems.append(TAIL)
            break
    return _unique(problems + _metadata_problems(found_exif, found_xmp, exif, xmp))


def _webp_problems(data: bytes, *, exif: bytes | None, xmp: bytes | None) -> list[str]:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not RIFF/WEBP")
    problems, found_exif, found_xmp = [], [], []
    end = 8 + int.from_bytes(data[4:8], "little")
    if len(data) > end:
        problems.append(TAIL)
    position = 12
    while position < end:
        kind = data[position : position + 4]
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        chunk = data[position + 8 : position + 8 + size]
        if len(chunk) != size:
            raise ValueError("truncated chunk")
        position += 8 + size + (size & 1)
        if kind == b"EXIF":
            found_exif.append(chunk if chunk.startswith(b"Exif\0\0") else b"Exif\0\0" + chunk)
        elif kind == b"XMP ":
            found_xmp.append(chunk)
        elif kind in (b"ANIM", b"ANMF"):
            problems.append("animation frames")
        elif kind not in _WEBP_KEPT:
            problems.append(f"a {kind.decode('latin-1').strip()} chunk")
    return _unique(problems + _metadata_problems(found_exif, found_xmp, exif, xmp))


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
