"""Relevant news by topic: found through the index when a story is published or corrected,
kept, and read by the article page; the section's previous stories fill what is missing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Article, Section
from newsdesk.newsroom import services
from newsdesk.newsroom import services as workflow
from newsdesk.search.models import RelatedStories, SearchDocument
from newsdesk.search.related import distinctive_terms, relevant_news


@pytest.fixture
def archive(make_article, agency, django_capture_on_commit_callbacks):
    """Stories of two topics in one section, one of a third topic in another, and an older
    archive of other things (so that a word of three stories is a rare one)."""
    society = Section.objects.create(slug="society", name_en="Society")
    culture = Section.objects.create(slug="culture", name_en="Culture")
    for n, subject in enumerate(["opera", "football", "wheat", "railway", "museum", "chess", "oil", "film"]):
        make_article(
            f"The {subject} season", body=f"<p>News of {subject}.</p>", section=culture, ago=timedelta(days=30 + n)
        )
    with django_capture_on_commit_callbacks(execute=True):
        stories = {
            "who": make_article(
                "Kazakhstan and WHO sign a healthcare road map",
                body="<p>The World Health Organization will help hospitals train nurses.</p>",
                ago=timedelta(days=3),
            ),
            "nurses": make_article(
                "Hospitals hire nurses trained with WHO",
                body="<p>The healthcare ministry said nurses finished the World Health Organization course.</p>",
                ago=timedelta(days=2),
            ),
            "budget": make_article(
                "Parliament passes the budget",
                body="<p>Deputies voted for the budget of the next three years.</p>",
                ago=timedelta(days=1),
            ),
            "snow": make_article(
                "Snowfall closes mountain roads",
                body="<p>Avalanche risk in the mountains.</p>",
                section=society,
                ago=timedelta(hours=5),
            ),
        }
    return stories


def kept(article: Article) -> list[int]:
    return RelatedStories.objects.get(pk=article.pk).story_ids


def test_a_published_story_keeps_the_stories_of_its_topic(archive, make_article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_article(
            "WHO praises Kazakhstan's hospitals",
            body="<p>Nurses and the healthcare road map were discussed with the World Health Organization.</p>",
        )
    ids = kept(story)
    assert set(ids[:2]) == {archive["who"].pk, archive["nurses"].pk}
    assert archive["budget"].pk not in ids and archive["snow"].pk not in ids
    assert story.pk not in ids
    assert set(distinctive_terms(SearchDocument.objects.get(pk=story.pk))) >= {"nurs", "hospit"}


def test_the_page_fills_with_the_sections_previous_stories(archive, client):
    shown = [t.pk for t in relevant_news(article=archive["budget"], limit=3)]
    assert shown[0] != archive["budget"].pk
    # Nothing else is about the budget: the section's previous stories, newest first.
    assert shown == [archive["nurses"].pk, archive["who"].pk]
    page = client.get(archive["nurses"].get_absolute_url()).content.decode()
    relevant = page.split('id="relevant-heading"')[1].split("</section>")[0]
    assert "road map" in relevant and "Snowfall" not in relevant


def test_a_correction_finds_the_stories_of_the_new_topic(archive, django_capture_on_commit_callbacks):
    story = archive["budget"]
    assert kept(story) == []
    story.title = "Parliament passes the budget for hospitals"
    story.body = "<p>Nurses' pay and WHO-backed healthcare training get more money.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(article=story, by=None, correction_note="The budget's purpose was missing.")
    assert set(kept(story)) >= {archive["who"].pk, archive["nurses"].pk}


def test_withdrawn_and_future_stories_never_show(archive, make_article, django_capture_on_commit_callbacks):
    workflow.article_withdraw(article=archive["nurses"], by=None, reason="wrong")
    with django_capture_on_commit_callbacks(execute=True):
        later = make_article("WHO nurses healthcare", ago=None)
        workflow.article_publish(article=later, by=None, at=timezone.now() + timedelta(hours=3))
        story = make_article("WHO and nurses: the healthcare road map", body="<p>Hospitals.</p>")
    shown = [t.pk for t in relevant_news(article=story, limit=5)]
    assert archive["who"].pk in shown
    assert archive["nurses"].pk not in shown and later.pk not in shown


def test_relevant_news_stays_in_the_storys_language(archive, make_article, django_capture_on_commit_callbacks):
    original = archive["who"]
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Больницы Казахстана и ВОЗ", language="ru", body="<p>Медсёстры и здравоохранение.</p>")
        translation = make_article(
            "Казахстан и ВОЗ подписали дорожную карту здравоохранения",
            language="ru",
            body="<p>Всемирная организация здравоохранения поможет больницам обучить медсестёр.</p>",
            translation_group=original.translation_group,
        )
    ids = kept(translation)
    assert ids and original.pk not in ids
    assert set(Article.objects.filter(pk__in=ids).values_list("language", flat=True)) == {"ru"}
