"""Checks on uploaded images: a real JPEG, PNG or WebP of sane size, or a clear refusal.

Photos and the site's logo share the rules but for the smallest side. What is stored of
an image that passes is decided in `image_cleaning`.
"""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

# The formats we accept and store, and the extension a stored file of each gets.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ALLOWED_FORMATS = set(EXTENSIONS)
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# 50 megapixels covers any camera a newsroom uses; a file that claims more is a
# decompression bomb or a mistake, and decoding it would take gigabytes of memory.
MAX_PIXELS = 50_000_000
MIN_SIDE = 100
# A logo is shown 40 pixels high; a wordmark may be much wider than it is high.
MIN_LOGO_SIDE = 16
# The live player's poster: a phone's player is about 320 × 180.
MIN_POSTER_SIDE = 180
# What Pillow raises on a file it cannot read, or reads only in part.
UNREADABLE = (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError)


def not_an_image() -> ValidationError:
    return ValidationError(_("This file is not a JPEG, PNG or WebP image, or it is damaged."), code="invalid")


def check_format_and_size(image: Image.Image, *, min_side: int = MIN_SIDE) -> str:
    """The checks that need only the header (nothing is decoded yet). Returns the format."""
    width, height = image.size
    image_format = image.format
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Upload a JPEG, PNG or WebP image; this file is %(format)s."),
            params={"format": image_format or _("unknown")},
            code="format",
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _("The image is %(width)s×%(height)s pixels; the limit is %(limit)s megapixels."),
            params={"width": width, "height": height, "limit": MAX_PIXELS // 1_000_000},
            code="too_many_pixels",
        )
    if min(width, height) < min_side:
        raise ValidationError(
            _("The image is %(width)s×%(height)s pixels; upload at least %(min)s pixels on each side."),
            params={"width": width, "height": height, "min": min_side},
            code="too_small",
        )
    return image_format


def validate_image_file(file: File, *, min_side: int = MIN_SIDE) -> None:
    if getattr(file, "_committed", False):
        # Already stored (an edit of the caption): it was checked when it was uploaded, and
        # Django has just read and closed it for its dimensions.
        return
    size = getattr(file, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; images may be at most %(limit)s."),
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
            code="too_large",
        )
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        # open() reads only the header, so the pixel count is known before anything
        # is decoded; verify() then walks the file for truncation and corruption.
        with Image.open(file) as image:
            check_format_and_size(image, min_side=min_side)
            width, height = image.size
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
    except UNREADABLE as error:
        raise not_an_image() from error
    finally:
        if position is not None:
            file.seek(position)


def validate_photo_file(file: File) -> None:
    validate_image_file(file, min_side=MIN_SIDE)


def validate_logo_file(file: File) -> None:
    validate_image_file(file, min_side=MIN_LOGO_SIDE)


def validate_poster_file(file: File) -> None:
    validate_image_file(file, min_side=MIN_POSTER_SIDE)
