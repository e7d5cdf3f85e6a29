"""Checks on uploaded photos: a real JPEG, PNG or WebP of sane size, or a clear refusal."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# 50 megapixels covers any camera a newsroom uses; a file that claims more is a
# decompression bomb or a mistake, and decoding it would take gigabytes of memory.
MAX_PIXELS = 50_000_000
MIN_SIDE = 100


def validate_photo_file(file: File) -> None:
    size = getattr(file, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; photos may be at most %(limit)s."),
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
            code="too_large",
        )
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        # open() reads only the header, so the pixel count is known before anything
        # is decoded; verify() then walks the file for truncation and corruption.
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            if image_format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("Upload a JPEG, PNG or WebP photo; this file is %(format)s."),
                    params={"format": image_format or _("unknown")},
                    code="format",
                )
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("The photo is %(width)s×%(height)s pixels; the limit is %(limit)s megapixels."),
                    params={"width": width, "height": height, "limit": MAX_PIXELS // 1_000_000},
                    code="too_many_pixels",
                )
            if min(width, height) < MIN_SIDE:
                raise ValidationError(
                    _("The photo is %(width)s×%(height)s pixels; upload at least %(min)s pixels on each side."),
                    params={"width": width, "height": height, "min": MIN_SIDE},
                    code="too_small",
                )
            image.verify()
        # verify() does not notice a truncated JPEG; decoding does. A JPEG is decoded
        # at an eighth of its size, which is quick and enough to reach every byte.
        file.seek(0)
        with Image.open(file) as image:
            if image.format == "JPEG":
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("This file is not a JPEG, PNG or WebP photo, or it is damaged."),
            code="invalid",
        ) from error
    finally:
        if position is not None:
            file.seek(position)
