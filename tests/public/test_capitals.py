"""Capitals on the Kazakh Latin edition are written by the server, by the Latin alphabet:
a browser's `text-transform` makes I of both ı and i ("TIKELEI" for тікелей)."""

from pathlib import Path

from newsdesk.editions.editions import in_capitals

CSS = Path(__file__).resolve().parents[2] / "newsdesk" / "public" / "static" / "newsdesk" / "site.css"


def test_the_latin_capitals_keep_the_dot_of_i_and_drop_it_from_dotless_i():
    assert in_capitals("Tıkelei efir", edition="kk-latn") == "TIKELEİ EFİR"
    assert in_capitals("İnternet-teledidar", edition="kk-latn") == "İNTERNET-TELEDİDAR"
    assert in_capitals("Прямой эфир", edition="ru") == "Прямой эфир"  # the CSS uppercases it


def test_the_latin_edition_shows_its_headings_in_capitals_and_the_css_leaves_them(client, story):
    html = client.get("/kk-latn/").content.decode()
    assert "EÑ KÖP OQYLĞANDAR" in html
    assert ":lang(kk-Latn) .badge, :lang(kk-Latn) .secondary h2, :lang(kk-Latn) .live-badge" in CSS.read_text()
    assert "Самое читаемое" in client.get("/ru/").content.decode()
