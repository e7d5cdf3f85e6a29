"""Renditions carry the pixels and the colour profile, whatever the file they are made from holds."""

import io
from pathlib import Path

from PIL import Image

from newsdesk.content.renditions import make_renditions
from tests import photo_files


def test_renditions_of_a_file_full_of_metadata_carry_none_of_it(settings):
    data = photo_files.camera_jpeg(orientation=6, icc=photo_files.wide_gamut_profile())
    made = make_renditions(photo_id=7, file=io.BytesIO(data))
    assert {r["mime"] for r in made} == {"image/avif", "image/webp", "image/jpeg"}
    for rendition in made:
        data = (Path(settings.MEDIA_ROOT) / rendition["name"]).read_bytes()
        assert [secret for secret in photo_files.SECRETS if secret in data] == [], rendition["name"]
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif() and "xmp" not in image.info and "comment" not in image.info
            assert image.info.get("icc_profile") == photo_files.wide_gamut_profile(), rendition["name"]
            assert image.height > image.width  # turned upright


def test_an_srgb_profile_is_left_out_of_renditions_browsers_assume_it(settings):
    made = make_renditions(photo_id=9, file=io.BytesIO(photo_files.camera_jpeg()))
    for rendition in made:
        with Image.open(Path(settings.MEDIA_ROOT) / rendition["name"]) as image:
            assert "icc_profile" not in image.info, rendition["name"]


def test_a_cmyk_photo_gets_rgb_renditions_without_its_cmyk_profile(settings):
    profile = photo_files.wide_gamut_profile()
    cmyk_profile = profile[:16] + b"CMYK" + profile[20:]  # its header says CMYK, whatever its tags
    buffer = io.BytesIO()
    photo_files.two_halves().convert("CMYK").save(buffer, "JPEG", icc_profile=cmyk_profile)
    made = make_renditions(photo_id=8, file=buffer)
    for rendition in made:
        with Image.open(Path(settings.MEDIA_ROOT) / rendition["name"]) as image:
            assert image.mode == "RGB" and "icc_profile" not in image.info
            red = image.getpixel((10, 10))
            assert red[0] > 200 > red[2]


def test_each_rendition_keeps_its_size_in_bytes_for_the_feeds_enclosures(settings):
    made = make_renditions(photo_id=11, file=io.BytesIO(photo_files.camera_jpeg()))
    for rendition in made:
        assert rendition["bytes"] == (Path(settings.MEDIA_ROOT) / rendition["name"]).stat().st_size > 0
