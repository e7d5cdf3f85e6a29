"""Workflow buttons on the change form: what was typed and not saved is saved first, or
the form comes back with it; nothing typed is lost. (Each button in Chromium: tests/browser.)
And the comparison of two revisions, for those who may read a story's history."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from newsdesk.content.models import Article, Section, Tag
from newsdesk.newsroom import services
from newsdesk.newsroom.models import AuditEntry, PublishedChange, Revision
from tests.newsroom.test_admin import _change, _form, _messages

QUOTE = "<p>Snow and fog are forecast.</p><blockquote>“Stay at home,” said the akim.</blockquote>"


@pytest.fixture
def sent_back(journalist, editor, draft_by) -> Article:
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    return services.article_send_back(article=article, by=editor, comment="Add a quote.")


def test_submit_saves_the_unsaved_quote_first(client, journalist, sent_back):
    client.force_login(journalist)
    response = client.post(
        _change(sent_back), _form(sent_back.section, sent_back, body=QUOTE, _workflow="submit"), follow=True
    )
    assert "Submitted for review." in _messages(response) and "Your changes are saved." in _messages(response)
    article = Article.objects.get(pk=sent_back.pk)
    assert article.status == Article.Status.IN_REVIEW and "Stay at home" in article.body
    assert Revision.objects.filter(article=article).first().body == article.body
    actions = list(AuditEntry.objects.filter(article=article).values_list("action", flat=True)[:2])
    assert actions == [AuditEntry.Action.SUBMITTED, AuditEntry.Action.EDITED]


def test_a_button_on_an_unchanged_form_acts_without_an_empty_revision(client, journalist, sent_back):
    revisions = Revision.objects.filter(article=sent_back).count()
    client.force_login(journalist)
    data = _form(sent_back.section, sent_back, slug=sent_back.slug, lead="", body=sent_back.body)
    response = client.post(_change(sent_back), data | {"_workflow": "submit"}, follow=True)
    assert "Your changes are saved." not in _messages(response)
    assert Article.objects.get(pk=sent_back.pk).status == Article.Status.IN_REVIEW
    assert Revision.objects.filter(article=sent_back).count() == revisions


def test_a_stale_form_is_given_back_with_the_text_and_nothing_is_done(client, journalist, editor, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    opened_at = article.version
    article.title = "The editor's other tab"
    services.article_save(article=article, by=editor)
    client.force_login(editor)
    data = _form(article.section, article, body=QUOTE, expected_version=opened_at, _workflow="publish")
    response = client.post(_change(article), data)
    html = response.content.decode()
    assert response.status_code == 200 and "after you opened it" in html and "Stay at home" in html
    assert "Nothing was done yet" in html
    stored = Article.objects.get(pk=article.pk)
    assert stored.status == Article.Status.IN_REVIEW and "Stay at home" not in stored.body


def test_an_invalid_form_is_given_back_and_not_submitted(client, journalist, sent_back):
    client.force_login(journalist)
    data = _form(sent_back.section, sent_back, title="<b>Cold</b>", body=QUOTE, _workflow="submit")
    response = client.post(_change(sent_back), data)
    assert response.status_code == 200 and "Use plain text here" in response.content.decode()
    assert Article.objects.get(pk=sent_back.pk).status == Article.Status.DRAFT


def test_publishing_with_an_edit_publishes_the_edit(client, journalist, editor, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    client.force_login(editor)
    client.post(_change(article), _form(article.section, article, body=QUOTE, _workflow="publish"))
    stored = Article.objects.get(pk=article.pk)
    assert stored.is_visible and "Stay at home" in stored.body


def test_a_failed_action_keeps_the_saved_text_and_says_why(client, journalist, editor, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    client.force_login(editor)
    data = _form(article.section, article, body=QUOTE, _workflow="send_back", comment="  ")
    response = client.post(_change(article), data, follow=True)
    assert "Tell the author what to change." in _messages(response)
    stored = Article.objects.get(pk=article.pk)
    assert stored.status == Article.Status.IN_REVIEW and "Stay at home" in stored.body


def test_scheduling_takes_the_time_and_the_text_from_one_post(client, journalist, editor, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    client.force_login(editor)
    at = timezone.localtime(timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    client.post(_change(article), _form(article.section, article, body=QUOTE, _workflow="schedule", at=at))
    stored = Article.objects.get(pk=article.pk)
    assert stored.is_scheduled and "Stay at home" in stored.body


def test_starting_a_translation_saves_the_original_first(client, editor, draft_by):
    article = draft_by(editor)
    client.force_login(editor)
    response = client.post(_change(article), _form(article.section, article, body=QUOTE, _workflow="translate:ru"))
    translation = Article.objects.get(language="ru")
    assert response["Location"] == _change(translation)
    assert "Stay at home" in Article.objects.get(pk=article.pk).body and "Stay at home" in translation.body


def test_an_unknown_button_is_a_404_after_nothing_but_the_save(client, journalist, sent_back):
    client.force_login(journalist)
    response = client.post(_change(sent_back), _form(sent_back.section, sent_back, _workflow="explode"))
    assert response.status_code == 404
    assert Article.objects.get(pk=sent_back.pk).status == Article.Status.DRAFT


def _compare(article, a, b) -> str:
    return f"/admin/content/article/{article.pk}/compare/?a={a}&b={b}"


@pytest.fixture
def revised(journalist, editor, draft_by) -> Article:
    """A Russian story on the site, then updated: another figure, a new sentence, a tag and
    another section; its first revision from before revisions recorded the fields."""
    body = "<p>Морозы до минус 35 градусов ожидаются в Астане.</p><p>Школы закрыты.</p>"
    article = services.article_publish(article=draft_by(journalist, language="ru", body=body), by=editor)
    Revision.objects.filter(article=article).update(snapshot=None)  # as revisions saved before they did
    economy = Section.objects.create(slug="economy", name_en="Economy", name_ru="Экономика")
    editor.desk.sections.add(economy)
    editor = User.objects.get(pk=editor.pk)  # fresh: no cached sections
    article = Article.objects.get(pk=article.pk)
    article.body = (
        "<p>Морозы до минус 25 градусов ожидаются в Астане и Караганде.</p><p>Школы закрыты.</p>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
    services.article_save(article=article, by=editor, kind=PublishedChange.UPDATE)
    article.section = economy
    article.tags.set([Tag.objects.create(language="ru", name="погода", slug="pogoda")])
    services.article_save(article=article, by=editor, kind=PublishedChange.SILENT_FIX)
    return article


def test_an_editor_compares_two_revisions_word_by_word_with_what_placed_them(client, editor, revised):
    client.force_login(editor)
    response = client.get(_compare(revised, 3, 2))  # either order: the older on the left
    html = response.content.decode()
    assert response.status_code == 200
    assert "Морозы до минус <del>35</del> градусов" not in html  # revision 1 is not in this comparison
    assert "<del>Политика</del>" in html and "<ins>Экономика</ins>" in html and "<ins>погода</ins>" in html
    assert "Restore the text of revision 2" in html and "the section, tags, photo, bylines and source stay" in html

    html = client.get(_compare(revised, 1, 2)).content.decode()
    assert "Морозы до минус <del>35</del> градусов ожидаются в Астане." in html
    assert "Морозы до минус <ins>25</ins> градусов ожидаются в Астане <ins>и Караганде</ins>." in html
    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in html and "<script>alert(1)" not in html
    assert html.count('class="not-recorded"') == 5  # revision 1's fields: nothing compared with them
    assert "(changed)" not in html


def test_who_may_not_read_the_history_may_not_compare(client, other_journalist, sport_editor, revised):
    for outsider in (other_journalist, sport_editor):  # not its author; the editor of another section
        client.force_login(outsider)
        response = client.get(_compare(revised, 1, 2))
        assert response.status_code == 403, outsider
        assert "Караганде" not in response.content.decode()
