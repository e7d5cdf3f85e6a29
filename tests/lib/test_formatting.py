"""How counts look on the public site, in each edition's language."""

import pytest
from django.utils import translation

from newsdesk.lib.formatting import thousands_separator, views_count


@pytest.mark.parametrize(
    ("edition", "shown"),
    [("en", "291,386"), ("ru", "291\xa0386"), ("kk", "291\xa0386"), ("kk-latn", "291\xa0386")],
)
def test_large_counts_are_grouped_as_the_language_writes_them(edition, shown):
    with translation.override(edition):
        assert views_count(291386) == shown
        assert views_count(1234567) == f"1{thousands_separator()}234{thousands_separator()}567"
        assert views_count(999) == "999" and views_count(0) == "0" and views_count(None) == "0"


def test_a_placeholder_is_left_for_the_page_to_fill_in():
    assert views_count("\x00views\x00") == "\x00views\x00"
