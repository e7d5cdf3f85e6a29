"""What changed between two revisions: the title, lead and body paragraph by paragraph,
changed words marked, and the section, tags, photo, bylines and source before and after.

The text compared is what a reader sees: the body's markup is dropped, its paragraphs
kept, and every word is escaped here, so a revision's `<script>` shows as text. Words are
compared, not characters: a word is a run of letters and digits in any script (parts
joined by a hyphen or an apostrophe, numbers by a decimal point: "Ust-Kamenogorsk",
"34,5"), and each punctuation mark is a token of its own, shown against its word, so
"said." becoming "said on Friday." marks "on Friday" alone.
"""

import html
import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import groupby

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from newsdesk.content.models import Byline
from newsdesk.content.text import body_plain_text, clean_plain_text, sanitize_body
from newsdesk.newsroom.models import Revision
from newsdesk.newsroom.snapshots import Credit, Named, Snapshot, snapshot_read

# A word, with what joins its parts (a hyphen, an apostrophe; between digits a decimal
# point or comma, the colon of 10:30, the slash of 24/7), or any other character but space.
_TOKEN = re.compile(r"(\s*)(\w+(?:[-'\u2019]\w+|(?<=\d)[.,:/]\d+)*|[^\w\s])")
# Paired with an older paragraph, a newer one must share at least this part of its words.
SIMILAR = 0.5
# Beyond this many pairs of paragraphs to weigh, rewritten paragraphs are paired in order.
PAIRS_WEIGHED = 10_000
# Runs of unchanged paragraphs at least this long are folded away on the screen.
FOLD_FROM = 3


@dataclass(frozen=True)
class Token:
    text: str
    spaced: bool  # a space before it


def tokens(text: str) -> list[Token]:
    """`text` as words and punctuation marks, each knowing whether a space comes before it."""
    return [Token(word, bool(space)) for space, word in _TOKEN.findall(clean_plain_text(text))]


def _written(run: Sequence[Token], *, first: bool) -> str:
    return "".join(
        (" " if token.spaced and (index or not first) else "") + html.escape(token.text)
        for index, token in enumerate(run)
    )


def _marked(run: Sequence[Token], tag: str, *, first: bool) -> str:
    """A changed run in <del> or <ins>, the space before it outside the mark."""
    space = " " if run[0].spaced and not first else ""
    return f"{space}<{tag}>{_written(run, first=True)}</{tag}>"


def marked_words(before: str, after: str) -> tuple[SafeString, SafeString]:
    """Both texts escaped, the words only the older has in <del>, those only the newer has in <ins>."""
    old, new = tokens(before), tokens(after)
    # A space differing before a word is a change too ("Astana,Almaty" → "Astana, Almaty").
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    left: list[str] = []
    right: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append(_written(old[i1:i2], first=not left))
            right.append(_written(new[j1:j2], first=not right))
            continue
        if i2 > i1:
            left.append(_marked(old[i1:i2], "del", first=not left))
        if j2 > j1:
            right.append(_marked(new[j1:j2], "ins", first=not right))
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308  # every word escaped above


@dataclass(frozen=True)
class Row:
    """A paragraph in both revisions, or in one (None: not in the other)."""

    before: SafeString | None
    after: SafeString | None
    changed: bool


@dataclass(frozen=True)
class Block:
    rows: list[Row]
    folded: bool  # a long run of unchanged paragraphs, shown on request


@dataclass(frozen=True)
class TextDiff:
    label: str
    blocks: list[Block]
    changed: bool


def _same(paragraph: str) -> Row:
    shown = mark_safe(html.escape(paragraph))  # noqa: S308  # escaped
    return Row(shown, shown, changed=False)


def _gone(paragraph: str) -> Row:
    return Row(mark_safe(f"<del>{html.escape(paragraph)}</del>"), None, changed=True)  # noqa: S308  # escaped


def _new(paragraph: str) -> Row:
    return Row(None, mark_safe(f"<ins>{html.escape(paragraph)}</ins>"), changed=True)  # noqa: S308  # escaped


def _similarity(words_a: list[str], words_b: list[str]) -> float:
    matcher = SequenceMatcher(None, words_a, words_b, autojunk=False)
    return matcher.ratio() if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR else 0.0


def _side_by_side(rows: list[Row]) -> list[Row]:
    """A paragraph removed just before one added share a row: one replaced the other."""
    merged: list[Row] = []
    for row in rows:
        last = merged[-1] if merged else None
        if last and last.after is None and row.before is None and last.before is not None:
            merged[-1] = Row(last.before, row.after, changed=True)
        else:
            merged.append(row)
    return merged


def _replaced(old: list[str], new: list[str]) -> list[Row]:
    """Paragraphs rewritten, added and removed among each other: each older one is paired
    with the most alike newer one after the last pair, if alike enough; the rest stand alone."""
    if len(old) * len(new) > PAIRS_WEIGHED:  # a whole long body rewritten: paired in order
        rows = [Row(*marked_words(a, b), changed=True) for a, b in zip(old, new, strict=False)]
        return rows + [_gone(p) for p in old[len(new) :]] + [_new(p) for p in new[len(old) :]]
    rows = []
    start = 0
    words = [[token.text for token in tokens(paragraph)] for paragraph in new]
    for paragraph in old:
        own = [token.text for token in tokens(paragraph)]
        scores = [(_similarity(own, words[index]), index) for index in range(start, len(new))]
        best, index = max(scores, default=(0.0, -1), key=lambda pair: (pair[0], -pair[1]))
        if best < SIMILAR:
            rows.append(_gone(paragraph))
            continue
        rows.extend(_new(added) for added in new[start:index])
        rows.append(Row(*marked_words(paragraph, new[index]), changed=True))
        start = index + 1
    rows.extend(_new(added) for added in new[start:])
    return _side_by_side(rows)


