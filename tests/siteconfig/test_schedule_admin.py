"""The TV schedule's screen: chief editors and whoever manages the site's settings edit it,
in the agency's zone; a clash or a programme that ends before it starts is a form error."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission, User

from newsdesk.siteconfig.models import Programme, SiteSettings
from tests.newsroom.conftest import chief, journalist

__all__ = ["chief", "journalist"]

ADD = "/admin/siteconfig/programme/add/"
ALMATY = ZoneInfo("Asia/Almaty")


def _form(**overrides) -> dict:
    return {
        "edition": "ru", "title_ru": "Новости", "title_kk": "Жаңалықтар", "title_en": "News",
        "description_ru": "", "description_kk": "", "description_en": "",
        "starts_at_0": "2026-12-07", "starts_at_1": "09:00", "ends_at_0": "2026-12-07", "ends_at_1": "09:30",
        **overrides,
    }  # fmt: skip


@pytest.fixture(autouse=True)
def agency_zone(db):
    SiteSettings.objects.update_or_create(pk=1, defaults={"time_zone": "Asia/Almaty"})


def test_a_chief_editor_adds_a_programme_in_the_agencys_zone(client, chief):
    client.force_login(chief)
    assert client.get("/admin/siteconfig/programme/").status_code == 200
    response = client.post(ADD, _form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    made = Programme.objects.get()
    assert made.starts_at == datetime(2026, 12, 7, 9, 0, tzinfo=ALMATY)
    assert (made.title_ru, made.title_kk, made.title_en) == ("Новости", "Жаңалықтар", "News")


def test_a_clash_or_an_end_before_the_start_is_a_form_error(client, chief):
    client.force_login(chief)
    client.post(ADD, _form())
    clash = client.post(ADD, _form(starts_at_1="09:15", ends_at_1="10:00"))
    assert clash.status_code == 200
    assert clash.context["adminform"].form.non_field_errors() == [
        "This edition's schedule already has “Новости” at that time (07.12.2026 09:00–09:30)."
    ]
    backwards = client.post(ADD, _form(starts_at_1="12:00", ends_at_1="11:00"))
    assert backwards.status_code == 200
    assert backwards.context["adminform"].form.errors["ends_at"] == ["A programme ends after it starts."]
    assert client.post(ADD, _form(starts_at_1="not a time", ends_at_0="")).status_code == 200
    assert Programme.objects.count() == 1
    assert client.post(ADD, _form(edition="kk")).status_code == 302  # another edition's schedule


def test_a_journalist_may_neither_see_nor_edit_the_schedule(client, journalist, chief):
    client.force_login(chief)
    client.post(ADD, _form())
    made = Programme.objects.get()
    client.force_login(journalist)
    assert client.get("/admin/siteconfig/programme/").status_code == 403
    assert client.post(ADD, _form(starts_at_1="12:00", ends_at_1="13:00")).status_code == 403
    change = f"/admin/siteconfig/programme/{made.pk}/change/"
    assert client.post(change, _form(title_ru="Взлом")).status_code == 403
    assert client.post(f"/admin/siteconfig/programme/{made.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Programme.objects.get().title_ru == "Новости" and Programme.objects.count() == 1


def test_whoever_manages_the_sites_settings_edits_the_schedule(client):
    manager = User.objects.create_user("manager", password="a long manager password", is_staff=True)
    manager.user_permissions.add(Permission.objects.get(codename="change_sitesettings"))
    client.force_login(manager)
    assert client.post(ADD, _form()).status_code == 302
    assert Programme.objects.count() == 1
