"""A revision records what placed the story: its section, tags, photo, bylines and source,
as they were saved, under the names they had then."""

import pytest

from newsdesk.content.models import Article, Author, Byline, Source, Tag
from newsdesk.newsroom import services
from newsdesk.newsroom.diff import revision_diff
from newsdesk.newsroom.models import Revision
from newsdesk.newsroom.snapshots import Credit, Named, snapshot_read, snapshot_take
from tests.newsroom.test_admin import _change, _form


@pytest.fixture
def placed(draft_by, journalist, make_photo, source) -> Article:
    """A draft with every field a snapshot records."""
    article = draft_by(journalist, photo=make_photo(credit="gov.kz", alt_text="The meeting"), source=source)
    article.tags.set([Tag.objects.create(language="en", name=name, slug=name.lower()) for name in ("WHO", "Health")])
    Byline.objects.create(article=article, author=Author.objects.create(name="Marina Kim"), role="written", position=1)
    Byline.objects.create(article=article, author=Author.objects.create(name="Aigerim Sarsenova"), position=0)
    return article


def test_a_snapshot_names_everything_in_the_storys_language(placed, section):
    placed.language = "ru"
    taken = snapshot_read(snapshot_take(placed))
    assert taken.section == Named(section.pk, "Политика")
    assert [tag.name for tag in taken.tags] == ["Health", "WHO"]
    assert (taken.photo.name, taken.photo.detail) == ("The meeting", "gov.kz")
    assert taken.source == Named(placed.source_id, "Qazinform News Agency")  # its only name
    assert [(c.author.name, c.role, c.position) for c in taken.bylines] == [
        ("Aigerim Sarsenova", "reported", 0),
        ("Marina Kim", "written", 1),
    ]


def test_a_story_without_photo_source_tags_or_bylines(draft_by, journalist, section):
    taken = snapshot_read(snapshot_take(draft_by(journalist)))
    assert (taken.photo, taken.source, taken.tags, taken.bylines) == (None, None, (), ())
    assert taken.section == Named(section.pk, "Politics")


def test_every_save_records_it_and_a_renamed_or_deleted_tag_still_shows_what_it_was(placed, journalist):
    placed.title = "Cold spell grips Kazakhstan"
    services.article_save(article=placed, by=journalist, expected_version=placed.version)
    revision = Revision.objects.filter(article=placed).first()
    Tag.objects.filter(name="WHO").update(name="World Health Organization")
    Tag.objects.filter(name="Health").delete()
    Source.objects.filter(pk=placed.source_id).update(name_en="Kazinform")
    recorded = snapshot_read(Revision.objects.get(pk=revision.pk).snapshot)
    assert [tag.name for tag in recorded.tags] == ["Health", "WHO"]
    assert recorded.source.name == "Qazinform News Agency"


def test_restoring_a_revision_restores_the_text_and_records_the_fields_as_they_are(placed, journalist, sport):
    first = Revision.objects.filter(article=placed).first()
    placed.title, placed.section = "Cold spell grips Kazakhstan", sport
    services.article_save(article=placed, by=journalist, expected_version=placed.version)
    restored = services.revision_restore(article=placed, revision=first, by=journalist)
    assert restored.title == first.title and restored.section_id == sport.pk  # the text only
    latest = snapshot_read(Revision.objects.filter(article=placed).first().snapshot)
    assert latest.section.id == sport.pk


def test_the_change_form_records_the_tags_and_bylines_it_saves_after_the_story(client, journalist, section):
    """The form's tags and its bylines' inline are saved after the story and its revision."""
    client.force_login(journalist)
    tag = Tag.objects.create(language="en", name="Weather", slug="weather")
    author = Author.objects.create(name="Aigerim Sarsenova")
    byline = {
        "bylines-TOTAL_FORMS": "1",
        "bylines-0-author": author.pk,
        "bylines-0-role": "reported",
        "bylines-0-position": "0",
    }
    response = client.post("/admin/content/article/add/", _form(section, tags=[tag.pk]) | byline)
    assert response.status_code == 302, response.content
    article = Article.objects.get()
    taken = snapshot_read(Revision.objects.get(article=article).snapshot)
    assert taken.tags == (Named(tag.pk, "Weather"),) and taken.bylines == (
        Credit(Named(author.pk, author.name), "reported", 0),
    )

    # An edit that removes the tag and adds a second byline: the new revision has them.
    other = Author.objects.create(name="Marina Kim")
    saved = Byline.objects.get(article=article)
    data = _form(section, Article.objects.get(pk=article.pk), title="Cold spell grips Kazakhstan") | {
        "bylines-TOTAL_FORMS": "2",
        "bylines-INITIAL_FORMS": "1",
        "bylines-0-id": saved.pk,
        "bylines-0-article": article.pk,
        "bylines-0-author": author.pk,
        "bylines-0-role": "reported",
        "bylines-0-position": "0",
        "bylines-1-author": other.pk,
        "bylines-1-role": "photo",
        "bylines-1-position": "1",
    }
    assert client.post(_change(article), data).status_code == 302
    first, second = Revision.objects.filter(article=article).order_by("number")
    taken = snapshot_read(second.snapshot)
    assert taken.tags == () and [c.author.name for c in taken.bylines] == ["Aigerim Sarsenova", "Marina Kim"]
    fields = {field.label: field for field in revision_diff(first, second).fields}
    assert fields["Tags"].changed and fields["Bylines"].changed and not fields["Section"].changed


def test_a_change_of_the_bylines_alone_is_a_revision_with_them(client, journalist, section):
    client.force_login(journalist)
    assert client.post("/admin/content/article/add/", _form(section)).status_code == 302
    article = Article.objects.get()
    author = Author.objects.create(name="Aigerim Sarsenova")
    data = _form(section, article, slug=article.slug, lead=article.lead, body=article.body) | {
        "bylines-TOTAL_FORMS": "1",
        "bylines-0-author": author.pk,
        "bylines-0-role": "reported",
        "bylines-0-position": "0",
    }
    assert client.post(_change(article), data).status_code == 302
    latest = Revision.objects.filter(article=article).first()
    assert latest.number == 2 and [c.author.name for c in snapshot_read(latest.snapshot).bylines] == [author.name]


@pytest.mark.parametrize(
    "stored",
    [
        None,
        [],
        "text",
        {"section": "Politics", "tags": "WHO", "bylines": [{"author": None}, "x"], "photo": {"id": "7"}},
    ],
)
def test_a_snapshot_it_cannot_read_is_absent_or_empty_not_an_error(stored):
    read = snapshot_read(stored)
    if not isinstance(stored, dict):
        assert read is None
    else:
        assert (read.section, read.tags, read.photo, read.bylines) == (None, (), None, ())