def paragraph_rows(before: list[str], after: list[str]) -> list[Row]:
    """The paragraphs of two revisions side by side, changed words marked in changed ones."""
    rows: list[Row] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            rows.extend(_same(paragraph) for paragraph in before[i1:i2])
        else:
            rows.extend(_replaced(before[i1:i2], after[j1:j2]))
    return rows


def folded(rows: list[Row]) -> list[Block]:
    """Rows in blocks: changed ones and short runs of unchanged ones shown, long runs folded."""
    blocks = []
    for changed, run in groupby(rows, key=lambda row: row.changed):
        group = list(run)
        blocks.append(Block(group, folded=not changed and len(group) >= FOLD_FROM))
    return blocks


def body_paragraphs(body: str) -> list[str]:
    """The body as the paragraphs a reader sees, in plain text."""
    return [p for p in body_plain_text(sanitize_body(body)).split("\n\n") if p]


def _text(label: str, before: list[str], after: list[str]) -> TextDiff:
    rows = paragraph_rows(before, after)
    return TextDiff(label, folded(rows), changed=any(row.changed for row in rows))


def _one(value: str) -> list[str]:
    value = clean_plain_text(value)
    return [value] if value else []


@dataclass(frozen=True)
class Shown:
    """A value on one side: a section, a tag, a byline…, marked when the other side lacks it."""

    text: str
    changed: bool


@dataclass(frozen=True)
class FieldDiff:
    label: str
    before: list[Shown] | None  # None: that revision did not record it
    after: list[Shown] | None
    changed: bool  # only when both revisions recorded it


def _photo(photo: Named) -> str:
    return f"{photo.name} ({photo.detail})" if photo.detail else photo.name


def _byline(credit: Credit) -> str:
    role = Byline.Role(credit.role).label if credit.role in Byline.Role.values else credit.role
    return f"{role} {credit.author.name}"


def _field[T](
    label: str,
    older: Snapshot | None,
    newer: Snapshot | None,
    values: Callable[[Snapshot], Sequence[T]],
    key: Callable[[T], Hashable],
    text: Callable[[T], str],
) -> FieldDiff:
    """One field's values in each revision, compared by what they are (ids), shown by the
    names they had then. A side that recorded nothing differs from nothing."""
    old = list(values(older)) if older else None
    new = list(values(newer)) if newer else None
    if old is None or new is None:
        return FieldDiff(
            label,
            None if old is None else [Shown(text(item), False) for item in old],
            None if new is None else [Shown(text(item), False) for item in new],
            changed=False,
        )
    old_keys, new_keys = [key(item) for item in old], [key(item) for item in new]
    return FieldDiff(
        label,
        [Shown(text(item), key(item) not in new_keys) for item in old],
        [Shown(text(item), key(item) not in old_keys) for item in new],
        changed=old_keys != new_keys,  # in bylines, the order too
    )


def _single(value: Named | None) -> list[Named]:
    return [value] if value else []


def _id(named: Named) -> int:
    return named.id


def _name(named: Named) -> str:
    return named.name


def _credited(credit: Credit) -> tuple[int, str]:
    return credit.author.id, credit.role


def field_diffs(older: Snapshot | None, newer: Snapshot | None) -> list[FieldDiff]:
    return [
        _field(_("Section"), older, newer, lambda s: _single(s.section), _id, _name),
        _field(_("Tags"), older, newer, lambda s: s.tags, _id, _name),
        _field(_("Photo"), older, newer, lambda s: _single(s.photo), _id, _photo),
        _field(_("Bylines"), older, newer, lambda s: s.bylines, _credited, _byline),
        _field(_("Source"), older, newer, lambda s: _single(s.source), _id, _name),
    ]


@dataclass(frozen=True)
class RevisionDiff:
    texts: list[TextDiff]
    fields: list[FieldDiff]
    older_recorded: bool  # whether each revision recorded the section, tags…
    newer_recorded: bool


def texts_diff(*, before: tuple[str, str, str], after: tuple[str, str, str]) -> list[TextDiff]:
    """Title, lead and body (HTML) of two texts, word by word."""
    return [
        _text(_("Title"), _one(before[0]), _one(after[0])),
        _text(_("Lead"), _one(before[1]), _one(after[1])),
        _text(_("Body"), body_paragraphs(before[2]), body_paragraphs(after[2])),
    ]


def revision_diff(older: Revision, newer: Revision) -> RevisionDiff:
    before, after = snapshot_read(older.snapshot), snapshot_read(newer.snapshot)
    return RevisionDiff(
        texts=texts_diff(before=(older.title, older.lead, older.body), after=(newer.title, newer.lead, newer.body)),
        fields=field_diffs(before, after),
        older_recorded=before is not None,
        newer_recorded=after is not None,
    )
