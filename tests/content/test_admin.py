"""The minimal back office: write an article with a photo, publish it, withdraw it."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile

from newsdesk.content.models import Article, Photo
from tests.conftest import jpeg_bytes


def _staff(username: str, *codenames: str) -> User:
    user = User.objects.create_user(username, password="a long demo password", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="content", codename__in=codenames))
    return user


WRITER_PERMISSIONS = ("add_article", "change_article", "view_article", "add_photo", "view_photo", "view_section")


@pytest.fixture
def writer(db):
    return _staff("writer", *WRITER_PERMISSIONS)


@pytest.fixture
def editor(db):
    return _staff("editor", *WRITER_PERMISSIONS, "publish_article")


def _article_form(section, photo=None, **overrides) -> dict:
    data = {
        "language": "en",
        "title": "Cold spell to grip Kazakhstan",
        "slug": "",
        "lead": "Kazhydromet warns of a cold week.",
        "body": "<p>Snow and fog are forecast.</p>",
        "section": section.pk,
        "source": "",
        "photo": photo.pk if photo else "",
        "published_at_0": "",
        "published_at_1": "",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
    }
    return data | overrides


def test_a_writer_uploads_a_photo_and_writes_a_draft(client, writer, section):
    client.force_login(writer)
    upload = SimpleUploadedFile("snow.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(
        "/admin/content/photo/add/", {"file": upload, "alt_text": "Snow in Astana", "credit": "Depositphotos"}
    )
    assert response.status_code == 302, response.content
    photo = Photo.objects.get()
    response = client.post("/admin/content/article/add/", _article_form(section, photo))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT and article.photo == photo and article.created_by == writer
    assert article.slug == "cold-spell-to-grip-kazakhstan"


def test_the_form_explains_what_is_wrong(client, writer, section):
    client.force_login(writer)
    response = client.post(
        "/admin/content/article/add/",
        _article_form(section, title="<b>Cold</b> spell", body="<script>alert(1)</script>"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Use plain text here" in html and "The body has no text" in html
    assert not Article.objects.exists()


def test_a_fake_photo_is_refused_with_a_message(client, writer):
    client.force_login(writer)
    fake = SimpleUploadedFile("cat.jpg", b"GIF89a not really", content_type="image/jpeg")
    response = client.post("/admin/content/photo/add/", {"file": fake, "alt_text": "x", "credit": "y"})
    assert response.status_code == 200 and not Photo.objects.exists()
    assert "errorlist" in response.content.decode()


def test_only_an_editor_can_publish(client, writer, editor, make_article):
    article = make_article(ago=None)
    action = {"action": "publish", "_selected_action": [article.pk]}
    client.force_login(writer)
    client.post("/admin/content/article/", action)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    client.force_login(editor)
    client.post("/admin/content/article/", action)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.is_visible


def test_status_cannot_be_forced_through_the_form(client, writer, section):
    client.force_login(writer)
    client.post("/admin/content/article/add/", _article_form(section, status="published"))
    assert Article.objects.get().status == Article.Status.DRAFT
