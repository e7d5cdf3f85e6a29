"""What the language walk reads on a back-office page, and what counts as English left.

A page's visible text is its text nodes (not scripts, styles or the text of a textarea,
which is the story itself) and the attributes a person sees or hears: title, placeholder,
aria-label, alt, and the value of a button. English left is then either

- a fragment that is, as a whole, an English interface string: a msgid of Django's
  catalogues or of ours ("Save", "History", "Show counts"), or
- a fragment with two or more common English words ("You are 5 hours ahead of server").

User content is not English left: the walk's data is written in Russian and Kazakh, and
addresses, e-mail addresses and numbers are taken out first. What remains legitimately
English is in ALLOWED, each with its reason.
"""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import django
import polib

ROOT = Path(__file__).resolve().parent.parent.parent / "newsdesk"
DJANGO = Path(django.__file__).parent

# Text that is English on purpose, with why.
ALLOWED: dict[str, str] = {
    "English": "the language chooser names every language in itself",
    "ID": "an identifier's abbreviation, the same in Russian and Kazakh back offices",
    "URL": "the technical term editors use as is",
    "JSON": "a format's name",
    "OK": "the browser's own button word",
    "Telegram": "a product's name",
    "Newsdesk": "the product's name",
    "TOTP": "a standard's name",
    "RSS": "a format's name",
    "Atom": "a format's name",
    "API": "a technical term",
    "HTML": "a format's name",
    "WebP": "a format's name",
    "JPEG": "a format's name",
    "PNG": "a format's name",
    "Standard Webhooks": "a specification's name",
    "Markdown": "a format's name",
}

# Common English words that Russian and Kazakh (Latin too) interfaces never show.
ENGLISH_WORDS = frozenset(
    """the and you your this that with for from are was were has have not add change view
    select save delete filter search show hide all none yes any of to by or in
    its there here which what when who will would can may must should please enter choose
    selected available remove edit new another more less than page pages items item object
    objects history password user users log out sign time date today now hours hour server
    note ahead behind skip main content toggle theme counts start typing navigation clear
    filters results result found loading characters normal heading""".split()  # noqa: SIM905  (a word list reads best as text)
)

_NOT_SHOWN = {"script", "style", "template", "textarea"}
_SHOWN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
_URL = re.compile(
    r"(?:https?://|/)[^\s\"'<>]*|[\w.+-]+@[\w-]+\.[\w.-]+|\b[\w-]+\.(?:kz|com|org|ru|net)\b|[\w./-]+\.(?:jpe?g|png|webp|m3u8)\b"
)
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fragments: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in _SHOWN_ATTRIBUTES:
            if values.get(name):
                self.fragments.append(values[name] or "")
        if tag == "input" and values.get("type") in ("submit", "button", "reset") and values.get("value"):
            self.fragments.append(values["value"] or "")
        if tag in _NOT_SHOWN:
            self._skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _NOT_SHOWN and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping and data.strip():
            self.fragments.append(data)


def visible_text(html: str) -> list[str]:
    parser = _Visible()
    parser.feed(html)
    return [" ".join(fragment.split()) for fragment in parser.fragments]


@cache
def english_strings() -> frozenset[str]:
    """Every interface string the back office could show in English: the msgids."""
    catalogues = [*DJANGO.glob("conf/locale/en/LC_MESSAGES/*.po"), *DJANGO.glob("contrib/*/locale/en/LC_MESSAGES/*.po")]
    catalogues += [ROOT / "locale" / "ru" / "LC_MESSAGES" / "django.po"]
    found = set()
    for path in catalogues:
        for entry in polib.pofile(str(path)):
            for msgid in (entry.msgid, entry.msgid_plural):
                if "%" not in msgid and "{" not in msgid and len(_WORD.findall(msgid)) >= 1:
                    found.add(_normal(msgid))
    return frozenset(found - {""})


def _normal(text: str) -> str:
    return text.strip().strip(":.…?!()-–—").strip().casefold()


def english_left(fragments: list[str]) -> list[str]:
    """The fragments that are English left, by the rules above."""
    strings = english_strings()
    allowed = {_normal(text) for text in ALLOWED}
    left = []
    for fragment in fragments:
        text = _URL.sub(" ", fragment)
        normal = _normal(text)
        if not _WORD.search(text) or normal in allowed:
            continue
        words = [word.casefold() for word in _WORD.findall(text)]
        common = {word for word in words if word in ENGLISH_WORDS}
        if (normal in strings and len(normal) > 1) or len(common) >= 2:
            left.append(fragment)
    return left
