"""The inspection photos_clean relies on: clean files pass, every leftover is named."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from newsdesk.content.image_cleaning import clean_image
from newsdesk.content.image_inspection import NOT_AN_IMAGE, TAIL, inspect_stored_image
from tests import photo_files


def cleaned(data: bytes) -> tuple[bytes, str]:
    with clean_image(ContentFile(data)) as file:
        return file.read(), file.name


def encoded(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        photo_files.camera_jpeg(orientation=6),
        photo_files.camera_jpeg(progressive=True),
        encoded(photo_files.two_halves().convert("CMYK"), "JPEG", comment=photo_files.COMMENT),
        photo_files.camera_png(mode="P"),
        photo_files.camera_webp(lossless=True),
        photo_files.camera_webp(),
    ],
    ids=["jpeg", "progressive", "cmyk", "palette-png", "lossless-webp", "webp"],
)
def test_what_cleaning_writes_passes(data):
    stored, name = cleaned(data)
    assert inspect_stored_image(stored, name=name).problems == []
    assert inspect_stored_image(data, name=name).problems  # and the upload did not


def test_a_jpeg_with_restart_markers_is_walked_to_its_end():
    data = encoded(photo_files.two_halves(), "JPEG", restart_marker_blocks=1)
    assert b"\xff\xd0" in data
    assert inspect_stored_image(data, name="a.jpg").problems == []
    assert inspect_stored_image(data + b"<script>", name="a.jpg").problems == [TAIL]


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_a_tail_after_a_png_or_webp_is_named(image_format):
    data = encoded(photo_files.two_halves(), image_format)
    assert inspect_stored_image(data, name=f"a.{image_format.lower()}").problems == []
    assert inspect_stored_image(data + b"<script>", name=f"a.{image_format.lower()}").problems == [TAIL]


def test_leftovers_are_named():
    problems = inspect_stored_image(photo_files.camera_jpeg(), name="a.jpg").problems
    assert {"a comment", "an IPTC (Photoshop) block", "EXIF beyond the credit and copyright"} <= set(problems)
    jfif = encoded(photo_files.two_halves(), "JPEG")
    with_thumbnail = jfif[:4] + (16 + 3 * 4).to_bytes(2, "big") + jfif[6:18] + b"\x02\x02" + b"\0" * 12 + jfif[20:]
    assert "a JFIF thumbnail" in inspect_stored_image(with_thumbnail, name="a.jpg").problems
    assert inspect_stored_image(jfif, name="a.png").needs_new_name


def test_what_is_not_an_image_cannot_be_cleaned():
    inspection = inspect_stored_image(b"minutes of the meeting", name="a.jpg")
    assert inspection.problems == [NOT_AN_IMAGE] and not inspection.cleanable
    gif = inspect_stored_image(encoded(Image.new("RGB", (10, 10)), "GIF"), name="a.gif")
    assert gif.problems == [NOT_AN_IMAGE] and not gif.cleanable
