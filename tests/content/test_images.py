import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from newsdesk.content import images
from newsdesk.content.images import validate_photo_file
from tests.conftest import jpeg_bytes


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_it_accepts_real_photos(fmt):
    validate_photo_file(ContentFile(jpeg_bytes(fmt=fmt), name=f"p.{fmt.lower()}"))


def test_it_refuses_what_is_not_an_image():
    with pytest.raises(ValidationError) as error:
        validate_photo_file(ContentFile(b"<?php system($_GET['c']); ?>", name="evil.jpg"))
    assert error.value.code == "invalid"


def test_it_refuses_a_truncated_image():
    data = jpeg_bytes(size=(800, 600))
    with pytest.raises(ValidationError):
        validate_photo_file(ContentFile(data[: len(data) // 3], name="cut.jpg"))


def test_it_refuses_other_formats():
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200)).save(buffer, format="GIF")
    with pytest.raises(ValidationError) as error:
        validate_photo_file(ContentFile(buffer.getvalue(), name="a.gif"))
    assert error.value.code == "format"


def test_it_refuses_a_decompression_bomb_before_decoding_it(monkeypatch):
    # A PNG whose header claims 60 megapixels compresses to a few kilobytes.
    buffer = io.BytesIO()
    Image.new("1", (10_000, 6_000)).save(buffer, format="PNG")
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(ValidationError) as error:
        validate_photo_file(ContentFile(buffer.getvalue(), name="bomb.png"))
    assert error.value.code == "too_many_pixels"


def test_it_refuses_files_over_the_size_limit(monkeypatch):
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(ValidationError) as error:
        validate_photo_file(ContentFile(jpeg_bytes(size=(900, 900), colour="red") + b"\0" * 2000, name="big.jpg"))
    assert error.value.code == "too_large"


def test_it_refuses_tiny_images():
    with pytest.raises(ValidationError) as error:
        validate_photo_file(ContentFile(jpeg_bytes(size=(20, 20)), name="icon.jpg"))
    assert error.value.code == "too_small"
