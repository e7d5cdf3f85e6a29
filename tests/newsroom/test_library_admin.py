"""The reference data's screens in the back office, driven through HTTP: the authors'."""

import pytest
from django.contrib.auth.models import User

from newsdesk.content.models import Author

ADD = "/admin/content/author/add/"


def _change(author: Author) -> str:
    return f"/admin/content/author/{author.pk}/change/"


def _author_form(**overrides) -> dict:
    data = {
        "name": "Marina Kim",
        "slug": "",
        "user": "",
        "photo": "",
        "job_title_en": "Economy correspondent",
        "job_title_ru": "Корреспондент отдела экономики",
        "job_title_kk": "Экономика бөлімінің тілшісі",
        "biography_en": "Writes about energy and grain exports.",
        "biography_ru": "Пишет об энергетике и экспорте зерна.",
        "biography_kk": "Энергетика мен астық экспорты туралы жазады.",
    }
    return data | overrides


def _errors(response) -> dict:
    return response.context["adminform"].form.errors


def test_an_editor_adds_an_author_and_the_address_is_made_from_the_name(client, editor):
    client.force_login(editor)
    response = client.post(ADD, _author_form())
    assert response.status_code == 302, _errors(response)
    author = Author.objects.get()
    assert author.slug == "marina-kim"
    assert (author.job_title_for("ru"), author.biography_for("kk")) == (
        "Корреспондент отдела экономики",
        "Энергетика мен астық экспорты туралы жазады.",
    )
    second = client.post(ADD, _author_form(biography_en="Another Marina Kim, of the sports desk."))
    assert second.status_code == 302
    assert sorted(Author.objects.values_list("slug", flat=True)) == ["marina-kim", "marina-kim-2"]


def test_the_form_is_in_fieldsets_with_the_slug_filled_from_the_name(client, editor):
    client.force_login(editor)
    response = client.get(ADD)
    html = response.content.decode()
    assert response.status_code == 200
    titles = [fieldset.name for fieldset in response.context["adminform"]]
    assert titles == [None, "Portrait", "English", "Russian", "Kazakh"]
    assert response.context["prepopulated_fields"][0]["dependencies"][0].name == "name"
    assert 'id="django-admin-prepopulated-fields-constants"' in html
    assert 'name="photo"' in html and "admin-autocomplete" in html  # the photo library, searched


def test_the_list_shows_name_address_and_account(client, editor, journalist):
    Author.objects.create(name="Aigerim Journalist", user=journalist)
    Author.objects.create(name="Daniyar Sadykov")
    client.force_login(editor)
    html = client.get("/admin/content/author/").content.decode()
    assert "aigerim-journalist" in html and "daniyar-sadykov" in html
    assert ">journalist<" in html  # the account


def test_the_portrait_comes_from_the_photo_library_with_a_thumbnail(client, editor, make_photo):
    photo = make_photo(credit="Newsdesk demo image", alt_text="Portrait of Marina Kim")
    client.force_login(editor)
    response = client.post(ADD, _author_form(photo=photo.pk))
    assert response.status_code == 302
    author = Author.objects.get()
    assert author.photo == photo
    html = client.get(_change(author)).content.decode()
    assert "/320.jpg" in html and photo.file.url not in html  # the small rendition
    found = client.get(
        "/admin/autocomplete/",
        {"term": "Marina", "app_label": "content", "model_name": "author", "field_name": "photo"},
    )
    assert [result["id"] for result in found.json()["results"]] == [str(photo.pk)]


def test_the_change_form_links_to_the_author_page(client, editor):
    author = Author.objects.create(name="Marina Kim")
    client.force_login(editor)
    html = client.get(_change(author)).content.decode()
    assert 'href="/en/author/marina-kim/"' in html


def test_the_account_is_one_of_the_staff_and_one_author_each(client, editor, journalist):
    Author.objects.create(name="Aigerim Journalist", user=journalist)
    reader = User.objects.create_user("reader")
    client.force_login(editor)
    taken = client.post(ADD, _author_form(user=journalist.pk))
    not_staff = client.post(ADD, _author_form(user=reader.pk))
    assert taken.status_code == not_staff.status_code == 200
    assert "user" in _errors(taken) and "user" in _errors(not_staff)
    assert Author.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("biography_en", "<script>alert(1)</script> Writes about energy."),
        ("biography_ru", '<a href="https://spam.example">Пишет</a>'),
        ("job_title_kk", "<b>Тілші</b>"),
        ("name", "<img src=x onerror=alert(1)>"),
        ("name", "   "),
        ("slug", "marina kim"),
        ("slug", "марина-ким"),
        ("slug", "../etc"),
        ("slug", "x" * 161),
        ("biography_en", "x" * 2001),
        ("photo", "abc"),
        ("photo", "9" * 30),
        ("user", "9" * 30),
        ("user", "-1"),
    ],
)
def test_hostile_input_is_a_form_error(client, editor, field, value):
    client.force_login(editor)
    response = client.post(ADD, _author_form(**{field: value}))
    assert response.status_code == 200
    assert field in _errors(response)
    assert not Author.objects.exists()


def test_a_slug_taken_by_another_author_is_a_form_error(client, editor):
    Author.objects.create(name="Marina Kim")
    other = Author.objects.create(name="Marina Kim of Sport")
    client.force_login(editor)
    response = client.post(_change(other), _author_form(name="Marina Kim of Sport", slug="marina-kim"))
    assert response.status_code == 200 and "slug" in _errors(response)
    assert Author.objects.get(pk=other.pk).slug == "marina-kim-of-sport"


def test_control_characters_are_refused_or_taken_out(client, editor):
    client.force_login(editor)
    response = client.post(ADD, _author_form(biography_en="Writes\x00 about energy."))
    assert response.status_code == 200 and "biography_en" in _errors(response)  # a NUL: refused
    response = client.post(ADD, _author_form(biography_en="Writes\x1b about energy.\x7f"))
    assert response.status_code == 302
    assert Author.objects.get().biography_en == "Writes about energy."  # escapes: taken out


def test_a_journalist_reads_the_authors_but_may_not_change_them(client, journalist):
    author = Author.objects.create(name="Marina Kim")
    client.force_login(journalist)
    assert client.get(_change(author)).status_code == 200
    assert client.post(_change(author), _author_form(name="Hijacked")).status_code == 403
    assert client.post(ADD, _author_form()).status_code == 403
    assert Author.objects.get(pk=author.pk).name == "Marina Kim"
