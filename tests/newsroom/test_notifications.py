"""Notifications: who hears of which workflow step, and each person's own list."""

import pytest
from django.db import transaction

from newsdesk.content.authors import Author
from newsdesk.content.models import Byline
from newsdesk.newsroom import services
from newsdesk.newsroom.models import Notification, PublishedChange

Kind = Notification.Kind


def _told(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_a_submission_tells_the_sections_editors_and_the_chief_editors_not_the_author(
    journalist, editor, sport_editor, chief, draft_by
):
    story = draft_by(journalist)
    services.article_submit(article=story, by=journalist)
    assert _told(Kind.SUBMITTED) == {"editor", "chief"}


def test_sent_back_published_and_corrected_tell_the_authors_not_the_editor(
    journalist, other_journalist, editor, draft_by
):
    story = draft_by(journalist)
    Byline.objects.create(article=story, author=Author.objects.create(name="Other", user=other_journalist))
    services.article_submit(article=story, by=journalist)
    services.article_send_back(article=story, by=editor, comment="Name the minister.")
    assert _told(Kind.SENT_BACK) == {"journalist", "other"}
    assert Notification.objects.filter(kind=Kind.SENT_BACK).first().message == "Name the minister."
    services.article_submit(article=story, by=journalist)
    services.article_publish(article=story, by=editor)
    assert _told(Kind.PUBLISHED) == {"journalist", "other"}
    story.refresh_from_db()
    services.article_save(
        article=story, by=editor, kind=PublishedChange.CORRECTION, correction_note="The minister's name."
    )
    assert _told(Kind.CORRECTED) == {"journalist", "other"}
    assert not Notification.objects.filter(recipient=editor).exclude(kind=Kind.SUBMITTED).exists()


def test_a_step_rolled_back_leaves_no_notification(journalist, editor, draft_by):
    story = draft_by(journalist)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.article_submit(article=story, by=journalist)
        raise RuntimeError
    assert not Notification.objects.exists()


def test_a_refused_step_tells_no_one(journalist, other_journalist, draft_by):
    story = draft_by(journalist)
    with pytest.raises(services.Refused):
        services.article_submit(article=story, by=other_journalist)
    assert not Notification.objects.exists()


def test_the_list_is_ones_own_newest_first_and_the_header_counts_it(
    client, journalist, other_journalist, editor, draft_by
):
    first, second = draft_by(journalist, title="First story"), draft_by(journalist, title="Second story")
    theirs = draft_by(other_journalist, title="Someone else's story")
    for story, author in ((first, journalist), (second, journalist), (theirs, other_journalist)):
        services.article_submit(article=story, by=author)
        services.article_send_back(article=story, by=editor, comment=f"Fix {story.pk}")
    client.force_login(journalist)
    response = client.get("/admin/notifications/")
    html = response.content.decode()
    assert html.index("Second story") < html.index("First story")
    assert "else&#x27;s story" not in html and f"/admin/content/article/{first.pk}/change/" in html
    assert '<span class="notifications-count">2</span>' in client.get("/admin/").content.decode()


def test_mark_all_read_marks_only_ones_own(client, journalist, other_journalist, editor, draft_by):
    mine, theirs = draft_by(journalist), draft_by(other_journalist)
    for story, author in ((mine, journalist), (theirs, other_journalist)):
        services.article_submit(article=story, by=author)
        services.article_send_back(article=story, by=editor, comment="Again.")
    others = Notification.objects.get(recipient=other_journalist)
    client.force_login(journalist)
    # Posting another person's notification by its id marks nothing of theirs.
    assert client.post("/admin/notifications/read/", {"id": [str(others.pk), "x", "²", "9" * 40]}).status_code == 302
    others.refresh_from_db()
    assert others.read_at is None
    assert Notification.objects.get(recipient=journalist).read_at is None  # not among the ids posted
    client.post("/admin/notifications/read/")
    assert Notification.objects.get(recipient=journalist).read_at is not None
    others.refresh_from_db()
    assert others.read_at is None
    assert client.get("/admin/notifications/read/").status_code == 405


def test_the_pages_are_for_signed_in_staff_only(client, db):
    assert client.get("/admin/notifications/").status_code == 302
    assert client.post("/admin/notifications/read/").status_code == 302
