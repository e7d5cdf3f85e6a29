"""Adding a person is inviting them: one form, a mail through a real SMTP server on
127.0.0.1, a single-use link to choose a password. Every forged request is refused."""

import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from newsdesk.accounts import invitations
from newsdesk.accounts.models import Invitation, StaffPreferences
from newsdesk.content.authors import Author
from newsdesk.newsroom import roles
from newsdesk.newsroom.models import AuditEntry
from tests.accounts.conftest import sign_in
from tests.accounts.helpers import two_factor_on
from tests.conftest import _free_port
from tests.mailbox import smtp, text_of

__all__ = ["smtp"]

ADD = "/admin/auth/user/add/"
PASSWORD = "a brand new long password"


@pytest.fixture
def root(db) -> User:
    user = User.objects.create_superuser("root", password="a long root password", email="root@news.example.kz")
    two_factor_on(user)
    return user


def _invite(client, **overrides):
    data = {
        "first_name": "Aigerim",
        "last_name": "Sapar",
        "email": "Aigerim@News.example.kz",
        "role": str(Group.objects.get(name=roles.EDITOR).pk),
        "language": "kk",
        "byline": "on",
        **overrides,
    }
    return client.post(ADD, {key: value for key, value in data.items() if value is not None})


def _link(message) -> str:
    return re.search(r"(/admin/invitation/[^/\s]+/[^/\s]+/)", text_of(message)).group(1)


def _choose_password(client, link: str):
    form = client.get(link, follow=True)
    assert "Choose the password" in form.content.decode()
    return client.post(form.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD})


def test_a_chief_editor_invites_an_editor_in_one_form(client, chief, section, smtp):
    client.force_login(chief)
    form = client.get(ADD).content.decode()
    for name in ("first_name", "email", "role", "sections", "language", "byline"):
        assert f'name="{name}"' in form
    assert 'name="password1"' not in form and 'name="is_superuser"' not in form
    response = _invite(client, sections=[str(section.pk)])
    person = User.objects.get(email="aigerim@news.example.kz")
    assert response.status_code == 302 and response["Location"] == f"/admin/auth/user/{person.pk}/change/"
    assert person.username == "aigerim@news.example.kz" and person.is_staff and not person.is_superuser
    assert not person.has_usable_password()
    assert list(person.groups.values_list("name", flat=True)) == [roles.EDITOR]
    assert list(person.desk.sections.all()) == [section]
    assert StaffPreferences.objects.get(user=person).language == "kk"
    assert Author.objects.get(user=person).name == "Aigerim Sapar"
    invitation = Invitation.objects.get(user=person)
    assert invitation.invited_by == chief and invitation.accepted_at is None
    assert AuditEntry.objects.filter(actor=chief, target__contains="aigerim@news.example.kz").exists()
    [message] = smtp.messages
    assert message["To"] == "aigerim@news.example.kz"
    assert "aigerim@news.example.kz" in text_of(message)
    listed = client.get("/admin/auth/user/").content.decode()
    assert re.search(r'<td class="field-invited">pending</td>', listed)


def test_the_link_sets_the_password_once_then_the_person_signs_in(client, chief, smtp):
    client.force_login(chief)
    _invite(client)
    client.logout()
    link = _link(smtp.messages[0])
    done = _choose_password(client, link)
    assert done.status_code == 302 and done["Location"] == "/admin/login/"
    assert not done.wsgi_request.user.is_authenticated
    person = User.objects.get(email="aigerim@news.example.kz")
    assert Invitation.objects.get(user=person).accepted_at is not None
    assert "does not work any more" in client.get(link, follow=True).content.decode()
    assert sign_in(client, "aigerim@news.example.kz", PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_sending_again_makes_the_earlier_link_dead(client, chief, smtp):
    client.force_login(chief)
    _invite(client)
    person = User.objects.get(email="aigerim@news.example.kz")
    first = _link(smtp.messages[0])
    response = client.post(
        "/admin/auth/user/", {"action": "invitation_resend", "_selected_action": [str(person.pk)]}, follow=True
    )
    assert "1 invitation sent again." in response.content.decode()
    assert len(smtp.messages) == 2 and Invitation.objects.get(user=person).times_sent == 2
    client.logout()
    assert "does not work any more" in client.get(first, follow=True).content.decode()
    assert _choose_password(client, _link(smtp.messages[1])).status_code == 302


def test_a_password_reset_token_is_no_invitation(client, chief, smtp):
    client.force_login(chief)
    _invite(client)
    client.logout()
    person = User.objects.get(email="aigerim@news.example.kz")
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    forged = f"/admin/invitation/{uid}/{default_token_generator.make_token(person)}/"
    assert "does not work any more" in client.get(forged, follow=True).content.decode()
    person.refresh_from_db()
    assert not person.has_usable_password()


def test_an_accepted_invitation_is_not_sent_again(client, chief, smtp):
    client.force_login(chief)
    _invite(client)
    client.logout()
    _choose_password(client, _link(smtp.messages[0]))
    client.force_login(chief)
    person = User.objects.get(email="aigerim@news.example.kz")
    client.post("/admin/auth/user/", {"action": "invitation_resend", "_selected_action": [str(person.pk)]})
    assert len(smtp.messages) == 1


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"email": "EDITOR@news.example.kz"}, "email"),
        ({"email": "Editor.Login@news.example.kz"}, "email"),
        ({"sections": ["999999"]}, "sections"),
        ({"email": "not an address"}, "email"),
        ({"language": "de"}, "language"),
        ({"role": "999999"}, "role"),
        ({"role": None}, "role"),
    ],
)
def test_bad_input_is_a_form_error(client, chief, editor, smtp, overrides, field):
    editor.email = "editor@news.example.kz"
    editor.save()
    User.objects.create_user("editor.login@news.example.kz", email="other@news.example.kz")
    client.force_login(chief)
    response = _invite(client, **overrides)
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not User.objects.filter(first_name="Aigerim").exists() and smtp.messages == []


