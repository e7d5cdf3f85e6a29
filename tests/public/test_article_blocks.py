"""A story's page parts, rendered once and kept: served as rendered, never stale.

Every input a story's parts show is changed here the way the newsroom changes it, and
the story's next page must show the change: the byline's name, the section's name, a
tag, the photo's credit, a correction, a translation added, the source, the story's own
edit, the site's settings and the editors' Latin spellings.
"""

import logging

import pytest
from django.db import OperationalError
from django.db.models import QuerySet

from newsdesk.audience.counting import count_view
from newsdesk.audience.identity import Reader
from newsdesk.content.models import Article, Author, Byline, Correction, Source, Tag
from newsdesk.content.photos import Photo
from newsdesk.editions import latin
from newsdesk.editions.models import Transliteration
from newsdesk.newsroom import roles, services, translations
from newsdesk.public import article_blocks
from newsdesk.public.models import ArticleBlock
from tests.newsroom.conftest import staff


def page(client, article: Article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def kept(article: Article) -> QuerySet[ArticleBlock]:
    return ArticleBlock.objects.filter(article_id=article.pk)


@pytest.fixture
def no_rendering(monkeypatch):
    """From here on a page that renders a story's parts fails: they must come as kept."""

    def refuse(article: Article, **kwargs: object) -> None:
        raise AssertionError(f"article {article.pk}'s parts rendered again")

    def start() -> None:
        monkeypatch.setattr(article_blocks, "parts_render", refuse)

    return start


@pytest.fixture
def chief(db):
    return staff("chief", roles.CHIEF_EDITOR)


def test_a_published_story_has_its_parts_rendered_at_once_in_each_edition_showing_it(
    client, make_article, agency, no_rendering, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_article("Астанада жаңа емхана ашылды", language="kk")
    assert sorted(kept(story).values_list("edition", flat=True)) == ["kk", "kk-latn"]
    no_rendering()
    assert "Астанада жаңа емхана ашылды" in page(client, story)
    latin_page = client.get(f"/kk-latn/news/{story.pk}-{story.slug}/").content.decode()
    assert latin.to_latin("Астанада жаңа емхана ашылды") in latin_page


def test_the_page_from_kept_parts_is_the_page_rendered_afresh(client, story, no_rendering):
    Byline.objects.create(article=story, author=Author.objects.create(name="Aigerim Sultan"))
    Correction.objects.create(article=story, note="The minister's name was misspelt.")
    Article.objects.filter(pk=story.pk).update(corrected_at=story.published_at)
    fresh = page(client, story)
    assert kept(story).count() == 1
    no_rendering()
    assert page(client, story) == fresh
    assert "Aigerim Sultan" in fresh and "misspelt" in fresh and "Photo: gov.kz" in fresh
    assert f'<span data-views-for="{story.pk}">14,706</span>' in fresh  # the count, filled in per page


def test_the_count_is_the_readers_of_the_moment_not_of_the_rendering(client, story):
    page(client, story)
    count_view(article_id=story.pk, reader=Reader(today="a-new-reader", yesterday=None))
    assert f'<span data-views-for="{story.pk}">14,707</span>' in page(client, story)


def _rename_byline(story: Article) -> str:
    author = Author.objects.get(bylines__article=story)
    author.name = "Aigerim Sultanova"
    author.save()
    return "Aigerim Sultanova"


def _rename_section(story: Article) -> str:
    story.section.name_en = "Home affairs"
    story.section.save()
    return '<a class="story-section" href="/en/section/politics/">Home affairs</a>'


def _rename_tag(story: Article) -> str:
    tag = story.tags.get()
    tag.name = "World Health Organization"
    tag.save()
    return ">World Health Organization</a></li></ul>"


def _tag_added(story: Article) -> str:
    story.tags.add(Tag.objects.create(language="en", name="Astana", slug="astana"))
    return '<a href="/en/tag/astana/">Astana</a>'


def _recredit_photo(story: Article) -> str:
    photo = Photo.objects.get(pk=story.photo_id)
    photo.credit = "Akorda press service"
    photo.save()
    return "Photo: Akorda press service"


def _rename_source(story: Article) -> str:
    source = Source.objects.get(pk=story.source_id)
    source.name_en = "Ministry of Healthcare of Kazakhstan"
    source.save()
    return "Ministry of Healthcare of Kazakhstan</a>"


def _byline_added(story: Article) -> str:
    Byline.objects.create(article=story, author=Author.objects.create(name="Dana Omar"), role=Byline.Role.EDITED_BY)
    return "Dana Omar"


@pytest.mark.parametrize(
    "change",
    [_rename_byline, _rename_section, _rename_tag, _tag_added, _recredit_photo, _rename_source, _byline_added],
    ids=["byline name", "section name", "tag renamed", "tag added", "photo credit", "source name", "byline added"],
)
def test_a_change_to_what_the_story_shows_reaches_its_page(client, story, change, django_capture_on_commit_callbacks):
    Byline.objects.create(article=story, author=Author.objects.create(name="Aigerim Sultan"))
    before = page(client, story)
    assert kept(story).exists()
    with django_capture_on_commit_callbacks(execute=True):
        shown = change(story)
    assert shown not in before
    assert shown in page(client, story)
    assert kept(story).exists()  # rendered again and kept


def test_a_correction_through_the_newsroom_reaches_the_page_and_its_data(
    client, story, chief, django_capture_on_commit_callbacks
):
    page(client, story)
    article = Article.objects.get(pk=story.pk)
    article.title = "Kazakhstan and the WHO Strengthen Cooperation"
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(article=article, by=chief, correction_note="The title named the WHO in full.")
    assert kept(story).get().made_from == Article.objects.get(pk=story.pk).updated_at  # rendered at once
    html = page(client, story)
    assert "The title named the WHO in full." in html and "Kazakhstan and the WHO Strengthen" in html
    assert '"correction"' in html  # in the story's structured data too


def test_a_translation_published_is_linked_from_the_original(client, story, chief, django_capture_on_commit_callbacks):
    assert "/ru/news/" not in page(client, story)
    draft = translations.translation_start(article=story, language="ru", by=chief)
    draft.title, draft.body = "Казахстан и ВОЗ укрепляют сотрудничество", "<p>Текст.</p>"
    services.article_save(article=draft, by=chief)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=Article.objects.get(pk=draft.pk), by=chief)
    assert f'href="/ru/news/{draft.pk}-' in page(client, story)


def test_a_silent_fix_of_the_story_itself_is_shown_at_once(client, story, chief):
    page(client, story)
    article = Article.objects.get(pk=story.pk)
    article.body = "<p>First Deputy Minister met the WHO's representative.</p>"
    services.article_save(article=article, by=chief)  # no event here is run: the save's time says it
    assert "met the WHO's representative.</p>" in page(client, story)


def test_the_sites_settings_and_the_latin_spellings_are_part_of_what_the_parts_are_rendered_in(
    client, make_article, agency
):
    story = make_article("Тоқаев емхананы аралады", language="kk")
    latin_path = f"/kk-latn/news/{story.pk}-{story.slug}/"
    assert "Toqaev" in client.get(latin_path).content.decode()
    Transliteration.objects.create(cyrillic="тоқаев", latin="toqaiev")
    assert "Toqaiev" in client.get(latin_path).content.decode()
    agency.reprint_notice_kk = "Сілтемесіз көшіруге болмайды."
    agency.save()
    assert "Сілтемесіз көшіруге болмайды." in page(client, story)


def test_a_withdrawn_story_keeps_no_parts(client, story, chief, django_capture_on_commit_callbacks):
    page(client, story)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_withdraw(article=Article.objects.get(pk=story.pk), by=chief, reason="Legal request")
    assert not kept(story).exists()
    assert client.get(story.get_absolute_url()).status_code == 410


def test_a_preview_is_rendered_for_staff_and_never_kept(client, make_article, chief):
    draft = make_article("Not yet for readers", ago=None)
    client.force_login(chief)
    response = client.get(f"/admin/content/article/{draft.pk}/preview/")
    assert response.status_code == 200 and "Not yet for readers" in response.content.decode()
    assert not kept(draft).exists()


def test_a_database_that_refuses_the_write_still_serves_the_page(client, story, monkeypatch, caplog):
    def busy(*args: object, **kwargs: object) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(ArticleBlock.objects, "bulk_create", busy)
    with caplog.at_level(logging.WARNING, logger="newsdesk.public"):
        assert "Photo: gov.kz" in page(client, story)
    assert not kept(story).exists()
    assert f"article {story.pk}'s parts (en) not kept: database is locked" in caplog.text


def test_a_deploy_that_changes_how_parts_are_rendered_renders_them_again(client, story, monkeypatch):
    page(client, story)
    before = kept(story).get().context
    monkeypatch.setattr(article_blocks._code, "get", lambda: "templates of the next release")
    page(client, story)
    assert kept(story).get().context != before
