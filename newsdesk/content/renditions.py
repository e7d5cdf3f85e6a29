"""Responsive renditions of photos: made once when a photo is stored, never per request.

Each photo gets a few widths (never wider than the original) in AVIF and WebP for
browsers that take them, and JPEG for the rest. Pages offer them in a `<picture>`
with `srcset`, so a phone on a slow network downloads a 320-pixel AVIF, not the
photographer's 6000-pixel original.
"""

import io
from dataclasses import dataclass
from typing import IO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageCms, ImageOps

WIDTHS = (320, 640, 960, 1280, 1920)
# (format, extension, MIME type, encoder options); the last one is the fallback <img>.
FORMATS = (
    ("AVIF", "avif", "image/avif", {"quality": 55, "speed": 9}),
    ("WEBP", "webp", "image/webp", {"quality": 75, "method": 4}),
    ("JPEG", "jpg", "image/jpeg", {"quality": 80, "optimize": True, "progressive": True}),
)


@dataclass(frozen=True)
class PictureSource:
    mime: str
    srcset: str


def rendition_widths(original_width: int) -> list[int]:
    widths = [w for w in WIDTHS if w < original_width]
    return [*widths, min(original_width, WIDTHS[-1])]


def make_renditions(*, photo_id: int, file: IO[bytes]) -> list[dict]:
    """Encode the renditions of a stored photo; return what Photo.renditions stores:
    width, height, mime, name and bytes (the file's size) of each.

    A rendition carries the pixels and the colour profile, nothing else: the image's
    `info` (where Pillow keeps the file's comment, EXIF and XMP, and from which some of
    its encoders copy by default) is emptied before anything is written.
    """
    file.seek(0)
    with Image.open(file) as original:
        ImageOps.exif_transpose(original, in_place=True)
        image, icc = _web_rgb(original)
    image.info = {}
    made = []
    for width in rendition_widths(image.width):
        height = round(image.height * width / image.width)
        resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        for image_format, extension, mime, options in FORMATS:
            buffer = io.BytesIO()
            resized.save(buffer, image_format, icc_profile=icc, **options)
            data = buffer.getvalue()
            name = default_storage.save(f"renditions/{photo_id}/{width}.{extension}", ContentFile(data))
            # The size goes along: feeds' enclosures must state it, and reading it back
            # from the storage would cost a request per photo per feed.
            made.append({"width": width, "height": height, "mime": mime, "name": name, "bytes": len(data)})
    return made


def _web_rgb(image: Image.Image) -> tuple[Image.Image, bytes | None]:
    """The image in RGB, and the profile the renditions carry (None: sRGB).

    Browsers read an image without a profile as sRGB, so an sRGB profile is left out
    (it would add 3 KB to a 10 KB thumbnail); any other RGB profile (Adobe RGB, Display
    P3) goes along with the pixels, or their colours would be shown washed out. A grey or
    CMYK profile does not describe RGB pixels: those are converted to sRGB through it.
    """
    icc = image.info.get("icc_profile") or None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc)) if icc else None
        if profile is not None and image.mode not in ("RGB", "RGBA", "P"):
            converted = ImageCms.profileToProfile(image, profile, ImageCms.createProfile("sRGB"), outputMode="RGB")
            assert converted is not None  # None only for a conversion in place
            return converted, None
        if profile is not None and "srgb" in ImageCms.getProfileDescription(profile).lower():
            icc = None
    except (ImageCms.PyCMSError, OSError, ValueError):
        icc = None  # a profile nothing can read is no use to a browser either
    return image.convert("RGB"), icc


def picture_sources(renditions: list[dict]) -> tuple[list[PictureSource], str, str]:
    """`<source>` lines for the modern formats, plus the fallback's src and srcset."""
    storage = default_storage
    sources = []
    fallback_mime = FORMATS[-1][2]
    fallback_srcset, fallback_src = "", ""
    for _format, _extension, mime, _options in FORMATS:
        entries = [r for r in renditions if r["mime"] == mime]
        if not entries:
            continue
        srcset = ", ".join(f"{storage.url(r['name'])} {r['width']}w" for r in entries)
        if mime == fallback_mime:
            fallback_srcset = srcset
            fallback_src = storage.url(entries[-1]["name"])
        else:
            sources.append(PictureSource(mime=mime, srcset=srcset))
    return sources, fallback_src, fallback_srcset


def rendition_url(renditions: list[dict], width: int) -> str | None:
    """The JPEG rendition closest to `width` pixels wide (JPEG: every browser shows it)."""
    jpegs = [r for r in renditions or [] if r["mime"] == FORMATS[-1][2]]
    if not jpegs:
        return None
    return default_storage.url(min(jpegs, key=lambda r: abs(r["width"] - width))["name"])


@dataclass(frozen=True)
class Picture:
    sources: list[PictureSource]
    src: str
    srcset: str


def picture_of(renditions: list[dict], original_url: str) -> Picture:
    """What a `<picture>` element needs; the original file when there are no renditions."""
    sources, src, srcset = picture_sources(renditions or [])
    return Picture(sources=sources, src=src or original_url, srcset=srcset)
