"""A role opens the back office: a person given the Editors role signs in without anyone
ticking "Staff status", and a password right for an account without a role says so."""

import pytest
from django.contrib.auth.models import Group, Permission, User

from newsdesk.newsroom import roles
from tests.accounts.test_people_admin import _user_form

from .conftest import PASSWORD


@pytest.fixture
def newcomer(db) -> User:
    return User.objects.create_user("aigerim", password=PASSWORD, first_name="Aigerim")


def test_a_chief_editor_gives_the_editors_role_and_the_person_signs_in(client, chief, newcomer):
    client.force_login(chief)
    editors = Group.objects.get(name=roles.EDITOR)
    response = client.post(f"/admin/auth/user/{newcomer.pk}/change/", _user_form(newcomer, groups=[str(editors.pk)]))
    assert response.status_code == 302, response.content
    assert User.objects.get(pk=newcomer.pk).is_staff
    client.logout()
    signed_in = client.post("/admin/login/", {"username": "aigerim", "password": PASSWORD})
    assert signed_in.status_code == 302 and client.get("/admin/").status_code == 200


def test_losing_the_last_role_closes_the_back_office(newcomer):
    newcomer.groups.add(Group.objects.get(name=roles.JOURNALIST))
    assert User.objects.get(pk=newcomer.pk).is_staff
    Group.objects.get(name=roles.JOURNALIST).user_set.remove(newcomer)  # from the role's side
    assert not User.objects.get(pk=newcomer.pk).is_staff


def test_staff_with_single_permissions_or_superusers_stay_without_a_role(newcomer):
    newcomer.is_staff = True
    newcomer.save()
    newcomer.user_permissions.add(Permission.objects.get(codename="view_article"))
    newcomer.groups.add(Group.objects.get(name=roles.JOURNALIST))
    newcomer.groups.clear()
    assert User.objects.get(pk=newcomer.pk).is_staff
    root = User.objects.create_superuser("root2", password=PASSWORD)
    root.groups.add(Group.objects.get(name=roles.EDITOR))
    root.groups.remove(Group.objects.get(name=roles.EDITOR))
    assert User.objects.get(pk=root.pk).is_staff


def test_the_right_password_without_a_role_is_told_what_is_missing(client, newcomer):
    response = client.post("/admin/login/", {"username": "aigerim", "password": PASSWORD})
    assert response.status_code == 200
    assert "no role in the back office yet" in response.content.decode()
    wrong = client.post("/admin/login/", {"username": "aigerim", "password": "not it at all"})
    assert "no role" not in wrong.content.decode()  # a wrong password learns nothing
