"""What is stored of an uploaded photo: its pixels, its credits and its colour, nothing personal.

Every test uploads a file made in tests/photo_files.py through `photo_create` (the path
every upload takes) and reads the stored file back from MEDIA_ROOT.
"""

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from PIL import Image, ImageChops, ImageStat, IptcImagePlugin, JpegImagePlugin
from PIL.ExifTags import IFD, Base

from newsdesk.content import services
from tests import photo_files
from tests.photo_files import ARTIST, COPYRIGHT, CREDIT, HTML_TAIL, SECRETS

STORED_NAME = re.compile(r"^photos/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|png|webp)$")
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
CAMERA_FILES = {
    "JPEG": (photo_files.camera_jpeg, "camera.jpg"),
    "PNG": (photo_files.camera_png, "screen.png"),
    "WEBP": (photo_files.camera_webp, "phone.webp"),
}


def upload(data: bytes, name: str = "camera.jpg"):
    return services.photo_create(by=None, file=ContentFile(data, name=name), alt_text="Snow in Astana", credit="KazTAG")


def stored_bytes(settings, name: str) -> bytes:
    return (Path(settings.MEDIA_ROOT) / name).read_bytes()


def open_stored(settings, name: str) -> Image.Image:
    return Image.open(io.BytesIO(stored_bytes(settings, name)))


def xmp_values(data: bytes) -> dict[str, list[str]]:
    """creator, rights and credit as an XMP reader finds them."""
    root = ET.fromstring(data.strip(b"\0 "))  # noqa: S314 (our own output)
    values = {"creator": [], "rights": [], "credit": []}
    for description in root.iter(f"{RDF}Description"):
        for tag, key in (("{http://purl.org/dc/elements/1.1/}creator", "creator"),
                         ("{http://purl.org/dc/elements/1.1/}rights", "rights")):  # fmt: skip
            for element in description.iter(tag):
                values[key] += [li.text for li in element.iter(f"{RDF}li")]
        credit = "{http://ns.adobe.com/photoshop/1.0/}Credit"
        values["credit"] += [description.get(credit)] if description.get(credit) else []
        values["credit"] += [element.text for element in description.iter(credit)]
    return values


def exif_text(exif: Image.Exif, tag: int) -> str:
    """Pillow reads EXIF text as Latin-1; cameras and editors write UTF-8."""
    return exif[tag].encode("latin-1").decode("utf-8")


@pytest.mark.parametrize("image_format", CAMERA_FILES)
def test_personal_metadata_is_gone_from_the_stored_original(db, settings, image_format):
    make, name = CAMERA_FILES[image_format]
    data = make()
    assert len([secret for secret in SECRETS if secret in data]) >= 10  # the upload really carries them
    photo = upload(data, name)
    stored = stored_bytes(settings, photo.file.name)
    assert [secret for secret in SECRETS if secret in stored] == []
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == image_format
        exif = image.getexif()
        assert set(exif) <= {Base.Artist, Base.Copyright}
        assert not exif.get_ifd(IFD.GPSInfo) and not exif.get_ifd(IFD.Exif) and not exif.get_ifd(IFD.IFD1)
        assert "comment" not in image.info
        assert set(xmp_values(image.info["xmp"])) == {"creator", "rights", "credit"}
    # The camera's thumbnail (a second JPEG inside the first) is gone with the EXIF that held it.
    assert stored.count(b"\xff\xd8\xff") == (1 if image_format == "JPEG" else 0)


@pytest.mark.parametrize("image_format", CAMERA_FILES)
def test_credit_copyright_and_colour_profile_are_kept(db, settings, image_format):
    make, name = CAMERA_FILES[image_format]
    photo = upload(make(), name)
    with open_stored(settings, photo.file.name) as image:
        exif = image.getexif()
        assert exif_text(exif, Base.Artist) == ARTIST and exif_text(exif, Base.Copyright) == COPYRIGHT
        assert xmp_values(image.info["xmp"]) == {"creator": [ARTIST], "rights": [COPYRIGHT], "credit": [CREDIT]}
        assert image.info["icc_profile"] == photo_files.icc_profile()


