"""Managing people in the back office: no one takes over an account above their own, and
no one gives a role more than they hold. Every request is the one an attacker would craft."""

import pytest
from django.contrib.auth.models import Group, Permission, User

from newsdesk.newsroom import roles, rules
from newsdesk.newsroom.models import AuditEntry
from tests.accounts.helpers import two_factor_on

from .conftest import PASSWORD, staff


@pytest.fixture
def root(db) -> User:
    user = User.objects.create_superuser("root", password="a long root password")
    two_factor_on(user)  # superusers must
    return user


@pytest.fixture
def auditors(db) -> Group:
    """A group with a right no chief editor holds (deleting people)."""
    group = Group.objects.create(name="Auditors")
    group.permissions.set(Permission.objects.filter(codename__in=["delete_user", "view_user"]))
    return group


def _user_form(user: User, **overrides) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "desk-TOTAL_FORMS": "0",
        "desk-INITIAL_FORMS": "0",
        "desk-MIN_NUM_FORMS": "0",
        "desk-MAX_NUM_FORMS": "1",
        "author-TOTAL_FORMS": "0",
        "author-INITIAL_FORMS": "0",
        "author-MIN_NUM_FORMS": "0",
        "author-MAX_NUM_FORMS": "1",
    }
    return {key: value for key, value in (data | overrides).items() if value != ""}


def test_a_chief_editor_cannot_set_a_superusers_password(client, chief, root):
    client.force_login(chief)
    url = f"/admin/auth/user/{root.pk}/password/"
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": "taken over at last 42", "password2": "taken over at last 42"})
    assert response.status_code == 403
    root.refresh_from_db()
    assert root.check_password("a long root password")


def test_a_chief_editor_cannot_switch_a_superuser_off(client, chief, root):
    client.force_login(chief)
    response = client.post(f"/admin/auth/user/{root.pk}/change/", _user_form(root, is_active="", is_staff=""))
    assert response.status_code == 403
    root.refresh_from_db()
    assert root.is_active and root.is_staff and root.is_superuser


def test_a_chief_editor_sees_a_superuser_without_any_way_to_change_them(client, chief, root):
    client.force_login(chief)
    html = client.get(f"/admin/auth/user/{root.pk}/change/").content.decode()
    assert 'name="_save"' not in html and 'name="is_active"' not in html
    assert f"/admin/auth/user/{root.pk}/password/" not in html
    assert client.post(f"/admin/auth/user/{root.pk}/delete/", {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=root.pk).exists()


def test_a_chief_editor_cannot_give_a_role_they_do_not_hold(client, chief, journalist, auditors):
    client.force_login(chief)
    groups = [str(pk) for pk in journalist.groups.values_list("pk", flat=True)] + [str(auditors.pk)]
    response = client.post(f"/admin/auth/user/{journalist.pk}/change/", _user_form(journalist, groups=groups))
    assert response.status_code == 200  # the form again, with the error on the field
    assert "groups" in response.context["adminform"].form.errors
    assert not journalist.groups.filter(pk=auditors.pk).exists()
    html = client.get(f"/admin/auth/user/{journalist.pk}/change/").content.decode()
    assert "Auditors" not in html  # not even offered


def test_a_chief_editor_cannot_take_over_a_holder_of_rights_above_theirs(client, chief, auditors):
    auditor = staff("auditor", roles.JOURNALIST)
    auditor.groups.add(auditors)
    client.force_login(chief)
    url = f"/admin/auth/user/{auditor.pk}/password/"
    response = client.post(url, {"password1": "taken over at last 42", "password2": "taken over at last 42"})
    assert response.status_code == 403
    auditor.refresh_from_db()
    assert auditor.check_password(PASSWORD)


def test_a_chief_editor_gives_roles_they_hold_and_the_change_is_logged(client, chief, journalist):
    client.force_login(chief)
    editors = Group.objects.get(name=roles.EDITOR)
    response = client.post(
        f"/admin/auth/user/{journalist.pk}/change/", _user_form(journalist, groups=[str(editors.pk)])
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(journalist.groups.all()) == [editors]
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.PERMISSIONS_CHANGED, actor=chief)
    assert any(roles.EDITOR in entry.message and "journalist" in entry.target for entry in entries)


def test_a_chief_editor_resets_a_journalists_password(client, chief, journalist):
    client.force_login(chief)
    url = f"/admin/auth/user/{journalist.pk}/password/"
    response = client.post(url, {"password1": "a fresh long password", "password2": "a fresh long password"})
    assert response.status_code == 302
    journalist.refresh_from_db()
    assert journalist.check_password("a fresh long password")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PERMISSIONS_CHANGED, actor=chief).exists()


def test_a_superuser_changes_a_superuser(client, root):
    other = User.objects.create_superuser("second", password="another root password")
    two_factor_on(other)
    client.force_login(root)
    response = client.post(f"/admin/auth/user/{other.pk}/change/", _user_form(other, is_active="", is_superuser="on"))
    assert response.status_code == 302
    other.refresh_from_db()
    assert not other.is_active


def test_an_editor_manages_no_one(client, editor, journalist):
    client.force_login(editor)
    assert client.get(f"/admin/auth/user/{journalist.pk}/change/").status_code == 403
    assert client.get(f"/admin/auth/user/{journalist.pk}/password/").status_code == 403


@pytest.mark.parametrize("name", ["journalist", "editor", "chief"])
def test_the_rules_of_managing_people(name, journalist, editor, chief, root):
    people = {"journalist": journalist, "editor": editor, "chief": chief}
    actor = people[name]
    if name == "chief":
        assert rules.can_manage_person(actor=chief, person=journalist) and rules.can_manage_person(
            actor=chief, person=editor
        )
        assert rules.can_manage_person(actor=chief, person=chief)  # their own account (their password, their name)
    else:
        assert not rules.can_manage_person(actor=actor, person=journalist)
    assert not rules.can_manage_person(actor=actor, person=root)
    assert rules.can_manage_person(actor=root, person=actor) and rules.can_manage_person(actor=None, person=root)


def test_roles_given_are_within_the_givers_rights(chief, journalist, root, auditors):
    offered = {group.name for group in rules.grantable_roles(chief)}
    assert {roles.JOURNALIST, roles.EDITOR, roles.CHIEF_EDITOR} <= offered and "Auditors" not in offered
    assert "Auditors" in {group.name for group in rules.grantable_roles(root)}
    assert rules.can_leave_person_with(actor=chief, person=journalist)
    journalist.groups.add(auditors)  # as a crafted request past the form would leave them
    assert not rules.can_leave_person_with(actor=chief, person=journalist) and rules.can_leave_person_with(
        actor=root, person=journalist
    )
    journalist.is_superuser = True
    assert not rules.can_leave_person_with(actor=chief, person=journalist)