def test_a_forged_post_cannot_make_a_superuser_or_give_more_than_a_chief_editor_holds(client, chief, smtp):
    auditors = Group.objects.create(name="Auditors")
    auditors.permissions.set(Permission.objects.filter(codename="delete_user"))
    client.force_login(chief)
    response = _invite(client, role=str(auditors.pk))
    assert response.status_code == 200 and "role" in response.context["adminform"].form.errors
    response = _invite(
        client, is_superuser="on", user_permissions=[str(Permission.objects.get(codename="delete_user").pk)]
    )
    person = User.objects.get(email="aigerim@news.example.kz")
    assert response.status_code == 302 and not person.is_superuser and not person.user_permissions.exists()


def test_the_service_refuses_what_the_form_would_not_offer(chief, journalist):
    editors = Group.objects.get(name=roles.EDITOR)
    with pytest.raises(invitations.PermissionDenied):
        invitations.person_invite(
            by=journalist, email="x@news.example.kz", first_name="X", last_name="", role=editors, language="ru"
        )
    auditors = Group.objects.create(name="Auditors")
    auditors.permissions.set(Permission.objects.filter(codename="delete_user"))
    with pytest.raises(invitations.PermissionDenied):
        invitations.person_invite(
            by=chief, email="x@news.example.kz", first_name="X", last_name="", role=auditors, language="ru"
        )
    assert not User.objects.filter(email="x@news.example.kz").exists()


def test_an_editor_invites_no_one(client, editor, smtp):
    client.force_login(editor)
    assert client.get(ADD).status_code == 403
    assert _invite(client).status_code == 403
    assert not User.objects.filter(first_name="Aigerim").exists()


def test_a_chief_editor_cannot_send_a_superusers_invitation_again(client, chief, root, smtp):
    client.force_login(root)
    _invite(client)
    person = User.objects.get(email="aigerim@news.example.kz")
    person.is_superuser = True
    person.save()
    smtp.messages.clear()
    client.force_login(chief)
    client.post("/admin/auth/user/", {"action": "invitation_resend", "_selected_action": [str(person.pk)]})
    assert smtp.messages == []
    with pytest.raises(invitations.PermissionDenied):
        invitations.invitation_resend(invitation=person.invitation, by=chief)


def test_a_mail_server_that_is_down_keeps_the_person_and_says_so(client, chief, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": _free_port(), "timeout": 2},
        }
    }
    client.force_login(chief)
    response = _invite(client)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "was not sent" in page
    assert Invitation.objects.filter(user__email="aigerim@news.example.kz", accepted_at=None).exists()


def test_the_author_page_is_edited_on_the_persons_screen(client, chief, smtp):
    client.force_login(chief)
    _invite(client)
    person = User.objects.get(email="aigerim@news.example.kz")
    author = person.author
    html = client.get(f"/admin/auth/user/{person.pk}/change/").content.decode()
    assert 'name="author-0-name"' in html and f"/admin/content/author/{author.pk}/change/" in html
    data = {
        "username": person.username,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [str(pk) for pk in person.groups.values_list("pk", flat=True)],
        "date_joined_0": person.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": person.date_joined.strftime("%H:%M:%S"),
        "desk-TOTAL_FORMS": "1",
        "desk-INITIAL_FORMS": "1",
        "desk-MIN_NUM_FORMS": "0",
        "desk-MAX_NUM_FORMS": "1",
        "desk-0-id": str(person.desk.pk),
        "desk-0-user": str(person.pk),
        "author-TOTAL_FORMS": "1",
        "author-INITIAL_FORMS": "1",
        "author-MIN_NUM_FORMS": "0",
        "author-MAX_NUM_FORMS": "1",
        "author-0-id": str(author.pk),
        "author-0-user": str(person.pk),
        "author-0-name": "Aigerim Sapar-Nurlan",
        "author-0-job_title_ru": "Редактор",
    }
    response = client.post(f"/admin/auth/user/{person.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    author.refresh_from_db()
    assert author.name == "Aigerim Sapar-Nurlan" and author.job_title_ru == "Редактор"
