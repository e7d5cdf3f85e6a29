"""The ru and kk catalogues are complete, compiled and not behind the code."""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent / "newsdesk"
CATALOGUES = {code: ROOT / "locale" / code / "LC_MESSAGES" / "django.po" for code in ("ru", "kk")}
TEMPLATE_MSGID = re.compile(r"""\{\{-?\s*_\((["'])(.+?)\1\)""")
PYTHON_MSGID = re.compile(r"""\b_\(\s*(["'])((?:(?!\1).)+)\1\s*[,)]""")


def _catalogue(code: str) -> polib.POFile:
    return polib.pofile(str(CATALOGUES[code]))


def _msgids_in_code() -> set[str]:
    found = set()
    for path in ROOT.rglob("*.html"):
        found |= {m[1] for m in TEMPLATE_MSGID.findall(path.read_text())}
    for path in ROOT.rglob("*.py"):
        if "migrations" not in path.parts:
            found |= {m[1] for m in PYTHON_MSGID.findall(path.read_text())}
    return found


@pytest.mark.parametrize("code", CATALOGUES)
def test_every_entry_is_translated_and_none_is_fuzzy(code):
    catalogue = _catalogue(code)
    assert not [e.msgid for e in catalogue.untranslated_entries()]
    assert not [e.msgid for e in catalogue.fuzzy_entries()]
    assert not [e.msgid for e in catalogue.obsolete_entries()]


@pytest.mark.parametrize("code", CATALOGUES)
def test_no_string_of_the_code_is_missing_from_the_catalogue(code):
    msgids = {entry.msgid for entry in _catalogue(code)}
    missing = sorted(_msgids_in_code() - msgids)
    assert not missing, f"run `make messages` and translate: {missing}"


@pytest.mark.parametrize("code", CATALOGUES)
def test_the_compiled_catalogue_matches_the_source(code):
    compiled = polib.mofile(str(CATALOGUES[code].with_suffix(".mo")))
    source = {(e.msgid, e.msgstr) for e in _catalogue(code).translated_entries() if not e.msgid_plural}
    assert source <= {(e.msgid, e.msgstr) for e in compiled}, "run `make messages` to compile"


@pytest.mark.parametrize(
    ("edition", "expected", "english"),
    [("ru", "Самое читаемое", "Most viewed"), ("kk", "Ең көп оқылғандар", "Most viewed")],
)
def test_editions_speak_their_language(client, make_article, edition, expected, english):
    from newsdesk.audience.services import views_add

    article = make_article(language=edition, title="Заголовок")
    from zoneinfo import ZoneInfo

    views_add(article_id=article.pk, zone=ZoneInfo("Asia/Almaty"))
    html = client.get(f"/{edition}/").content.decode()
    assert expected in html and english not in html
    assert f'<html lang="{edition}">' in html
