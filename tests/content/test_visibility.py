"""The visibility rule from one table of cases, run against both of its forms.

Every case is a row stored in the database: the SQL form must find exactly the visible
ones, and the Python form must say the same of each row read back. A clause dropped from
either form turns some row of this table red.
"""

from datetime import timedelta
from itertools import product

import pytest
from django.db import connection
from django.utils import timezone

from newsdesk.audience.models import ViewTotal
from newsdesk.content.models import Article
from newsdesk.content.visibility import is_visible_at, visible_condition, visible_from

NOW = timezone.now().replace(microsecond=0)
HOUR = timedelta(hours=1)

STATUSES = [status for status, _label in Article.Status.choices]
# A time in the past, exactly now, in the future, or none.
TIMES = {"past": NOW - HOUR, "now": NOW, "future": NOW + HOUR, "none": None}


def expected(status: str, published: str, embargo: str) -> bool:
    """The rule in words: published, its time has come, and no embargo holds it back."""
    return status == "published" and published in ("past", "now") and embargo in ("past", "now", "none")


CASES = [
    (status, published, embargo)
    for status, published, embargo in product(STATUSES, TIMES, TIMES)
    # A published story always has a publication time (a constraint of the table).
    if not (status == "published" and published == "none")
]


@pytest.fixture
def table(make_article) -> dict[int, tuple[str, str, str]]:
    rows = {}
    for status, published, embargo in CASES:
        article = make_article(f"{status} {published} {embargo}", ago=None)
        Article.objects.filter(pk=article.pk).update(
            status=status, published_at=TIMES[published], embargo_until=TIMES[embargo]
        )
        rows[article.pk] = (status, published, embargo)
    return rows


def test_the_table_holds_visible_and_hidden_stories_of_every_kind():
    assert sum(expected(*case) for case in CASES) == 6  # published past/now × embargo past/now/none
    assert len(CASES) == len(STATUSES) * 16 - 4


def test_the_query_finds_exactly_the_visible_stories(table):
    found = set(Article.objects.filter(visible_condition(now=NOW)).values_list("pk", flat=True))
    assert found == {pk for pk, case in table.items() if expected(*case)}
    assert set(Article.objects.visible(NOW).values_list("pk", flat=True)) == found


def test_the_rule_for_a_row_already_read_says_the_same_of_every_row(table):
    for article in Article.objects.filter(pk__in=table):
        case = table[article.pk]
        visible = is_visible_at(
            now=NOW, status=article.status, published_at=article.published_at, embargo_until=article.embargo_until
        )
        assert visible == expected(*case), case


def test_through_a_relation_the_rule_is_the_same(table):
    """Views and rankings apply it from another table ("article__")."""
    ViewTotal.objects.bulk_create(ViewTotal(article_id=pk, views=1) for pk in table)
    found = set(
        ViewTotal.objects.filter(visible_condition(now=NOW, prefix="article__")).values_list("article_id", flat=True)
    )
    assert found == {pk for pk, case in table.items() if expected(*case)}


@pytest.mark.parametrize(("status", "published", "embargo"), CASES)
def test_a_story_becomes_visible_at_the_moment_visible_from_says(status, published, embargo):
    moment = visible_from(status=status, published_at=TIMES[published], embargo_until=TIMES[embargo])
    if status != "published":
        assert moment is None
        return
    assert moment is not None
    assert is_visible_at(now=moment, status=status, published_at=TIMES[published], embargo_until=TIMES[embargo])
    just_before = moment - timedelta(microseconds=1)
    assert not is_visible_at(
        now=just_before, status=status, published_at=TIMES[published], embargo_until=TIMES[embargo]
    )


def _documents_visible() -> set[int]:
    from newsdesk.search.models import SearchDocument

    return set(SearchDocument.objects.filter(visible_from__lte=NOW).values_list("pk", flat=True))


def test_the_search_documents_carry_the_moment_and_find_the_same_stories(table):
    """A reader's search compares the moment stored with each story's document with now
    (newsdesk/search): every save that changes the story's status or times writes it."""
    for article in Article.objects.filter(pk__in=table):
        article.save(update_fields=["status", "published_at", "embargo_until"])
    assert _documents_visible() == {pk for pk, case in table.items() if expected(*case)}


def test_the_migration_that_added_the_moment_fills_it_by_the_same_rule(table):
    from importlib import import_module

    from newsdesk.search.models import SearchDocument

    fill = import_module("newsdesk.search.migrations.0003_document_carries_visibility").documents_fill
    SearchDocument.objects.update(visible_from=None, published_at=None, section=None)
    fill(connection, batch=7)  # several batches, one of them partly empty
    assert _documents_visible() == {pk for pk, case in table.items() if expected(*case)}
    for document in SearchDocument.objects.filter(pk__in=table).select_related("article"):
        assert document.published_at == document.article.published_at
        assert document.section_id == document.article.section_id
