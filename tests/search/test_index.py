"""The index follows the stories: written in the saving transaction, rebuilt by command
(every story once, and kept by saves afterwards), read through the engine's index on
either database."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from newsdesk.content.models import Article, Section
from newsdesk.editions.definition import ARTICLE_LANGUAGES
from newsdesk.newsroom import services
from newsdesk.search.analysis import query
from newsdesk.search.engines import Filters, engine
from newsdesk.search.index import index_rebuild
from newsdesk.search.models import SearchDocument
from newsdesk.search.queries import desk_search


def found(word: str, language: str = "en") -> list[int]:
    return [m.article_id for m in engine().matches(
        language=language, query=query(word, language), now=timezone.now(), filters=Filters(), limit=100
    )]  # fmt: skip


def test_a_story_is_indexed_with_its_save_and_not_when_the_save_rolls_back(make_article, agency):
    kept = make_article("Avalanche warning in the mountains")
    assert found("avalanche") == [kept.pk]
    with pytest.raises(RuntimeError), transaction.atomic():
        make_article("Avalanche season opens early")
        raise RuntimeError("the publication failed")
    assert found("avalanche") == [kept.pk]
    assert SearchDocument.objects.count() == Article.objects.count() == 1


def test_every_save_of_the_text_rewrites_the_document_and_others_leave_it(make_article, agency):
    story = make_article("Floods in the north", body="<p>Rivers rose in Petropavl.</p>")
    story.body = "<p>Rivers rose in Pavlodar.</p>"
    services.article_save(article=story, by=None)
    assert found("pavlodar") == [story.pk] and found("petropavl") == []
    SearchDocument.objects.filter(pk=story.pk).update(body="stale")
    story.save(update_fields=["updated_at"])  # no text changed: the document is not written again
    assert SearchDocument.objects.get(pk=story.pk).body == "stale"


def document(story: Article) -> SearchDocument:
    return SearchDocument.objects.get(pk=story.pk)


def test_the_document_follows_when_readers_may_see_the_story_and_where_it_is(make_article, agency, section):
    story = make_article("Glacier survey in the Alatau", ago=None)
    assert document(story).visible_from is None and found("glacier") == []

    later = timezone.now() + timedelta(hours=2)
    services.article_publish(article=story, by=None, at=later)  # scheduled
    assert document(story).visible_from == later and found("glacier") == []
    services.article_unschedule(article=story, by=None)
    assert document(story).visible_from is None

    story = services.article_publish(article=Article.objects.get(pk=story.pk), by=None)
    assert document(story).visible_from == story.published_at == document(story).published_at
    assert found("glacier") == [story.pk]

    elsewhere = Section.objects.create(slug="science", name_en="Science")
    story.section = elsewhere
    services.article_save(article=story, by=None)
    assert document(story).section_id == elsewhere.pk
    assert [m.article_id for m in engine().matches(
        language="en", query=query("glacier", "en"), now=timezone.now(), filters=Filters(section_id=section.pk),
        limit=10,
    )] == []  # fmt: skip

    services.article_withdraw(article=Article.objects.get(pk=story.pk), by=None, reason="wrong")
    assert document(story).visible_from is None and found("glacier") == []


def test_a_change_of_placement_alone_leaves_the_terms_as_they_are(make_article, agency):
    story = make_article("Floods in the north")
    SearchDocument.objects.filter(pk=story.pk).update(body="stale", visible_from=None)
    story.save(update_fields=["status", "published_at", "embargo_until"])
    assert document(story).body == "stale"  # the terms not made again
    assert document(story).visible_from == story.published_at


def test_the_rebuild_indexes_what_bulk_loads_left_out(make_article, agency):
    make_article("Wheat harvest ends")
    bulk = Article.objects.bulk_create([
        Article(language="en", title=f"Barley exports {n}", slug=f"barley-{n}", status=Article.Status.PUBLISHED,
                published_at=timezone.now(), section=Article.objects.first().section)
        for n in range(3)
    ])  # fmt: skip
    assert found("barley") == []  # no signals: no documents
    out = io.StringIO()
    call_command("search_index", "--rebuild", stdout=out, stderr=io.StringIO())
    assert sorted(found("barley")) == sorted(a.pk for a in bulk)
    assert found("wheat") != []
    assert re.search(r"^4 stories indexed in \d+ s", out.getvalue(), re.M)


def test_the_command_asks_what_to_do(db):
    with pytest.raises(CommandError, match="--rebuild"):
        call_command("search_index")


def test_the_public_query_reads_the_engines_index(make_article, agency):
    make_article("Avalanche warning in the mountains")
    sql = {}

    def keep(execute, statement, params, many, context):
        sql.setdefault("statement", statement)
        sql.setdefault("params", params)
        return execute(statement, params, many, context)

    with connection.execute_wrapper(keep):
        found("avalanche")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: show the index can serve it
            cursor.execute("EXPLAIN " + sql["statement"], sql["params"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "search_vector" in plan or "search_newest" in plan, plan
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql["statement"], sql["params"])
            plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
            assert re.search(r"SCAN f VIRTUAL TABLE INDEX \d+:M", plan), plan  # FTS5's MATCH, by rowid


def test_an_embedded_videos_address_is_no_word_of_the_story(make_article, agency):
    story = make_article(
        "Supercomputer joins the TOP500",
        body="<p>The machine was shown in Astana.</p><p>https://www.youtube.com/watch?v=aqz-KE-bpKQ</p>",
    )
    assert 'class="embed"' in story.body  # stored as an embed
    assert found("astana") == [story.pk]
    assert found("youtube") == [] and found("watch") == []


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
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'search\\_vector\\_%'")
        assert cursor.fetchone()[0] == len(ARTICLE_LANGUAGES)  # one per language


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics")
def test_a_words_frequency_is_read_from_its_own_languages_documents(make_article):
    """Russian and Kazakh share letters: a word common in Kazakh and rare in Russian is rare
    to a Russian search (its plan, relevant news's choice of terms)."""
    for n in range(30):
        make_article(f"Бак жаңалықтары {n}", language="kk")
    for n in range(10):
        make_article("Бак воды" if n < 2 else f"Озеро у моря {n}", language="ru")
    engine().optimise()  # ANALYZE
    assert engine().document_frequencies(language="ru", terms=["бак"]) == (10, {"бак": 2})
    assert engine().document_frequencies(language="kk", terms=["бак"]) == (30, {"бак": 30})
