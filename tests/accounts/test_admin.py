"""Finding 11: a chief editor lifts a lockout in the back office; editors and journalists cannot."""

from django.test import Client

from newsdesk.accounts.models import SignInAttempt
from newsdesk.newsroom.models import AuditEntry
from tests.accounts.conftest import sign_in

GUESSER = "198.51.100.66"
LIST = "/admin/accounts/signinattempt/"


def _lock_out(client, username: str, address: str = GUESSER) -> None:
    for n in range(5):
        sign_in(client, username, f"wrong {n}", address=address)
    assert sign_in(client, username, address=address).status_code == 429


def _lift(client, action: str, attempts):
    return client.post(LIST, {"action": action, "_selected_action": [a.pk for a in attempts]})


def test_a_chief_editor_lifts_an_editors_lockout(client, editor, chief):
    _lock_out(Client(), "editor")
    client.force_login(chief)
    page = client.get(LIST)
    assert page.status_code == 200 and GUESSER in page.content.decode()
    response = _lift(client, "lift_for_account", SignInAttempt.objects.filter(username="editor")[:1])
    assert response.status_code == 302
    assert "5 failed sign-ins no longer count." in client.get(LIST).content.decode()
    assert sign_in(Client(), "editor", address=GUESSER).status_code == 302
    entry = AuditEntry.objects.get(target="sign-in lockout lifted")
    assert entry.actor == chief and f"editor @ {GUESSER}" in entry.message


def test_lifting_for_an_address_frees_every_account_it_was_locked_out_of(client, editor, journalist, chief):
    guesser = Client()
    _lock_out(guesser, "editor")
    _lock_out(guesser, "journalist")
    client.force_login(chief)
    _lift(client, "lift_for_address", SignInAttempt.objects.filter(username="editor")[:1])
    assert sign_in(Client(), "editor", address=GUESSER).status_code == 302
    assert sign_in(Client(), "journalist", address=GUESSER).status_code == 302


def test_editors_and_journalists_can_neither_see_nor_lift_lockouts(client, editor, journalist):
    _lock_out(Client(), "editor")
    attempts = SignInAttempt.objects.all()
    for person in (editor, journalist):
        client.force_login(person)
        assert client.get(LIST).status_code == 403
        assert _lift(client, "lift_for_account", attempts).status_code == 403
        assert _lift(client, "lift_for_address", attempts).status_code == 403
    assert SignInAttempt.objects.filter(cleared_at=None).count() == 5
    assert sign_in(Client(), "editor", address=GUESSER).status_code == 429


def test_a_chief_editor_resets_the_two_factor_of_someone_who_lost_their_phone(client, editor, chief):
    from newsdesk.accounts.models import TwoFactor
    from tests.accounts.helpers import two_factor_on

    two_factor_on(editor)
    root = editor.__class__.objects.create_superuser("root", password="a long root password")
    two_factor_on(root)
    client.force_login(chief)
    listing = client.get("/admin/auth/user/").content.decode()
    assert "two-factor" in listing
    client.post("/admin/auth/user/", {"action": "two_factor_reset", "_selected_action": [editor.pk, root.pk]})
    assert not TwoFactor.objects.filter(user=editor).exists()
    assert TwoFactor.objects.filter(user=root).exists()  # only a superuser resets a superuser's
    assert AuditEntry.objects.filter(actor=chief, target="editor", message="two-factor turned off").exists()


def test_an_editor_cannot_reset_anyones_two_factor(client, editor, journalist):
    from newsdesk.accounts.models import TwoFactor
    from tests.accounts.helpers import two_factor_on

    two_factor_on(journalist)
    client.force_login(editor)
    response = client.post("/admin/auth/user/", {"action": "two_factor_reset", "_selected_action": [journalist.pk]})
    assert response.status_code == 403
    assert TwoFactor.objects.filter(user=journalist).exists()
