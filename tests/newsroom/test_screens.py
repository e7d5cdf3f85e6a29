"""The desk's screens say what is true: the back office's own header on every screen, a
story in review read as readers will see it, a scheduled story not called published,
and the author's recall from review."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Article
from newsdesk.newsroom import services
from newsdesk.newsroom.models import AuditEntry
from tests.newsroom.test_admin import _change

HEADING_BODY = "<h2>What the minister said</h2><p>Snow and fog are forecast.</p>"


@pytest.mark.parametrize("screen", ["{pk}/history/", "{pk}/compare/?a=1&b=2", "{pk}/views/", "most-viewed/"])
def test_every_screen_keeps_the_back_office_header_menu_and_log_out(client, chief, make_article, screen):
    article = make_article()
    services.revision_record(article=article, by=chief)
    services.article_save(article=article, by=chief)  # a second revision to compare
    client.force_login(chief)
    response = client.get("/admin/content/article/" + screen.format(pk=article.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Newsdesk back office" in page and "Django administration" not in page
    assert 'id="logout-form"' in page
    # The admin's own breadcrumbs (a list it styles), Home first.
    crumbs = page.split('<ol class="breadcrumbs">', 1)[1].split("</ol>", 1)[0]
    assert crumbs.strip().startswith('<li><a href="/admin/">')


def test_a_story_in_review_reads_as_html_not_markup(client, journalist, draft_by):
    article = services.article_submit(article=draft_by(journalist, body=HEADING_BODY), by=journalist)
    client.force_login(journalist)  # read only to its author while in review
    page = client.get(_change(article)).content.decode()
    assert '<div class="body-shown"><h2>What the minister said</h2>' in page
    assert "&lt;h2&gt;" not in page


def test_a_body_shown_read_only_is_sanitised_again(client, journalist, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    Article.objects.filter(pk=article.pk).update(body='<p>Hi</p><script>alert("x")</script>')  # past the model
    client.force_login(journalist)
    page = client.get(_change(article)).content.decode()
    assert 'alert("x")' not in page


@pytest.fixture
def scheduled(journalist, editor, draft_by) -> Article:
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    return services.article_publish(article=article, by=editor, at=timezone.now() + timedelta(hours=3))


def test_a_scheduled_story_says_so_and_offers_taking_it_off_the_schedule_not_withdrawal(client, editor, scheduled):
    client.force_login(editor)
    page = client.get(_change(scheduled)).content.decode()
    workflow = page.split('class="workflow"')[1].split("</section>")[0]
    assert "Scheduled for" in workflow and "Published" not in workflow
    assert "Take off the schedule" in workflow and "Withdraw from the site" not in workflow
    listing = client.get("/admin/content/article/").content.decode()
    assert "Scheduled for" in listing


def test_withdrawing_a_scheduled_story_is_refused_on_the_server(client, editor, scheduled):
    client.force_login(editor)
    client.post(f"/admin/content/article/{scheduled.pk}/workflow/withdraw/", {"reason": "crafted"})
    assert Article.objects.get(pk=scheduled.pk).status == Article.Status.PUBLISHED
    with pytest.raises(Exception, match="not on the site yet"):
        services.article_withdraw(article=scheduled, by=editor)


def test_the_author_recalls_a_story_from_review_and_may_edit_it_again(client, journalist, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    client.force_login(journalist)
    assert "Recall from review" in client.get(_change(article)).content.decode()
    client.post(f"/admin/content/article/{article.pk}/workflow/recall/")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert AuditEntry.objects.filter(article=article).first().action == AuditEntry.Action.RECALLED


def test_no_one_else_recalls_a_story(client, journalist, other_journalist, editor, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    for person in (other_journalist, editor):
        client.force_login(person)
        client.post(f"/admin/content/article/{article.pk}/workflow/recall/")
        assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW
    assert AuditEntry.objects.filter(article=article, action=AuditEntry.Action.REFUSED).exists()
    published = services.article_publish(article=article, by=editor)
    with pytest.raises(Exception, match="waiting for review"):
        services.article_recall(article=published, by=journalist)
