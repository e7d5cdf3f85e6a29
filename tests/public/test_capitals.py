"""Capitals on the Kazakh Latin edition are written by the server, by the Latin alphabet:
a browser's `text-transform` makes I of both ı and i ("TIKELEI" for тікелей)."""

import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from newsdesk.editions.editions import in_capitals
from newsdesk.editions.latin import latin_upper
from newsdesk.siteconfig.models import Programme

STATIC = Path(__file__).resolve().parents[2] / "newsdesk" / "public" / "static" / "newsdesk"
CSS = STATIC / "site.css"
# Innermost rules: a selector list and its declarations (inside @media too).
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
CASED = re.compile(r"text-transform\s*:\s*(uppercase|capitalize|full-width)")


def _rules() -> list[tuple[list[str], str]]:
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(), flags=re.DOTALL)
    return [([s.strip() for s in selectors.split(",")], body) for selectors, body in RULE.findall(css)]


def test_the_latin_capitals_keep_the_dot_of_i_and_drop_it_from_dotless_i():
    assert in_capitals("Tıkelei efir", edition="kk-latn") == "TIKELEİ EFİR"
    assert in_capitals("İnternet-teledidar", edition="kk-latn") == "İNTERNET-TELEDİDAR"
    assert in_capitals("Прямой эфир", edition="ru") == "Прямой эфир"  # the CSS uppercases it


def test_whatever_the_css_puts_in_capitals_it_leaves_alone_on_the_latin_edition():
    """Every rule that changes letters' case has its `:lang(kk-Latn)` twin that turns it
    off, so a new badge styled in capitals cannot bring the browser's casing back."""
    rules = _rules()
    reset = {
        selector.removeprefix(":lang(kk-Latn)").strip()
        for selectors, body in rules
        if re.search(r"text-transform\s*:\s*none", body)
        for selector in selectors
        if selector.startswith(":lang(kk-Latn)")
    }
    cased = [selector for selectors, body in rules if CASED.search(body) for selector in selectors]
    assert {".badge", ".secondary h2", ".live-badge"} <= set(cased)
    assert [selector for selector in cased if selector not in reset] == []


def _texts(html: str, pattern: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", found).strip() for found in re.findall(pattern, html, flags=re.DOTALL)]


def _on_air(edition: str) -> None:
    """A programme on now, so the live block wears its badge."""
    now = timezone.now()
    Programme.objects.create(
        edition=edition, title_kk="Жаңалықтар", starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(hours=1)
    )


def test_the_latin_edition_serves_its_headings_and_badges_already_in_capitals(client, story, make_article):
    make_article("Шұғыл хабар", language="kk", is_breaking=True)
    _on_air("kk")
    html = client.get("/kk-latn/").content.decode()
    assert '<html lang="kk-Latn">' in html
    capitals = (
        _texts(html, r'<h2 id="(?:live|most-viewed)-heading">(.*?)</h2>')
        + _texts(html, r'<span class="live-badge">(.*?)</span>')
        + _texts(html, r'<strong class="badge">(.*?)</strong>')
    )
    assert "İNTERNET-TELEDİDAR" in capitals and "EÑ KÖP OQYLĞANDAR" in capitals
    assert "TIKELEİ EFİR" in capitals and "ŞŪĞYL" in capitals
    assert all(text == latin_upper(text) for text in capitals), capitals


def test_other_editions_leave_capitals_to_the_css(client, story):
    _on_air("ru")
    html = client.get("/ru/").content.decode()
    assert "Самое читаемое" in html and "Прямой эфир" in html
