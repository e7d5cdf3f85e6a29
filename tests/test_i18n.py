"""The ru and kk catalogues are complete, compiled and not behind the code."""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent / "newsdesk"
CATALOGUES = {code: ROOT / "locale" / code / "LC_MESSAGES" / "django.po" for code in ("ru", "kk")}
TEMPLATE_MSGID = re.compile(r"""\{\{-?\s*_\((["'])(.+?)\1\)""")
PYTHON_MSGID = re.compile(r"""\b(?:_|gettext|gettext_lazy|gettext_noop)\(\s*(["'])((?:(?!\1).)+)\1\s*[,)]""")


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


def test_the_latin_catalogues_are_the_kazakh_ones_transliterated():
    from newsdesk.editions.management.commands.latin_catalogue import catalogue_pairs, latin_catalogue

    pairs = catalogue_pairs()
    assert len(pairs) >= 3
    for source, target in pairs:
        expected = {(e.msgctxt, e.msgid): e.msgstr for e in latin_catalogue(source)}
        stored = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(target))}
        compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(target.with_suffix(".mo")))}
        assert stored == expected, f"run `make messages`: {target} is behind its Kazakh source"
        assert {k: v for k, v in compiled.items() if k[1]} == {k: v for k, v in expected.items() if k[1]}


DJANGO_KAZAKH = [
    ("conf/locale", "django"),
    ("contrib/admin/locale", "django"),
    ("contrib/admin/locale", "djangojs"),
    ("contrib/auth/locale", "django"),
    ("contrib/contenttypes/locale", "django"),
]


@pytest.mark.parametrize("code", ["kk", "ru"])
@pytest.mark.parametrize(("package", "domain"), DJANGO_KAZAKH)
def test_our_catalogues_complete_djangos_own(package, domain, code):
    """Every string of Django's (its English catalogue lists them all) that Django leaves
    untranslated, or does not carry at all, in Kazakh or Russian is in ours."""
    from pathlib import Path

    import django

    base = Path(django.__file__).parent / package
    every = polib.pofile(str(base / "en" / "LC_MESSAGES" / f"{domain}.po"))
    theirs = polib.pofile(str(base / code / "LC_MESSAGES" / f"{domain}.po"))
    ours = polib.pofile(str(ROOT / "locale_django" / code / "LC_MESSAGES" / f"{domain}.po"))
    translated = {(e.msgctxt, e.msgid) for e in [*theirs.translated_entries(), *ours.translated_entries()]}
    missing = [e.msgid for e in every if e.msgid and (e.msgctxt, e.msgid) not in translated]
    assert not missing
    assert not ours.untranslated_entries() and not ours.fuzzy_entries()


@pytest.mark.parametrize(
    ("code", "msgid", "expected"),
    [
        ("ru", "Add %(name)s", "Добавить: %(name)s"),
        ("ru", "Select %s to change", "Выбор объекта для изменения: %s"),
        ("kk", "Add %(name)s", "Қосу: %(name)s"),
        ("kk", "Select %s to change", "Өзгерту үшін таңдаңыз: %s"),
        ("kk", "Filter", "Сүзгі"),
        ("kk-latn", "Add %(name)s", "Qosu: %(name)s"),
        ("kk-latn", "Save", "Saqtau"),
    ],
)
def test_our_overrides_win_over_djangos_catalogues(code, msgid, expected):
    from django.utils import translation

    with translation.override(code):
        assert translation.gettext(msgid) == expected


def test_the_back_office_speaks_kazakh(client, db):
    from django.contrib.auth.models import User

    from tests.accounts.helpers import two_factor_on

    chief = User.objects.create_superuser("chief", password="a long demo password")
    two_factor_on(chief)
    client.force_login(chief)
    html = client.get("/admin/content/article/add/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    for english in ("Save and continue editing", "Save and add another", "Add article", "Log out", "Change password"):
        assert english not in html, english
    assert "Сақтау" in html


# Text a reader sees in a template must come from the catalogue. Markup, template tags,
# and a few symbols are not text.
_NOT_TEXT = re.compile(
    r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|<script.*?</script>|<style.*?</style>|<svg.*?</svg>|<!--.*?-->|<[^>]*>|&\w+;|&#\d+;",
    re.S,
)
_ALLOWED_LITERALS = {"©", "#", "·", "—", "›", "&rsaquo;", "|", ":", "(", ")", ";", "500", "×"}
_VISIBLE_ATTRIBUTES = re.compile(r'\b(?:alt|title|placeholder|aria-label)="([^"{]*[A-Za-zА-Яа-я][^"{]*)"')


@pytest.mark.parametrize("template", sorted(p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.html")))
def test_templates_have_no_text_outside_gettext(template):
    source = (ROOT / template).read_text()
    # Django templates: {% translate %} and {% blocktranslate %} blocks are gettext.
    source = re.sub(r"\{%\s*blocktranslate.*?\{%\s*endblocktranslate\s*%\}", "", source, flags=re.S)
    source = re.sub(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", "", source, flags=re.S)
    visible_attributes = _VISIBLE_ATTRIBUTES.findall(source)
    assert not visible_attributes, visible_attributes
    leftovers = [
        chunk.strip()
        for chunk in _NOT_TEXT.sub("\n", source).split("\n")
        if chunk.strip() and chunk.strip() not in _ALLOWED_LITERALS and re.search(r"[^\W\d_]", chunk)
    ]
    assert not leftovers, leftovers
