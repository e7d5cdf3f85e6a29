import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from newsdesk.content import services
from newsdesk.content.models import Article, Tag


@pytest.fixture
def journalist(db):
    return User.objects.create_user("journalist", password="x", is_staff=True)


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


def test_photos_get_responsive_renditions_once(db, settings):
    from pathlib import Path

    from django.core.files.base import ContentFile
    from PIL import Image

    from tests.conftest import jpeg_bytes

    photo = services.photo_create(
        by=None, file=ContentFile(jpeg_bytes(size=(1500, 1000)), name="p.jpg"), alt_text="Snow", credit="x"
    )
    made = {(r["mime"], r["width"]) for r in photo.renditions}
    widths = [320, 640, 960, 1280, 1500]
    assert made == {(mime, w) for mime in ("image/avif", "image/webp", "image/jpeg") for w in widths}
    for rendition in photo.renditions:
        with Image.open(Path(settings.MEDIA_ROOT) / rendition["name"]) as image:
            assert image.width == rendition["width"]
            assert image.format == {"image/avif": "AVIF", "image/webp": "WEBP", "image/jpeg": "JPEG"}[rendition["mime"]]
    picture = photo.picture()
    assert [s.mime for s in picture.sources] == ["image/avif", "image/webp"]
    assert picture.src.endswith("/1500.jpg") and "320w" in picture.srcset