def test_jpeg_iptc_credits_are_kept_as_xmp_and_the_rest_of_iptc_is_dropped(db, settings):
    buffer = io.BytesIO()
    photo_files.two_halves().save(buffer, "JPEG", quality=90)
    data = buffer.getvalue()
    data = data[:2] + photo_files.iptc_segment() + data[2:]
    assert IptcImagePlugin.getiptcinfo(Image.open(io.BytesIO(data)))[(2, 90)] == photo_files.CITY.encode()
    photo = upload(data)
    stored = stored_bytes(settings, photo.file.name)
    assert b"Photoshop 3.0" not in stored and photo_files.CITY.encode() not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert xmp_values(image.info["xmp"]) == {"creator": [ARTIST], "rights": [COPYRIGHT], "credit": [CREDIT]}


def test_a_photo_without_credits_is_stored_without_exif_or_xmp(db, settings):
    photo = upload(_plain_jpeg())
    with open_stored(settings, photo.file.name) as image:
        assert "exif" not in image.info and "xmp" not in image.info and "comment" not in image.info


def _plain_jpeg() -> bytes:
    buffer = io.BytesIO()
    photo_files.two_halves().save(buffer, "JPEG", exif=b"", comment=photo_files.COMMENT)
    return buffer.getvalue()


@pytest.mark.parametrize("make", [photo_files.camera_jpeg, photo_files.camera_webp])
def test_the_orientation_is_applied_so_the_stored_file_needs_none(db, settings, make):
    # Orientation 6: the camera was turned; shown upright, the left (red) half is on top.
    photo = upload(make(size=(600, 400), orientation=6), "turned.jpg")
    assert (photo.width, photo.height) == (400, 600)
    with open_stored(settings, photo.file.name) as image:
        assert image.size == (400, 600)
        assert Base.Orientation not in image.getexif()
        rgb = image.convert("RGB")
        red, blue = rgb.getpixel((200, 100)), rgb.getpixel((200, 500))
        assert red[0] > 200 > red[2] and blue[2] > 200 > blue[0]


@pytest.mark.parametrize(
    ("quality", "subsampling", "progressive"), [(93, "4:2:0", True), (71, "4:4:4", False), (85, "4:2:2", False)]
)
def test_a_jpeg_keeps_the_photographers_quantisation_subsampling_and_scan_mode(
    db, settings, quality, subsampling, progressive
):
    data = photo_files.camera_jpeg(size=(1200, 800), quality=quality, subsampling=subsampling, progressive=progressive)
    photo = upload(data)
    with Image.open(io.BytesIO(data)) as original, open_stored(settings, photo.file.name) as stored:
        assert stored.quantization == original.quantization
        assert JpegImagePlugin.get_sampling(stored) == JpegImagePlugin.get_sampling(original)
        assert JpegImagePlugin.get_sampling(original) == {"4:4:4": 0, "4:2:2": 1, "4:2:0": 2}[subsampling]
        assert bool(stored.info.get("progressive")) == progressive
        difference = ImageStat.Stat(ImageChops.difference(original.convert("RGB"), stored.convert("RGB")))
        assert max(difference.mean) < 1.0  # re-encoded with the same tables: visually identical


def test_a_lossless_webp_stays_lossless_pixel_for_pixel(db, settings):
    data = photo_files.camera_webp(lossless=True)
    photo = upload(data, "chart.webp")
    stored = stored_bytes(settings, photo.file.name)
    assert b"VP8L" in photo_files.webp_chunks(stored) and b"VP8 " not in photo_files.webp_chunks(stored)
    with Image.open(io.BytesIO(data)) as original, Image.open(io.BytesIO(stored)) as kept:
        assert ImageChops.difference(original.convert("RGB"), kept.convert("RGB")).getbbox() is None


