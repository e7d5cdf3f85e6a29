"""Placeholder photos for the demo edition, drawn locally (no downloads)."""

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

SECTION_COLOURS = {
    "politics": (31, 64, 104),
    "economy": (22, 101, 82),
    "society": (120, 72, 30),
    "culture": (112, 38, 92),
    "world": (40, 90, 130),
    "science": (56, 48, 120),
    "sport": (150, 52, 40),
}


def placeholder_jpeg(*, title: str, credit: str, section: str, size: tuple[int, int] = (960, 540)) -> bytes:
    """A JPEG with a gradient in the section's colour, the headline and the credit."""
    width, height = size
    base = SECTION_COLOURS.get(section, (60, 60, 60))
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = 0.55 + 0.45 * (1 - y / height)
        draw.line([(0, y), (width, y)], fill=tuple(int(c * shade) for c in base))
    title_font = ImageFont.load_default(size=44)
    small_font = ImageFont.load_default(size=24)
    lines = textwrap.wrap(title, width=34)[:4]
    y = height // 2 - len(lines) * 28
    for line in lines:
        draw.text((48, y), line, font=title_font, fill=(255, 255, 255))
        y += 56
    draw.text((48, height - 56), f"Demo image · {credit}", font=small_font, fill=(230, 230, 230))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=72)
    return buffer.getvalue()
