"""Queries compiled once and run again (lib/prepared.py): the ORM's rows, one statement."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Article
from newsdesk.lib.prepared import Prepared

FIELDS = ("id", "title", "published_at", "is_breaking", "photo__renditions", "embargo_until")


def _newest(*, language: str, before: datetime, limit: int):
    return (
        Article.objects.filter(language=language, status="published", published_at__lt=before)
        .order_by("-published_at", "-id")
        .values_list(*FIELDS)[:limit]
    )


SENTINELS = {"language": "stand-in", "before": datetime(2001, 1, 1, tzinfo=UTC)}


def test_the_rows_are_the_orms_with_times_json_and_booleans_converted(make_article, make_photo):
    photo = make_photo()
    photo.renditions = [{"name": "photos/a.webp", "width": 320, "mime": "image/webp"}]
    photo.save()
    make_article("With a photo", photo=photo, is_breaking=True)
    make_article("Older", ago=timedelta(days=2))
    make_article("Russian", language="ru")
    prepared = Prepared(Article, _newest, **SENTINELS)
    now = timezone.now()
    rows = prepared.rows(language="en", before=now, shape={"limit": 5})
    assert rows == list(_newest(language="en", before=now, limit=5))
    assert rows[0][1] == "With a photo" and rows[0][3] is True and rows[0][4][0]["width"] == 320
    assert rows[0][2].tzinfo is not None and rows[1][5] is None
    assert prepared.rows(language="en", before=now - timedelta(days=1), shape={"limit": 5})[0][1] == "Older"


def test_each_shape_is_compiled_once_and_the_arms_run_as_one_statement(make_article, django_assert_num_queries):
    built = []

    def counted(**kwargs):
        built.append(kwargs["limit"])
        return _newest(**kwargs)

    make_article("English")
    make_article("Русская", language="ru")
    make_article("Қазақша", language="kk")
    prepared = Prepared(Article, counted, **SENTINELS)
    now = timezone.now()
    with django_assert_num_queries(1):
        rows = prepared.union_rows(
            [{"language": code, "before": now} for code in ("kk", "ru", "en")], shape={"limit": 1}
        )
    assert sorted(row[1] for row in rows) == ["English", "Русская", "Қазақша"]
    prepared.union_rows([{"language": "en", "before": now}], shape={"limit": 1})
    prepared.rows(language="en", before=now, shape={"limit": 2})
    assert built == [1, 2]  # per shape, whatever the values
    assert prepared.union_rows([], shape={"limit": 1}) == []


def test_a_stand_in_that_is_no_parameter_or_is_ambiguous_is_refused(db):
    limited = Prepared(Article, _newest, **SENTINELS, limit=3)  # a LIMIT is written into the SQL
    with pytest.raises(ValueError, match=r"\['limit'\] are not parameters"):
        limited.rows(language="en", before=timezone.now())
    same = Prepared(
        Article, lambda **kw: Article.objects.filter(title=kw["a"], slug=kw["b"]).values_list("id"), a="x", b="x"
    )
    with pytest.raises(ValueError, match="the same value"):
        same.rows(a="one", b="two")


def test_a_row_becomes_the_instances_select_related_would_make(
    make_article, make_photo, source, django_assert_num_queries
):
    from newsdesk.lib.prepared import columns_with, instance_with

    with_photo = make_article("With a photo", photo=make_photo(credit="gov.kz"), source=source)
    bare = make_article("Bare")
    prepared = Prepared(
        Article,
        lambda *, pk: Article.objects.filter(pk=pk).values_list(*columns_with(Article, ("section", "photo", "source"))),
        pk=-1,
    )
    for story in (with_photo, bare):
        expected = Article.objects.select_related("section", "photo", "source").get(pk=story.pk)
        made = instance_with(Article, prepared.rows(pk=story.pk)[0], ("section", "photo", "source"))
        with django_assert_num_queries(0):
            assert [getattr(made, f.attname) for f in Article._meta.concrete_fields] == [
                getattr(expected, f.attname) for f in Article._meta.concrete_fields
            ]
            assert made.section == expected.section and made.section.name_en == expected.section.name_en
            assert made.photo == expected.photo and made.source == expected.source
            assert not made._state.adding
    assert made.photo is None and with_photo.photo.credit == "gov.kz"
