from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from newsdesk.content import services
from newsdesk.content.models import Article, Tag


@pytest.fixture
def journalist(db):
    return User.objects.create_user("journalist", password="x", is_staff=True)


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="publish_article"))
    return User.objects.get(pk=user.pk)


def test_create_makes_a_sanitised_draft(section, journalist):
    article = services.article_create(
        by=journalist, language="en", title="Title", body="<p>Text<script>x</script></p>", section=section
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.body == "<p>Text</p>"
    assert article.created_by == journalist


def test_create_reports_every_problem(section):
    with pytest.raises(ValidationError) as error:
        services.article_create(by=None, language="xx", title="", body="", section=section)
    assert {"language", "title", "body"} <= set(error.value.message_dict)
    assert not Article.objects.exists()


def test_tags_must_be_in_the_articles_language(section):
    russian_tag = Tag.objects.create(language="ru", name="погода", slug="pogoda")
    with pytest.raises(ValidationError):
        services.article_create(by=None, language="en", title="T", body="<p>b</p>", section=section, tags=[russian_tag])
    assert not Article.objects.exists()


def test_publish_needs_the_permission(make_article, journalist):
    article = make_article(ago=None)
    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, by=journalist)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_an_editor_publishes_now_or_schedules(make_article, editor):
    now_article = make_article("Now", ago=None)
    services.article_publish(article=now_article, by=editor)
    later = make_article("Later", ago=None)
    at = timezone.now() + timedelta(hours=2)
    services.article_publish(article=later, by=editor, at=at)
    assert list(Article.objects.visible()) == [now_article]
    later.refresh_from_db()
    assert later.status == Article.Status.PUBLISHED and later.published_at == at


def test_withdraw_takes_it_off_the_site(make_article, editor, journalist):
    article = make_article()
    with pytest.raises(PermissionDenied):
        services.article_withdraw(article=article, by=journalist)
    services.article_withdraw(article=article, by=editor)
    assert not Article.objects.visible().exists()
    with pytest.raises(ValidationError):
        services.article_publish(article=article, by=editor)


def test_only_a_published_article_can_be_withdrawn(make_article, editor):
    with pytest.raises(ValidationError):
        services.article_withdraw(article=make_article(ago=None), by=editor)


def test_photos_need_alt_text_and_credit(db):
    from django.core.files.base import ContentFile

    from tests.conftest import jpeg_bytes

    with pytest.raises(ValidationError) as error:
        services.photo_create(by=None, file=ContentFile(jpeg_bytes(), name="p.jpg"), alt_text="", credit="")
    assert {"alt_text", "credit"} <= set(error.value.message_dict)
    photo = services.photo_create(
        by=None, file=ContentFile(jpeg_bytes(), name="p.jpg"), alt_text="Snow", credit="Depositphotos"
    )
    assert (photo.width, photo.height) == (640, 360)
