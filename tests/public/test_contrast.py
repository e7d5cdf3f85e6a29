"""The site's colours reach WCAG AA in light and dark mode: every pair of text and
background the stylesheet puts together, read from its own variables."""

import re
from pathlib import Path

import pytest

import newsdesk

CSS = Path(newsdesk.__file__).parent / "public" / "static" / "newsdesk" / "site.css"
# (text, background, what shows it): the pairs the stylesheet uses.
PAIRS = [
    ("--ink", "--paper", "text"),
    ("--muted", "--paper", "dates, bylines, captions"),
    ("--accent", "--paper", "links"),
    ("--ink", "--tint", "text on tinted blocks"),
    ("--muted", "--tint", "the footer"),
    ("--accent-ink", "--accent", "buttons, the skip link"),
    ("--alert-ink", "--alert", "the Breaking and Live badges"),
    ("--ink", "--mark", "search hits"),
]


def palettes() -> dict[str, dict[str, str]]:
    css = CSS.read_text()
    light = css[css.index(":root {") : css.index("}", css.index(":root {"))]
    dark_start = css.index("@media (prefers-color-scheme: dark)")
    dark = css[dark_start : css.index("}", dark_start)]
    read = lambda block: dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})", block))  # noqa: E731
    return {"light": read(light), "dark": read(light) | read(dark)}


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_formula_gives_the_known_ratios():
    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    assert contrast("#ffffff", "#ff6b6f") == pytest.approx(2.77, abs=0.01)  # the badge before


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize(("text", "background", "where"), PAIRS)
def test_every_pair_reaches_aa(mode, text, background, where):
    colours = palettes()[mode]
    ratio = contrast(colours[text], colours[background])
    assert ratio >= 4.5, f"{where} in {mode} mode: {ratio:.2f}:1"


def test_badges_take_their_colours_from_the_checked_pair():
    css = CSS.read_text()
    for selector in (".badge", ".live-badge"):
        rule = re.search(re.escape(selector) + r" \{([^}]*)\}", css).group(1)
        assert "background: var(--alert)" in rule and "color: var(--alert-ink)" in rule, selector


def test_the_breaking_banner_reaches_aa_in_both_modes():
    css = CSS.read_text()
    colour = "(#[0-9a-fA-F]{6})"
    rules = re.findall(rf"\.breaking-banner \{{ --breaking-paper: {colour}; --breaking-ink: {colour};", css)
    assert len(rules) == 2, rules  # light, then dark
    for paper, ink in rules:
        assert contrast(ink, paper) >= 4.5, (paper, ink)
