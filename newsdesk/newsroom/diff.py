"""Side-by-side differences between two revisions, paragraph by paragraph."""

import difflib
import html
import re

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from newsdesk.newsroom.models import Revision

_BLOCK_END = re.compile(r"</(p|h2|h3|h4|li|blockquote|figcaption|tr)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def body_lines(body: str) -> list[str]:
    """The body as the paragraphs a reader sees, one per line."""
    text = _BLOCK_END.sub("\n", body)
    text = html.unescape(_TAG.sub("", text))
    return [line.strip() for line in text.splitlines() if line.strip()]


def _table(before: list[str], after: list[str]) -> SafeString:
    # HtmlDiff escapes the text itself; its markup is a plain table styled by newsroom.css.
    differ = difflib.HtmlDiff(wrapcolumn=70)
    return mark_safe(differ.make_table(before, after, context=False))  # noqa: S308


def revision_diff(older: Revision, newer: Revision) -> list[tuple[str, bool, SafeString]]:
    """(what, changed, table) for the title, the lead and the body."""
    parts = [
        (_("Title"), [older.title], [newer.title]),
        (_("Lead"), [older.lead] if older.lead else [], [newer.lead] if newer.lead else []),
        (_("Body"), body_lines(older.body), body_lines(newer.body)),
    ]
    return [(label, before != after, _table(before, after)) for label, before, after in parts]
