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


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans where the system has it (Debian's fonts-dejavu-core), for Cyrillic
    headlines; else Pillow's own font, which draws Latin letters only."""
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def placeholder_jpeg(
    *, title: str, credit: str, section: str, label: str = "Demo image", size: tuple[int, int] = (960, 540)
) -> bytes:
    """A JPEG with a gradient in the section's colour, the headline and the credit, in the
    story's own language (`label` says it is a demo image)."""
    width, height = size
    base = SECTION_COLOURS.get(section, (60, 60, 60))
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = 0.55 + 0.45 * (1 - y / height)
        draw.line([(0, y), (width, y)], fill=tuple(int(c * shade) for c in base))
    title_font, small_font = _font(44), _font(24)
    lines = textwrap.wrap(title, width=34)[:4]
    y = height // 2 - len(lines) * 28
    for line in lines:
        draw.text((48, y), line, font=title_font, fill=(255, 255, 255))
        y += 56
    draw.text((48, height - 56), f"{label} · {credit}", font=small_font, fill=(230, 230, 230))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=72)
    return buffer.getvalue()


def portrait_jpeg(*, name: str, size: int = 640) -> bytes:
    """A square placeholder portrait: the person's initials on a colour of their own."""
    palette = list(SECTION_COLOURS.values())
    base = palette[sum(map(ord, name)) % len(palette)]
    image = Image.new("RGB", (size, size), base)
    draw = ImageDraw.Draw(image)
    centre = size // 2
    radius = size * 3 // 8
    light = tuple(min(255, c + 60) for c in base)
    draw.ellipse([centre - radius, centre - radius, centre + radius, centre + radius], fill=light)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    draw.text(
        (centre, centre), initials, font=ImageFont.load_default(size=size // 4), fill=(255, 255, 255), anchor="mm"
    )
    draw.text((24, size - 40), "Demo portrait", font=ImageFont.load_default(size=22), fill=(235, 235, 235))
    return _jpeg(image)


def share_card_jpeg(*, name: str, size: tuple[int, int] = (1200, 630)) -> bytes:
    """The site's default share image: its name on a dark band, as link previews show it."""
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    base = SECTION_COLOURS["politics"]
    for x in range(width):
        shade = 0.6 + 0.4 * (1 - x / width)
        draw.line([(x, 0), (x, height)], fill=tuple(int(c * shade) for c in base))
    draw.text((72, height // 2 - 40), name, font=ImageFont.load_default(size=88), fill=(255, 255, 255), anchor="lm")
    draw.text(
        (72, height // 2 + 60),
        "News agency · demo edition",
        font=ImageFont.load_default(size=36),
        fill=(225, 225, 225),
        anchor="lm",
    )
    return _jpeg(image)


def live_poster_jpeg(*, name: str, size: tuple[int, int] = (1280, 720)) -> bytes:
    """The live player's frame before play: a studio's dark backdrop, a play sign in a
    circle and the agency's name, with no words of one language."""
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    base = SECTION_COLOURS["world"]
    for y in range(height):
        shade = 0.25 + 0.35 * (1 - abs(y - height / 2) / (height / 2))
        draw.line([(0, y), (width, y)], fill=tuple(int(c * shade) for c in base))
    centre_x, centre_y, radius = width // 2, height // 2 - 40, height // 7
    draw.ellipse(
        [centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius], outline=(255, 255, 255), width=8
    )
    third = radius // 2
    draw.polygon(
        [
            (centre_x - third + 8, centre_y - third),
            (centre_x - third + 8, centre_y + third),
            (centre_x + third + 8, centre_y),
        ],
        fill=(255, 255, 255),
    )
    draw.text((centre_x, height - 150), name, font=_font(64), fill=(255, 255, 255), anchor="mm")
    return _jpeg(image)


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()
