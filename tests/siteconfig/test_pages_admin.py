"""The agency pages' screen: chief editors and whoever manages the site's settings write the
pages; a journalist may neither see nor change them, whatever they post."""

from django.contrib.auth.models import Permission, User

from newsdesk.siteconfig.models import AgencyPage
from tests.newsroom.conftest import chief, journalist

__all__ = ["chief", "journalist"]

ADD = "/admin/siteconfig/agencypage/add/"


def _form(**overrides) -> dict:
    return {
        "edition": "ru", "kind": "about", "slug": "", "title": "О нас",
        "body": "<p>Агентство.</p><script>alert(1)</script>", "position": "1", "published": "on",
        **overrides,
    }  # fmt: skip


def test_a_chief_editor_writes_a_page_and_its_body_is_made_safe(client, chief):
    client.force_login(chief)
    assert client.get("/admin/siteconfig/agencypage/").status_code == 200
    response = client.post(ADD, _form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    page = AgencyPage.objects.get()
    assert (page.slug, page.body, page.published) == ("about", "<p>Агентство.</p>", True)


def test_a_second_page_of_a_kind_or_a_bad_address_is_a_form_error(client, chief):
    client.force_login(chief)
    client.post(ADD, _form())
    again = client.post(ADD, _form(slug="about-us"))
    assert again.status_code == 200 and "kind" in again.context["adminform"].form.errors
    bad = client.post(ADD, _form(kind="", slug="../../etc/passwd"))
    assert bad.status_code == 200 and "slug" in bad.context["adminform"].form.errors
    nothing = client.post(ADD, _form(kind="", slug=""))
    assert nothing.status_code == 200 and "slug" in nothing.context["adminform"].form.errors
    assert client.post(ADD, _form(kind="nonsense", position="-1")).status_code == 200
    assert AgencyPage.objects.count() == 1


def test_a_journalist_may_neither_see_nor_change_the_pages(client, chief, journalist):
    client.force_login(chief)
    client.post(ADD, _form())
    page = AgencyPage.objects.get()
    client.force_login(journalist)
    assert client.get("/admin/siteconfig/agencypage/").status_code == 403
    assert client.post(ADD, _form(edition="en", title="Hacked")).status_code == 403
    change = f"/admin/siteconfig/agencypage/{page.pk}/change/"
    assert client.post(change, _form(title="Взлом")).status_code == 403
    assert client.post(f"/admin/siteconfig/agencypage/{page.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AgencyPage.objects.get().title == "О нас" and AgencyPage.objects.count() == 1


def test_whoever_manages_the_sites_settings_writes_the_pages(db, client):
    manager = User.objects.create_user("manager", password="a long manager password", is_staff=True)
    manager.user_permissions.add(Permission.objects.get(codename="change_sitesettings"))
    client.force_login(manager)
    assert client.post(ADD, _form()).status_code == 302
    assert AgencyPage.objects.count() == 1
