"""Kazakh in the Latin alphabet of 2021, made from Kazakh in Cyrillic.

The letters are data, in one table, with their lower, title and upper forms written
out: Python's `str.upper()` and `str.lower()` turn the Kazakh ı into I and İ into i̇,
so Latin output is never passed through them. A letter that becomes two (Ч → Tş)
is written in capitals inside a word in capitals (ЧАЙ → TŞAİ) and in title case
elsewhere (Чай → Tşai). Ё, Ю and Я begin with the dotted i of й (йо, йу, йа), so their
capital is İ (Якаб → İakab), never I, which is the capital of ı (і).
"""

import re
import unicodedata
from html import escape

# Cyrillic lower case → (lower, title, upper) in Latin.
LETTERS: dict[str, tuple[str, str, str]] = {
    "а": ("a", "A", "A"),
    "ә": ("ä", "Ä", "Ä"),
    "б": ("b", "B", "B"),
    "в": ("v", "V", "V"),
    "г": ("g", "G", "G"),
    "ғ": ("ğ", "Ğ", "Ğ"),
    "д": ("d", "D", "D"),
    "е": ("e", "E", "E"),
    "ё": ("io", "İo", "İO"),
    "ж": ("j", "J", "J"),
    "з": ("z", "Z", "Z"),
    "и": ("i", "İ", "İ"),
    "й": ("i", "İ", "İ"),
    "к": ("k", "K", "K"),
    "қ": ("q", "Q", "Q"),
    "л": ("l", "L", "L"),
    "м": ("m", "M", "M"),
    "н": ("n", "N", "N"),
    "ң": ("ñ", "Ñ", "Ñ"),
    "о": ("o", "O", "O"),
    "ө": ("ö", "Ö", "Ö"),
    "п": ("p", "P", "P"),
    "р": ("r", "R", "R"),
    "с": ("s", "S", "S"),
    "т": ("t", "T", "T"),
    "у": ("u", "U", "U"),
    "ұ": ("ū", "Ū", "Ū"),
    "ү": ("ü", "Ü", "Ü"),
    "ф": ("f", "F", "F"),
    "х": ("h", "H", "H"),
    "һ": ("h", "H", "H"),
    "ц": ("ts", "Ts", "TS"),
    "ч": ("tş", "Tş", "TŞ"),
    "ш": ("ş", "Ş", "Ş"),
    "щ": ("şş", "Şş", "ŞŞ"),
    "ъ": ("", "", ""),
    "ы": ("y", "Y", "Y"),
    "і": ("ı", "I", "I"),
    "ь": ("", "", ""),
    "э": ("e", "E", "E"),
    "ю": ("iu", "İu", "İU"),
    "я": ("ia", "İa", "İA"),
}
# Cyrillic case is plain Unicode (unlike the Latin ı/İ above).
CYRILLIC_UPPER: dict[str, str] = {lower: lower.upper() for lower in LETTERS}
# Latin case pairs of the 2021 alphabet, for editors' corrections typed in lower case.
LATIN_UPPER: dict[str, str] = {
    "a": "A", "ä": "Ä", "b": "B", "d": "D", "e": "E", "f": "F", "g": "G", "ğ": "Ğ", "h": "H", "i": "İ",
    "ı": "I", "j": "J", "k": "K", "l": "L", "m": "M", "n": "N", "ñ": "Ñ", "o": "O", "ö": "Ö", "p": "P",
    "q": "Q", "r": "R", "s": "S", "ş": "Ş", "t": "T", "u": "U", "ū": "Ū", "ü": "Ü", "v": "V", "w": "W",
    "x": "X", "y": "Y", "z": "Z",
}  # fmt: skip

_TABLE = str.maketrans(
    {**{lower: forms[0] for lower, forms in LETTERS.items()}, **{CYRILLIC_UPPER[c]: f[1] for c, f in LETTERS.items()}}
)
_MULTI_UPPER = {CYRILLIC_UPPER[c]: forms for c, forms in LETTERS.items() if len(forms[0]) > 1}
_MULTI_UPPER_RE = re.compile(f"[{''.join(_MULTI_UPPER)}]")
_UPPER_LETTERS = frozenset(CYRILLIC_UPPER.values()) | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
# Every letter of Russian and Kazakh Cyrillic, for character classes.
CYRILLIC_LETTERS = "А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
CYRILLIC_WORD = re.compile(f"[{CYRILLIC_LETTERS}]+")


def _multi(match: re.Match) -> str:
    """A capital that becomes two letters: all capitals inside a capitalised word."""
    text, at = match.string, match.start()
    forms = _MULTI_UPPER[match.group()]
    before = text[at - 1] if at > 0 else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    return forms[2] if before in _UPPER_LETTERS or after in _UPPER_LETTERS else forms[1]


