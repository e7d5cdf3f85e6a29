"""The Incoming desk's search: items found by their words as the archive's search finds
stories (stems, folded case and letters, Latin Kazakh), on SQLite and PostgreSQL alike."""

import pytest

from newsdesk.wires.detect import parse
from newsdesk.wires.ingest import items_store
from newsdesk.wires.models import WireItem, WireSource
from newsdesk.wires.search import items_matching
from tests.wires.conftest import rss


def _feed(language: str, *items: tuple[str, str, str]) -> bytes:
    return rss(*items).replace(b"<language>en</language>", f"<language>{language}</language>".encode())


@pytest.fixture
def desk(mfa) -> WireSource:
    """Items in the three languages of the agency, and one in German."""
    wire = WireSource.objects.create(source=mfa, name="MFA")
    items_store(wire=wire, parsed=parse(_feed("ru",
        ("ru-1", "Министр встретился с представителями ВОЗ", "Стороны обсудили здравоохранение в Казахстане."),
        ("ru-2", "В Астане открылся новый мост", "Движение по мосту открыто с утра."),
    )))  # fmt: skip
    items_store(wire=wire, parsed=parse(_feed("kk",
        ("kk-1", "Денсаулық сақтау министрі мәлімдеме жасады", "Ауруханалар жаңа жабдық алады."),
    )))  # fmt: skip
    items_store(wire=wire, parsed=parse(_feed("en",
        ("en-1", "Ministers discussed healthcare reforms", "The talks covered hospitals and WHO support."),
    )))  # fmt: skip
    items_store(wire=wire, parsed=parse(_feed("de", ("de-1", "Minister besucht Krankenhäuser", "Gespräche."))))
    return wire


def _found(text: str) -> set[str]:
    return set(items_matching(WireItem.objects.all(), text).values_list("guid", flat=True))


def test_words_are_found_by_their_stem_in_title_lead_and_text(desk):
    assert _found("здравоохранения") == {"ru-1"}  # the text says "здравоохранение"
    assert _found("казахстан") == {"ru-1"}  # "в Казахстане", lower case typed
    assert _found("hospital") == {"en-1"}  # "hospitals"
    assert _found("HEALTHCARE reform") == {"en-1"}  # every word must match, any case
    assert _found("healthcare мост") == set()
    assert _found("министр") == {"ru-1", "kk-1"}  # "министрі" in Kazakh
    assert _found("krankenhäuser") == {"de-1"}  # another language's words, as written
    assert _found("мосту") == {"ru-2"} and _found("мос") == set()  # whole terms, not their beginnings


def test_latin_kazakh_finds_cyrillic_items(desk):
    assert _found("densaulyq") == {"kk-1"}
    assert _found("ауруханалар") == {"kk-1"}
    assert _found("аурухана") == {"kk-1"}


def test_the_ministers_of_two_wires_and_a_newer_version(desk):
    newer = _feed("ru", ("ru-2", "В Астане открылся новый мост", "Движение по мосту открыто с вечера."))
    assert items_store(wire=desk, parsed=parse(newer)).updated == 1
    assert _found("вечера") == {"ru-2"}  # the newest version's words
    assert _found("утра") == set()  # and no longer the old one's


@pytest.mark.parametrize(
    "text",
    ["", "   ", "и в на", '"', "*", "NEAR(a b)", "a AND b OR NOT c", "(((", "-", ":", "'; DROP TABLE x; --",
     "мост\x00", "\udcff", "a" * 10_000, "мост " * 2000],
)  # fmt: skip
def test_hostile_queries_find_nothing_or_what_they_say(desk, text):
    found = _found(text)
    assert found <= {"ru-2"}  # only the bridge, for the queries that name it
