"""A light Kazakh stemmer: endings stripped by the tables of kazakh_suffixes.py.

One lower-cased word in, its stem out. From the end of the word, at most one ending of each
slot, in the order they stand: a person ending (predicative), a case, a possessive, a plural,
then a participle or, on a word that has no other ending, a converb. Longest ending first, and
only where what precedes it fits its row, keeps vowel harmony, and leaves a stem of at least
two letters with a vowel (three when it ends in a vowel).

Conservative: a wrong cut merges unrelated words, a missed one only loses a form. So the
endings that need a possessive before them ("-н", "-на", "-нда", "-нан", "-ндағы", and "-а/-е")
are cut only when that possessive is there to cut too, and a protected word is never cut into.

Readers type without the Kazakh letters ("казакстаннын" for "қазақстанның"), and a query
must meet the story's terms: every decision is taken on the folded word (ң as н, і as и…),
so a word and its folding always lose the same letters.
"""

import functools
from collections.abc import Iterable
from typing import NamedTuple

from newsdesk.search import kazakh_suffixes as data

_FOLD = str.maketrans(data.FOLD_FROM, data.FOLD_TO)


def fold(text: str) -> str:
    """`text` with the Kazakh letters as people type them without their marks."""
    return text.translate(_FOLD)


class _Ending(NamedTuple):
    text: str  # folded
    after: tuple[str, ...]  # folded
    not_participle: bool
    needs: str
    person: str
    harmony: str  # "back", "front", or "" for an ending with one spelling


def _compile(rows: Iterable[data.Row]) -> tuple[_Ending, ...]:
    endings = []
    for row in rows:
        spellings = row.suffixes.split()
        for spelling in spellings:
            text = fold(spelling)
            harmony = "" if len(spellings) == 1 else "front" if {"е", "и"} & set(text) else "back"
            after = tuple(fold(ending) for ending in row.after)
            endings.append(_Ending(text, after, row.not_participle, row.needs, row.person, harmony))
    return tuple(sorted(endings, key=lambda ending: -len(ending.text)))  # longest first


_PREDICATIVES = _compile(data.PREDICATIVES)
_CASES = _compile(data.CASES)
_POSSESSIVES = _compile(data.POSSESSIVES)
_PLURALS = _compile(data.PLURALS)
_PARTICIPLES = _compile(data.PARTICIPLES)
_VERBAL = _compile((*data.PARTICIPLES, *data.CONVERBS))
_VOWELS = frozenset(fold("".join(data.VOWELS)))
_SHORT_STEMS = frozenset(fold(stem) for stem in data.SHORT_STEMS)
# The folded vowels whose harmony is certain: а may be ә, о ө, у ұ or ү, и і or и, and
# е ends Russian surnames of either (Тоқаевтың, Әлиевке).
_CERTAIN = {"ы": "back", "я": "back"}
_PROTECTED = frozenset(fold(word) for word in data.PROTECTED)
_DROPPED_VOWEL = {fold(key): stem for key, stem in data.DROPPED_VOWEL.items()}


def _harmony(rest: str) -> str:
    """Whether `rest`'s last vowel is surely back or front ("" when it may be either)."""
    vowel = next((letter for letter in reversed(rest) if letter in _VOWELS), "")
    return _CERTAIN.get(vowel, "")


def _stem_ok(rest: str) -> bool:
    if len(rest) < 2 or not _VOWELS.intersection(rest):
        return False
    return len(rest) >= 3 or rest[-1] not in _VOWELS or rest in _SHORT_STEMS


def _cut(word: str, endings: tuple[_Ending, ...], floor: int, persons: str = "") -> _Ending | None:
    """The longest of `endings` (of `persons`, if given) that `word` may lose, if any.

    `floor`: the letters that must stay, a protected word `word` begins with.
    """
    for ending in endings:
        if not word.endswith(ending.text) or (persons and ending.person not in persons.split()):
            continue
        rest = word[: -len(ending.text)]
        if len(rest) < floor or not _stem_ok(rest):
            continue
        if ending.after and len(rest) > floor and not rest.rstrip("ьъ").endswith(ending.after):  # медаль: л
            continue
        if ending.not_participle and _cut(rest + ending.text[0], _PARTICIPLES, floor):
            continue
        if ending.harmony and _harmony(rest) not in ("", ending.harmony):
            continue
        if ending.needs:  # only after a possessive of that person, in the same harmony
            possessive = _cut(rest, _POSSESSIVES, floor, ending.needs)
            if possessive is None or {possessive.harmony, ending.harmony} == {"back", "front"}:
                continue
        return ending
    return None


def _strip(rest: str, endings: tuple[_Ending, ...], floor: int, persons: str = "") -> tuple[str, _Ending | None]:
    ending = _cut(rest, endings, floor, persons)
    return (rest, None) if ending is None else (rest[: -len(ending.text)], ending)


@functools.lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The stem of one lower-cased Kazakh word (ё already as е)."""
    folded = fold(word)
    floor = next((n for n in range(len(folded), 1, -1) if folded[:n] in _PROTECTED), 0)
    if floor == len(folded):
        return word
    rest, _ = _strip(folded, _PREDICATIVES, floor)
    rest, case = _strip(rest, _CASES, floor)
    # A case that needs a possessive names its person; 1sg and 2sg come only so.
    rest, _ = _strip(rest, _POSSESSIVES, floor, case.needs if case and case.needs else "3 pl")
    rest, _ = _strip(rest, _PLURALS, floor)
    # A stem's own final "-ы/-і", "-сы/-сі" reads as the 3rd person's, whatever follows it:
    # "басшы", "басшының", "басшылар" give one stem.
    rest, _ = _strip(rest, _POSSESSIVES, floor, "3")
    rest, _ = _strip(rest, _PARTICIPLES if rest != folded else _VERBAL, floor)
    result = word[: len(rest)]
    if result[-1] in data.VOICING:
        result = result[:-1] + data.VOICING[result[-1]]
    if fold(result) in _DROPPED_VOWEL:
        written = _DROPPED_VOWEL[fold(result)]
        result = written if word != folded else fold(written)
    return result
