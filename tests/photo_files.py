"""Photos as cameras, phones and editing software deliver them, made here with Pillow.

Each file carries what must not be published (GPS, serial numbers, maker notes, editing
history, an embedded thumbnail, comments, text chunks, a contact address) next to what
must be kept (the photographer's credit and copyright, the colour profile). Every secret
is a distinctive string, so a test can look for it in the stored bytes themselves.
"""

import io
from functools import cache

from PIL import Image, ImageCms
from PIL.ExifTags import IFD, Base
from PIL.PngImagePlugin import PngInfo

ARTIST = "Айгерим Сапарова"  # non-ASCII, written as UTF-8 as cameras and editors do
COPYRIGHT = "© KazTAG 2026"
CREDIT = "KazTAG"
BODY_SERIAL = "BODY-SN-4242"
LENS_SERIAL = "LENS-SN-0777"
OWNER = "OWNER-NAME-SECRET"
MAKER_NOTE = b"MAKERNOTE-SECRET"
COMMENT = b"COMMENT-SECRET"
HISTORY = "HISTORY-SECRET-uncropped"
CONTACT = "photographer@example.kz"
CITY = "CITY-SECRET-Astana"
# Strings that must not appear anywhere in a stored file.
SECRETS = [
    BODY_SERIAL.encode(), LENS_SERIAL.encode(), OWNER.encode(), MAKER_NOTE, COMMENT, HISTORY.encode(),
    CONTACT.encode(), CITY.encode(), b"GPSLatitude", b"xmpMM", b"SerialNumber",
]  # fmt: skip
HTML_TAIL = b"<html><body><script>alert(document.cookie)</script></body></html>"

XMP = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmlns:exif="http://ns.adobe.com/exif/1.0/"
    xmlns:aux="http://ns.adobe.com/exif/1.0/aux/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"
    xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
    photoshop:Credit="{CREDIT}"
    photoshop:City="{CITY}"
    exif:GPSLatitude="43,14.3N"
    exif:GPSLongitude="76,55.7E"
    aux:SerialNumber="{BODY_SERIAL}"
    aux:LensSerialNumber="{LENS_SERIAL}">
   <dc:creator><rdf:Seq><rdf:li>{ARTIST}</rdf:li></rdf:Seq></dc:creator>
   <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{COPYRIGHT}</rdf:li></rdf:Alt></dc:rights>
   <xmpMM:History><rdf:Seq>
    <rdf:li stEvt:action="saved" stEvt:changed="/ {HISTORY}" stEvt:softwareAgent="Photo editor"/>
   </rdf:Seq></xmpMM:History>
   <Iptc4xmpCore:CreatorContactInfo Iptc4xmpCore:CiEmailWork="{CONTACT}"/>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()


@cache
def icc_profile() -> bytes:
    # Made once: a profile records the second it was made in.
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


@cache
def wide_gamut_profile() -> bytes:
    """An RGB profile that is not sRGB (by its description), as Adobe RGB or Display P3 are."""
    return icc_profile().replace("sRGB".encode("utf-16-be"), "Wide".encode("utf-16-be"))