def test_a_lossy_webp_stays_lossy(db, settings):
    photo = upload(photo_files.camera_webp(lossless=False), "phone.webp")
    assert b"VP8 " in photo_files.webp_chunks(stored_bytes(settings, photo.file.name))


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "P"])
def test_a_png_keeps_every_pixel_and_loses_its_text_chunks(db, settings, mode):
    data = photo_files.camera_png(mode=mode)
    photo = upload(data, "screen.png")
    stored = stored_bytes(settings, photo.file.name)
    chunks = set(photo_files.png_chunks(stored))
    assert not chunks & {b"tEXt", b"zTXt", b"tIME", b"prIv"}
    with Image.open(io.BytesIO(data)) as original, Image.open(io.BytesIO(stored)) as kept:
        assert kept.mode == original.mode
        assert set(kept.text) == {"XML:com.adobe.xmp"}  # our own packet: creator, rights, credit
        assert ImageChops.difference(original.convert("RGBA"), kept.convert("RGBA")).getbbox() is None


@pytest.mark.parametrize("name", ["x.pdf", "x.ps", "x.xbm", "x.html", "../../x.svg", "x.png.php", "x"])
def test_the_stored_name_comes_from_the_content_not_the_upload(db, name):
    photo = upload(photo_files.camera_png(), name)
    assert STORED_NAME.match(photo.file.name) and photo.file.name.endswith(".png")


@pytest.mark.parametrize("image_format", ["JPEG", "WEBP"])
def test_stored_extensions_follow_the_format(db, image_format):
    make, _name = CAMERA_FILES[image_format]
    photo = upload(make(), "photo.png")
    assert STORED_NAME.match(photo.file.name)
    assert photo.file.name.endswith({"JPEG": ".jpg", "WEBP": ".webp"}[image_format])


def test_a_jpeg_with_an_html_tail_is_stored_without_it(db, settings):
    data = photo_files.camera_jpeg(tail=HTML_TAIL)
    assert data.endswith(HTML_TAIL)
    photo = upload(data, "polyglot.jpg")
    stored = stored_bytes(settings, photo.file.name)
    assert b"<script" not in stored and b"<html" not in stored
    assert stored.endswith(b"\xff\xd9")


def test_a_png_with_a_tail_after_its_end_is_stored_without_it(db, settings):
    photo = upload(photo_files.camera_png(tail=HTML_TAIL), "polyglot.png")
    stored = stored_bytes(settings, photo.file.name)
    assert b"<script" not in stored and photo_files.png_chunks(stored)[-1] == b"IEND"
    assert stored.endswith(b"IEND\xaeB`\x82")


def test_renditions_carry_no_metadata_but_the_colour_profile(db, settings):
    photo = upload(photo_files.camera_jpeg(orientation=6, icc=photo_files.wide_gamut_profile()))
    assert photo.renditions
    for rendition in photo.renditions:
        data = stored_bytes(settings, rendition["name"])
        assert [secret for secret in SECRETS if secret in data] == [], rendition["name"]
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif() and "xmp" not in image.info and "comment" not in image.info
            assert image.info.get("icc_profile") == photo_files.wide_gamut_profile(), rendition["name"]
            assert image.height > image.width  # turned upright, as the original


def test_a_file_the_validators_never_saw_is_still_cleaned_on_save(db, settings):
    """Saving the model cleans the file whatever the caller checked (a script, an import)."""
    from newsdesk.content.models import Photo

    photo = Photo(file=ContentFile(photo_files.camera_jpeg(), name="x.pdf"), alt_text="a", credit="b")
    photo.save()
    assert STORED_NAME.match(photo.file.name) and photo.file.name.endswith(".jpg")
    assert [s for s in SECRETS if s in stored_bytes(settings, photo.file.name)] == []


@pytest.mark.parametrize(
    "packet",
    [
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "KazTAG KazTAG "><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="&d;"/>'
        b"</rdf:RDF></x:xmpmeta>",
        b'<!DOCTYPE x SYSTEM "file:///etc/passwd"><x>&xxe;</x>',
        b"<x:xmpmeta not even XML",
    ],
    ids=["entity-expansion", "external-entity", "broken"],
)
def test_an_xmp_packet_that_is_not_plain_xmp_is_dropped_and_the_photo_kept(db, settings, packet):
    buffer = io.BytesIO()
    photo_files.two_halves().save(buffer, "JPEG", xmp=packet, exif=photo_files.camera_exif(thumbnail=False))
    photo = upload(buffer.getvalue())
    with open_stored(settings, photo.file.name) as image:
        assert "xmp" not in image.info
        assert exif_text(image.getexif(), Base.Artist) == ARTIST
