"""Rebuilding the index: every story found once, and the index kept by saves afterwards."""

import pytest
from django.db import connection

from newsdesk.search.engines import engine
from newsdesk.search.index import index_rebuild
from newsdesk.search.models import SearchDocument
from newsdesk.search.queries import desk_search


@pytest.mark.parametrize("bulk", [False, True])
def test_a_rebuild_indexes_every_story_once_and_saves_keep_the_index_after_it(make_article, bulk):
    stories = [make_article(f"Railway summit number {n}") for n in range(3)]
    russian = make_article("Саммит в регионе", language="ru")
    progress = []

    assert index_rebuild(progress=lambda done, total: progress.append((done, total)), batch=2, bulk=bulk) == 4
    assert index_rebuild(bulk=bulk) == 4  # twice: nothing left over from the first

    assert progress == [(2, 4), (4, 4)]
    assert SearchDocument.objects.count() == 4
    assert desk_search("railway") == sorted((s.pk for s in stories), reverse=True)
    assert desk_search("регион") == [russian.pk]
    stories[0].title = "Grain harvest"
    stories[0].save()
    assert desk_search("railway") == sorted((s.pk for s in stories[1:]), reverse=True)
    assert desk_search("harvest") == [stories[0].pk]
    stories[1].delete()
    assert desk_search("railway") == [stories[2].pk]


def test_clearing_empties_the_documents_and_the_index(make_article):
    story = make_article("Railway summit")
    assert desk_search("railway") == [story.pk]

    engine().clear()

    assert not SearchDocument.objects.exists()
    assert desk_search("railway") == []
    index_rebuild()
    assert desk_search("railway") == [story.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN index")
def test_a_bulk_rebuild_leaves_the_gin_index_in_place(make_article):
    make_article("Railway summit")
    index_rebuild(bulk=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname = 'search_vector'")
        assert cursor.fetchone()[0] == 1