def to_latin(text: str, corrections: dict[str, str] | None = None) -> str:
    """Kazakh Cyrillic `text` in the 2021 Latin alphabet; other characters are kept.

    `corrections` maps lower-case Cyrillic words to the Latin an editor chose for them.
    """
    if not text:
        return text
    if corrections:
        text = CYRILLIC_WORD.sub(lambda m: _corrected(m.group(), corrections), text)
    return _MULTI_UPPER_RE.sub(_multi, text).translate(_TABLE)


def _corrected(word: str, corrections: dict[str, str]) -> str:
    latin = corrections.get(word.lower())
    if latin is None:
        return word
    if all(ch in _UPPER_LETTERS for ch in word) and len(word) > 1:
        return latin_upper(latin)
    if word[0] in _UPPER_LETTERS:
        return latin_upper(latin[0]) + latin[1:]
    return latin


LATIN_LOWER: dict[str, str] = {upper: lower for lower, upper in LATIN_UPPER.items()}


def latin_upper(text: str) -> str:
    """Upper case by the Kazakh Latin alphabet (ı is I, i is İ); letters outside it (the c of
    an editor's "celeste") as Unicode has them."""
    return "".join(LATIN_UPPER.get(ch) or ch.upper() for ch in text)


def latin_lower(text: str) -> str:
    """Lower case by the Kazakh Latin alphabet (I is ı, İ is i), other letters as Unicode has them."""
    return "".join(LATIN_LOWER.get(ch) or ch.lower() for ch in text)


def is_latin_word(text: str) -> bool:
    """Letters of the Latin script, with hyphens and apostrophes inside: a spelling of a word
    or a name, and nothing that markup could be made of."""
    if not text or not text[0].isalpha() or not text[-1].isalpha():
        return False
    return all(ch in "-'’" or (ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN ")) for ch in text)


def html_to_latin(html: str, corrections: dict[str, str] | None = None) -> str:
    """`to_latin` for sanitised body HTML: text and alt texts, never tags or addresses.

    The editors' spellings go in as text: escaped, so that one stored before spellings were
    checked (models.validate_latin_spelling) cannot become markup or leave an attribute."""
    if corrections:
        corrections = {word: escape(latin, quote=True) for word, latin in corrections.items()}
    parts = re.split(r"(<[^>]*>)", html)
    for index, part in enumerate(parts):
        if part.startswith("<"):
            parts[index] = re.sub(r'(alt=")([^"]*)(")', lambda m: m[1] + to_latin(m[2], corrections) + m[3], part)
        else:
            parts[index] = to_latin(part, corrections)
    return "".join(parts)


# What a reader types in Latin Kazakh, read back as Cyrillic: the 2021 letters, and the
# plain-keyboard spellings people use for them. A spelling with two readings (s·h in
# асхана or ш; t·s in айтса or ц) gives both.
_READINGS: dict[str, tuple[str, ...]] = {
    "a": ("а",), "ä": ("ә",), "b": ("б",), "v": ("в",), "g": ("г",), "ğ": ("ғ",), "d": ("д",),
    "e": ("е",), "j": ("ж",), "z": ("з",), "i": ("и",), "ı": ("і",), "k": ("к",), "q": ("қ",),
    "l": ("л",), "m": ("м",), "n": ("н",), "ñ": ("ң",), "o": ("о",), "ö": ("ө",), "p": ("п",),
    "r": ("р",), "s": ("с",), "t": ("т",), "u": ("у",), "ū": ("ұ",), "ü": ("ү",), "f": ("ф",),
    "h": ("х", "һ"), "y": ("ы",), "w": ("у",), "c": ("с",), "x": ("кс",),
    "ş": ("ш",), "şş": ("щ",), "tş": ("ч",), "ia": ("я",), "iu": ("ю",),
    "sh": ("ш", "сх"), "ch": ("ч",), "ts": ("тс", "ц"), "zh": ("ж",), "gh": ("ғ",),
}  # fmt: skip
_LONGEST_READING = max(map(len, _READINGS))
_MAX_READINGS = 4


def cyrillic_readings(word: str) -> list[str]:
    """The Cyrillic words a Latin Kazakh `word` may stand for, the likeliest first, at most
    four: `densaulyq` → [денсаулық]; `ashana` → [ашана, асхана]. Letters outside the
    alphabet are kept as they are."""
    readings = [""]
    at, word = 0, latin_lower(word)
    while at < len(word):
        for size in range(min(_LONGEST_READING, len(word) - at), 0, -1):
            options = _READINGS.get(word[at : at + size])
            if options is not None:
                break
        else:
            size, options = 1, (word[at],)
        readings = [reading + option for reading in readings for option in options][:_MAX_READINGS]
        at += size
    return readings
