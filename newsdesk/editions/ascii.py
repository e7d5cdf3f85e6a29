"""Cyrillic to plain ASCII for addresses, and text normalised for search.

One scheme for Russian and Kazakh slugs (so "Тоқаев" and "Токаев" give one slug):
readable, lower case, never percent-encoded Cyrillic.
"""

import re
import unicodedata

from django.utils.text import slugify

from newsdesk.editions.latin import CYRILLIC_LETTERS

# Russian letters as in passports' transliteration (ICAO), Kazakh ones by their closest sound.
ASCII: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "iu", "я": "ia",
    "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}  # fmt: skip
_ASCII_TABLE = str.maketrans({**ASCII, **{k.upper(): v for k, v in ASCII.items()}})


def ascii_slug(text: str, max_length: int = 120) -> str:
    """`Қазақстан мен ДДҰ` → `qazaqstan-men-ddu`; Latin text is slugified as usual."""
    slug = slugify(normalize(text).translate(_ASCII_TABLE))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug.strip("-")


# Latin letters typed for their Cyrillic twins inside Cyrillic words (keyboard mix-ups,
# copy-paste from PDFs), and the Kazakh letters people type with what they have.
_LOOKALIKES = str.maketrans(
    {
        "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "k": "к", "m": "м", "t": "т",
        "h": "һ", "i": "і", "A": "А", "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О", "P": "Р",
        "C": "С", "T": "Т", "X": "Х", "Y": "У", "I": "І",
        "ə": "ә", "Ə": "Ә", "ɵ": "ө", "Ɵ": "Ө",
    }
)  # fmt: skip
_MIXED_WORD = re.compile(rf"\b(?=\w*[{CYRILLIC_LETTERS}])(?=\w*[A-Za-zəƏɵƟ])\w+\b")
_CYRILLIC = re.compile(f"[{CYRILLIC_LETTERS}]")


def normalize(text: str) -> str:
    """NFC, and in words that are mostly Cyrillic, Latin look-alikes made Cyrillic.

    "Қазақстaн" (with a Latin a) becomes "Қазақстан"; "бiлiм" (Latin i) "білім"; "Əлем" "Әлем".
    Words entirely in Latin ("Google", "COVID") are left as they are.
    """
    text = unicodedata.normalize("NFC", text)
    return _MIXED_WORD.sub(lambda m: _to_cyrillic(m.group()), text)


def _to_cyrillic(word: str) -> str:
    cyrillic = len(_CYRILLIC.findall(word))
    return word.translate(_LOOKALIKES) if cyrillic * 2 >= len(word) - sum(c.isdigit() for c in word) else word