def two_halves(size: tuple[int, int] = (600, 400), mode: str = "RGB") -> Image.Image:
    """Red on the left half, blue on the right: where each half ends up shows the orientation."""
    width, height = size
    if mode == "P":  # a palette image whose first colour is transparent
        image = two_halves(size).convert("P", palette=Image.Palette.ADAPTIVE, colors=4)
        image.info["transparency"] = 0
        return image
    image = Image.new(mode, size, "blue")
    image.paste("red", (0, 0, width // 2, height))
    return image


def _thumbnail_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (160, 120), "green").save(buffer, "JPEG")
    return buffer.getvalue()


def _with_thumbnail(exif: bytes) -> bytes:
    """Pillow writes no IFD1; add one holding a JPEG thumbnail, as every camera does."""
    tiff = bytearray(exif[6:])
    order = "big" if tiff[:2] == b"MM" else "little"
    count = int.from_bytes(tiff[8:10], order)
    next_pointer = 10 + 12 * count
    assert tiff[next_pointer : next_pointer + 4] == b"\0\0\0\0"
    if len(tiff) % 2:
        tiff += b"\0"
    ifd1 = len(tiff)
    thumbnail = _thumbnail_jpeg()
    thumbnail_at = ifd1 + 2 + 3 * 12 + 4
    tiff[next_pointer : next_pointer + 4] = ifd1.to_bytes(4, order)

    def entry(tag: int, kind: int, value: int) -> bytes:
        packed = value.to_bytes(2, order) + b"\0\0" if kind == 3 else value.to_bytes(4, order)
        return tag.to_bytes(2, order) + kind.to_bytes(2, order) + (1).to_bytes(4, order) + packed

    tiff += (3).to_bytes(2, order)
    tiff += entry(0x0103, 3, 6)  # Compression: JPEG
    tiff += entry(0x0201, 4, thumbnail_at)  # JPEGInterchangeFormat
    tiff += entry(0x0202, 4, len(thumbnail))  # JPEGInterchangeFormatLength
    tiff += b"\0\0\0\0"
    tiff += thumbnail
    return exif[:6] + bytes(tiff)


def camera_exif(*, orientation: int = 1, thumbnail: bool = True) -> bytes:
    exif = Image.Exif()
    exif[Base.Make] = "Canon"
    exif[Base.Model] = "EOS R5"
    exif[Base.Artist] = ARTIST.encode()
    exif[Base.Copyright] = COPYRIGHT.encode()
    exif[Base.Orientation] = orientation
    camera = exif.get_ifd(IFD.Exif)
    camera[Base.BodySerialNumber] = BODY_SERIAL
    camera[Base.LensSerialNumber] = LENS_SERIAL
    camera[Base.CameraOwnerName] = OWNER
    camera[Base.MakerNote] = MAKER_NOTE
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[1], gps[2] = "N", (43.0, 14.0, 18.0)
    gps[3], gps[4] = "E", (76.0, 55.0, 43.0)
    data = exif.tobytes()
    return _with_thumbnail(data) if thumbnail else data


def iptc_segment() -> bytes:
    """An APP13 Photoshop segment with IPTC-IIM: by-line, credit, copyright, and a city."""
    records = [((1, 90), b"\x1b%G"), ((2, 80), ARTIST.encode()), ((2, 110), CREDIT.encode()),
               ((2, 116), COPYRIGHT.encode()), ((2, 90), CITY.encode())]  # fmt: skip
    iim = b"".join(b"\x1c" + bytes(key) + len(value).to_bytes(2, "big") + value for key, value in records)
    resource = b"8BIM" + (0x0404).to_bytes(2, "big") + b"\0\0" + len(iim).to_bytes(4, "big") + iim
    if len(iim) % 2:
        resource += b"\0"
    body = b"Photoshop 3.0\0" + resource
    return b"\xff\xed" + (len(body) + 2).to_bytes(2, "big") + body


def camera_jpeg(
    *, size: tuple[int, int] = (600, 400), orientation: int = 1, tail: bytes = b"", progressive: bool = False,
    quality: int = 90, subsampling: str = "4:2:0", icc: bytes | None = None,
) -> bytes:  # fmt: skip
    buffer = io.BytesIO()
    two_halves(size).save(
        buffer, "JPEG", quality=quality, subsampling=subsampling, progressive=progressive,
        exif=camera_exif(orientation=orientation),
        xmp=XMP, icc_profile=icc or icc_profile(), comment=COMMENT,
    )  # fmt: skip
    data = buffer.getvalue()
    return data[:2] + iptc_segment() + data[2:] + tail


def camera_png(*, size: tuple[int, int] = (600, 400), mode: str = "RGB", tail: bytes = b"") -> bytes:
    info = PngInfo()
    info.add_text("Comment", COMMENT.decode())
    info.add_text("Location", CITY, zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    info.add(b"tIME", b"\x07\xea\x05\x01\x0c\x00\x00")
    info.add(b"prIv", MAKER_NOTE)
    buffer = io.BytesIO()
    two_halves(size, mode).save(buffer, "PNG", pnginfo=info, exif=camera_exif(), icc_profile=icc_profile())
    return buffer.getvalue() + tail


def camera_webp(*, size: tuple[int, int] = (600, 400), lossless: bool = False, orientation: int = 1) -> bytes:
    buffer = io.BytesIO()
    two_halves(size).save(
        buffer, "WEBP", lossless=lossless, quality=85, exif=camera_exif(orientation=orientation),
        xmp=XMP, icc_profile=icc_profile(),
    )  # fmt: skip
    return buffer.getvalue()


def webp_chunks(data: bytes) -> list[bytes]:
    """The chunk names of a WebP file, in order (VP8 is lossy, VP8L lossless)."""
    names, position = [], 12
    while position + 8 <= len(data):
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        names.append(data[position : position + 4])
        position += 8 + size + (size & 1)
    return names


def png_chunks(data: bytes) -> list[bytes]:
    names, position = [], 8
    while position + 8 <= len(data):
        size = int.from_bytes(data[position : position + 4], "big")
        names.append(data[position + 4 : position + 8])
        position += 12 + size
    return names
