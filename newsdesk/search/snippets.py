"""What a result shows of a story: its title and a passage, the query's words marked.

A word is marked when its term is one of the query's (so "здравоохранения" is marked for
a search of "здравоохранение"). Everything is escaped piece by piece, and only our own
`<mark>` is markup; in the Latin edition each piece is transliterated first.
"""

import re
from collections.abc import Callable

from markupsafe import Markup, escape

from newsdesk.editions.ascii import normalize
from newsdesk.search.analysis import words, written_terms

SNIPPET_WORDS = 32
# Words shown before the first marked one, so the passage reads as a sentence.
_LEAD_IN = 8
_SPACES = re.compile(r"\s+")


def _pieces(text: str, *, language: str, terms: frozenset[str]) -> list[tuple[int, int, bool]]:
    return [(m.start(), m.end(), not terms.isdisjoint(written_terms(m.group(), language))) for m in words(text)]


def _render(text: str, pieces: list[tuple[int, int, bool]], script: Callable[[str], str]) -> Markup:
    out, at = [], 0
    for start, end, marked in pieces:
        if marked:
            out.append(escape(script(text[at:start])))
            out.append(Markup("<mark>{}</mark>").format(script(text[start:end])))
            at = end
    out.append(escape(script(text[at:])))
    return Markup("").join(out)


def highlighted(text: str, *, language: str, terms: frozenset[str], script: Callable[[str], str]) -> Markup:
    """All of `text` (a title), the query's words marked."""
    text = normalize(text)
    return _render(text, _pieces(text, language=language, terms=terms), script)


def snippet(text: str, *, language: str, terms: frozenset[str], script: Callable[[str], str]) -> Markup | None:
    """The passage of `text` (a lead or a body as plain text) with the most of the query's
    words, about SNIPPET_WORDS words long; None when none of them is in it."""
    text = _SPACES.sub(" ", normalize(text)).strip()
    pieces = _pieces(text, language=language, terms=terms)
    marked = [index for index, piece in enumerate(pieces) if piece[2]]
    if not marked:
        return None
    best = max(marked, key=lambda first: sum(1 for i in marked if first <= i < first + SNIPPET_WORDS - _LEAD_IN))
    first = max(0, best - _LEAD_IN)
    last = min(len(pieces), first + SNIPPET_WORDS) - 1
    start = 0 if first == 0 else pieces[first][0]
    end = len(text) if last == len(pieces) - 1 else pieces[last][1]
    window = [(s - start, e - start, m) for s, e, m in pieces[first : last + 1]]
    passage = _render(text[start:end], window, script)
    return Markup("{}{}{}").format("… " if start else "", passage, " …" if end < len(text) else "")
