"""What search makes of words: stems, folding, stop words, Latin Kazakh read as Cyrillic."""

import pytest

from newsdesk.search.analysis import LONGEST_WORD, MOST_QUERY_TERMS, query, terms


def found_by(query_word: str, story_word: str, language: str) -> bool:
    """Whether a search for `query_word` finds a story holding `story_word`."""
    return all(not group.isdisjoint(terms(story_word, language)) for group in query(query_word, language).groups)


@pytest.mark.parametrize(
    ("forms", "language"),
    [
        (["здравоохранение", "здравоохранения", "здравоохранению", "здравоохранением"], "ru"),
        (["Казахстан", "Казахстана", "Казахстане", "казахстаном", "КАЗАХСТАНУ"], "ru"),
        (["Токаев", "Токаева", "Токаеву", "Токаевым", "Токаеве"], "ru"),
        (["Иран", "Ирана", "Иране", "Ираном"], "ru"),
        (["регион", "региона", "регионов", "регионы"], "ru"),
        (["сотрудничество", "сотрудничества", "сотрудничеству"], "ru"),
        (["ёлка", "елка", "Ёлки"], "ru"),
        (["cooperation", "Cooperation", "COOPERATION"], "en"),
        (["strengthen", "strengthens", "strengthened", "strengthening"], "en"),
        (["organization", "organizations"], "en"),
    ],
)
def test_every_form_of_a_word_finds_every_other(forms, language):
    for asked in forms:
        for written in forms:
            assert found_by(asked, written, language), (asked, written)


def test_different_words_stay_apart():
    assert not found_by("выборы", "выбросы", "ru")
    assert not found_by("health", "wealth", "en")


def test_latin_look_alikes_inside_cyrillic_words_are_folded():
    # "Казахстaн" with a Latin a, typed or pasted from a PDF.
    assert terms("Казахстaн", "ru") == terms("Казахстан", "ru")
    assert terms("бiлiм", "kk") == terms("білім", "kk")


def test_kazakh_letters_typed_without_their_marks_still_match():
    assert terms("Қазақстан", "kk") == terms("Казакстан", "kk")
    assert terms("денсаулық", "kk") == terms("денсаулык", "kk")


def test_stop_words_are_no_terms():
    assert terms("the and of", "en") == []
    assert terms("и в на", "ru") == []
    assert terms("және мен", "kk") == []
    found = query("the of", "en")
    assert not found and found.had_words


def test_a_query_without_letters_or_digits_has_no_words():
    for text in ["", "   ", "!!! ??? ***", "\u200b", "\ufffd\ufffd"]:
        found = query(text, "en")
        assert not found and not found.had_words, text


@pytest.mark.parametrize(
    "text",
    [
        '"quoted phrase"',
        "word*",
        "health NEAR cooperation",
        "health AND (cooperation OR NOT) -minus title:who",
        "'; DROP TABLE content_article; --",
        "a\x00b",
        "health^2 {near} [x] ~fuzzy",
    ],
)
def test_engine_syntax_is_only_words(text):
    """Terms are letters and digits: nothing a reader types reaches an engine as syntax."""
    for group in query(text, "en").groups:
        for found in group:
            assert found.isalnum(), found


def test_overlong_words_and_queries_are_cut():
    assert terms("x" * (LONGEST_WORD + 1), "en") == []
    many = " ".join(f"word{n}" for n in range(100))
    assert len(query(many, "en").groups) == MOST_QUERY_TERMS


def test_latin_kazakh_is_read_as_cyrillic():
    found = query("densaulyq", "kk")
    assert terms("денсаулық", "kk")[0] in found.terms
    # İ and I are the capitals of i and ı (и and і), as the 2021 alphabet writes them.
    assert found_by("İran", "Иран", "kk")
    assert found_by("bılım", "білім", "kk")
    assert found_by("Qazaqstan", "Қазақстан", "kk")


def test_latin_words_keep_their_own_reading_too():
    """A Latin word in a Kazakh query may be an English name the story writes in Latin."""
    found = query("COVID", "kk")
    assert len(found.groups) == 1
    assert terms("COVID", "kk")[0] in found.groups[0]


def test_a_latin_stop_word_is_dropped_whole():
    found = query("densaulyq jäne bılım", "kk")
    assert len(found.groups) == 2


def test_a_stop_word_in_capitals_is_a_name():
    assert terms("WHO praises the nurses who stayed", "en") == ["who", "prais", "nurs", "stay"]
    assert found_by("WHO", "WHO", "en") and not query("who", "en")
    assert terms("US and IT", "en") == ["us", "it"]
    assert terms("А", "ru") == []  # one letter is not a name
