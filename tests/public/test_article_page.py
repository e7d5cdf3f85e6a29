"""The article page reads as an agency's does: where the story sits (a breadcrumb to its
section), the lead the journalist wrote under the title, and the section's next story at
the end."""

from datetime import timedelta

import pytest
from lxml import html

from newsdesk.content.models import Section
from newsdesk.newsroom import services as workflow


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return html.fromstring(response.content)


@pytest.fixture
def economy(db) -> Section:
    return Section.objects.create(slug="economy", name_en="Economy", name_ru="Экономика", name_kk="Экономика")


def test_the_section_links_above_the_title_in_a_breadcrumb(client, make_article, section):
    article = make_article("Grain exports rise")
    doc = page(client, article)
    crumbs = doc.xpath('//header[@class="story-header"]/nav[@class="breadcrumb"]//a')
    assert [a.get("href") for a in crumbs] == ["/en/", f"/en/section/{section.slug}/"]
    assert crumbs[1].text_content() == section.name_en
    # Above the title: the breadcrumb comes first in the story's header.
    header = doc.xpath('//header[@class="story-header"]')[0]
    assert header.index(header.xpath('nav[@class="breadcrumb"]')[0]) < header.index(header.xpath("h1")[0])


def test_the_lead_is_shown_under_the_title(client, make_article):
    article = make_article("Grain exports rise", lead="Kazakhstan sold more grain abroad than ever & earned 5 % more.")
    doc = page(client, article)
    lead = doc.xpath('//p[@class="story-lead"]')
    assert [p.text_content() for p in lead] == ["Kazakhstan sold more grain abroad than ever & earned 5 % more."]
    assert doc.xpath('//h1/following-sibling::*[1][self::p][@class="story-lead"]')
    assert not page(client, make_article("No lead here")).xpath('//p[@class="story-lead"]')


def test_next_story_is_the_sections_story_before_it_and_never_another_sections(client, make_article, section, economy):
    older = make_article("The older story", ago=timedelta(hours=3))
    make_article("Another section's story", ago=timedelta(hours=2), section=economy)
    newer = make_article("The newer story", ago=timedelta(hours=1))
    links = page(client, newer).xpath('//nav[@class="next-story"]/a[@rel="next"]')
    assert [a.get("href") for a in links] == [older.get_absolute_url()]
    assert "The older story" in links[0].text_content()
    assert not page(client, older).xpath('//nav[@class="next-story"]')  # the section's first story has none


def test_next_story_skips_a_withdrawn_story_and_follows_the_edition(client, make_article, section):
    first = make_article("Первая новость", language="ru", ago=timedelta(hours=4))
    withdrawn = make_article("Снятая новость", language="ru", ago=timedelta(hours=3))
    make_article("An English story between them", ago=timedelta(hours=2))
    workflow.article_withdraw(article=withdrawn, by=None, reason="Ошибка")
    latest = make_article("Последняя новость", language="ru", ago=timedelta(hours=1))
    doc = page(client, latest)
    assert [a.get("href") for a in doc.xpath('//nav[@class="next-story"]/a')] == [first.get_absolute_url()]
    assert doc.xpath('//nav[@class="next-story"]')[0].get("aria-label") == "Следующая новость"
    assert doc.xpath('//nav[@class="breadcrumb"]//a')[0].text_content() == "Начало"
