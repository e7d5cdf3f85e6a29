"""Text as search sees it: the words of a story or a query, each reduced to a term.

One analysis for every engine, so a query finds the same stories on SQLite and on
PostgreSQL: both store and match the terms made here (PostgreSQL through its `simple`
configuration, which only lower-cases what is already lower case).

A word is folded (Unicode NFC, Latin look-alikes inside Cyrillic words made Cyrillic as
the newsroom does, case, ё as е), dropped when it is a stop word of its language, and
stemmed: Russian and English by their Snowball stemmers (PyStemmer), Kazakh by our own
suffix tables (kazakh.py). Latin words in a Russian or Kazakh story are English to the
stemmer, Cyrillic words in an English one Russian. Kazakh terms then fold the letters
people often type without (ә as а, қ as к, і as и…), so "казакстан" finds "Қазақстан".

The Russian Snowball stemmer reads the "-ан" of names as a verb's ending and the "-ев" of
surnames as a plural's: "Казахстан" gives "казахста" but "Казахстане" "казахстан",
"Токаев" "тока" but "Токаева" "токаев". Such a word gives both terms (`_RESTORED`): a
story holds both, and a query accepts either, so every form finds every other.
"""

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import Stemmer

from newsdesk.editions.ascii import normalize
from newsdesk.editions.latin import CYRILLIC_LETTERS, cyrillic_readings
from newsdesk.search import kazakh
from newsdesk.search.stopwords import STOP_WORDS

# Letters and digits; "_" is a word character to Python but not to the engines' parsers.
WORD = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(f"[{CYRILLIC_LETTERS}]")
_LATIN = re.compile(r"[a-zäğıñöşūüç]")
# Longer "words" are not words (a pasted hash, a 10,000-letter query): never terms.
LONGEST_WORD = 40
# A query's terms beyond these are ignored: no reader types more, and each costs the engine.
MOST_QUERY_TERMS = 12
_KAZAKH_FOLD = str.maketrans("әғқңөұүһі", "агкноуухи")
_STEMMERS = {name: Stemmer.Stemmer(name) for name in ("english", "russian")}


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def _russian(word: str) -> tuple[str, ...]:
    stem = _STEMMERS["russian"].stemWord(word)
    cut = word[len(stem) :] if word.startswith(stem) else ""
    if stem[-1:] in ("а", "я") and cut.startswith("н"):
        return stem, stem + "н"  # Казахстан(а): not a verb's "-н", "-на"
    if cut in ("ов", "ев"):
        return stem, word  # Токаев: a surname, or a plural (регионов) that keeps "регион" too
    return (stem,)


@functools.lru_cache(maxsize=200_000)
def word_terms(word: str, language: str) -> tuple[str, ...]:
    """The terms of one folded `word` in a text of `language`: one, two for a word the
    stemmer reads two ways, none for a stop word."""
    if len(word) > LONGEST_WORD or (len(word) == 1 and not word.isdigit()):
        return ()
    if _CYRILLIC.search(word):
        if word in STOP_WORDS["kk" if language == "kk" else "ru"]:
            return ()
        if language == "kk":
            return (kazakh.stem(word).translate(_KAZAKH_FOLD),)
        return _russian(word)
    if _LATIN.search(word):
        if word in STOP_WORDS["en"]:
            return ()
        return (_STEMMERS["english"].stemWord(word),)
    return (word,)  # digits, and scripts no stemmer knows


def written_terms(written: str, language: str) -> tuple[str, ...]:
    """The terms of one word as written: word_terms of its folded form, except that a stop
    word written in capitals is a name ("WHO", "US", "IT" as the newsroom writes them), kept
    whole."""
    word = fold(written)
    found = word_terms(word, language)
    if found or len(written) < 2 or not written.isupper() or len(word) > LONGEST_WORD:
        return found
    return (word.translate(_KAZAKH_FOLD) if language == "kk" else word,)


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of `text` (already normalised), with where each stands."""
    return WORD.finditer(text)


def terms(text: str, language: str) -> list[str]:
    """The terms of a story's field, in order, stop words left out."""
    return [t for match in words(normalize(text)) for t in written_terms(match.group(), language)]


def document(text: str, language: str) -> str:
    """A field as the index stores it: its terms, separated by spaces."""
    return " ".join(terms(text, language))


@dataclass(frozen=True)
class Query:
    """A reader's query as terms: every group must match, any term of a group will do (a
    Latin Kazakh word and its Cyrillic readings form one group)."""

    groups: tuple[frozenset[str], ...]
    had_words: bool  # False: nothing was typed, or no letter; True with no groups: only stop words

    @property
    def terms(self) -> frozenset[str]:
        return frozenset().union(*self.groups)

    def __bool__(self) -> bool:
        return bool(self.groups)


def query(text: str, language: str) -> Query:
    """What a reader typed, as terms of `language` (an article language: en, ru or kk)."""
    groups: list[frozenset[str]] = []
    had_words = False
    for match in words(normalize(text)):
        had_words = True
        written = match.group()
        readings = [written]
        if language == "kk" and _LATIN.search(fold(written)) and not _CYRILLIC.search(fold(written)):
            readings += cyrillic_readings(written)
        found = [written_terms(reading, language) for reading in readings]
        if not all(found):  # a stop word, in one of its readings at least, or no word
            continue
        group = frozenset().union(*found)
        if group not in groups:
            groups.append(group)
        if len(groups) == MOST_QUERY_TERMS:
            break
    return Query(groups=tuple(groups), had_words=had_words)
