"""The photo library from the story's form: search with thumbnails, and a dropped file
added with its description and credit, checked as every upload is."""

from django.core.files.uploadedfile import SimpleUploadedFile

from newsdesk.content.models import Photo
from tests.conftest import jpeg_bytes

URL = "/admin/content/article/photos/upload/"


def _upload(client, **fields):
    data = {"alt_text": "Snow in Astana", "credit": "Depositphotos"} | fields
    if "file" not in fields:
        data["file"] = SimpleUploadedFile("snow.jpg", jpeg_bytes(), content_type="image/jpeg")
    return client.post(URL, data)


def test_a_dropped_photo_joins_the_library_with_its_renditions(client, journalist):
    client.force_login(journalist)
    response = _upload(client)
    assert response.status_code == 201
    photo = Photo.objects.get(pk=response.json()["photo"]["id"])
    assert photo.renditions and photo.uploaded_by == journalist and photo.credit == "Depositphotos"
    assert response.json()["photo"]["thumb"].endswith(".jpg")
    found = client.get("/admin/content/article/photos/search/?q=astana").json()["photos"]
    assert [p["id"] for p in found] == [photo.pk]


def test_what_is_not_a_photo_gets_the_forms_errors(client, journalist):
    client.force_login(journalist)
    fake = SimpleUploadedFile("snow.jpg", b"<?php system($_GET['c']); ?>", content_type="image/jpeg")
    response = _upload(client, file=fake)
    assert response.status_code == 400 and "file" in response.json()["errors"]
    missing = _upload(client, alt_text="", credit="")
    assert missing.status_code == 400 and {"alt_text", "credit"} <= set(missing.json()["errors"])
    assert not Photo.objects.exists()


def test_only_those_who_may_add_photos_upload(client, db):
    from django.contrib.auth.models import Permission, User

    reader = User.objects.create_user("viewer", password="a long password 42", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(reader)
    assert _upload(client).status_code == 403
    assert client.get(URL).status_code in (403, 405)
    assert not Photo.objects.exists()
