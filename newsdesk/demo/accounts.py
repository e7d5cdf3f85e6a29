"""One staff account per role, for the demo edition only.

Passwords are random, made at load time, kept in DATA_DIR (git-ignored, readable by
the owner only) and printed by `make demo`; no account exists outside the demo.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from newsdesk.accounts import invitations
from newsdesk.accounts.models import RecoveryCode, TwoFactor
from newsdesk.content.models import Author, Section
from newsdesk.newsroom import roles
from newsdesk.newsroom.models import DeskMember

ACCOUNTS = [
    # (user name, role, full name, sections: None for none, "*" for all)
    ("journalist", roles.JOURNALIST, "Aigerim Journalist", None),
    ("editor", roles.EDITOR, "Yerlan Editor", "*"),
    ("chief", roles.CHIEF_EDITOR, "Saule Chief", None),
]


def accounts_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-accounts.txt"


def create_demo_accounts() -> list[tuple[str, str, str]]:
    """Create (or reset) the demo accounts; return (user name, role, password)."""
    User = get_user_model()
    created = []
    for username, role, full_name, sections in ACCOUNTS:
        password = secrets.token_urlsafe(9)
        first, last = full_name.split(" ", 1)
        user, _new = User.objects.get_or_create(username=username)
        user.first_name, user.last_name, user.is_staff, user.is_active = first, last, True, True
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        # A reset account starts without two-factor: the chief is taken to enrol at first sign-in.
        TwoFactor.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        desk, _new = DeskMember.objects.get_or_create(user=user)
        if sections == "*":
            desk.sections.set(Section.objects.all())
        # The loader made the author (role, biography); the account is theirs.
        author = (
            Author.objects.filter(user=user).first()
            or Author.objects.filter(name=full_name, user=None).first()
            or Author(name=full_name)
        )
        author.user = user
        author.save()
        created.append((username, role, password))
    private_file_write(accounts_file(), "".join(f"{u}\t{r}\t{p}\n" for u, r, p in created))
    _invitation_pending()
    return created


INVITED = "dana.newcomer@example.kz"


def _invitation_pending() -> None:
    """A journalist invited by the chief who has not chosen a password yet (no mail is sent)."""
    if invitations.email_taken(INVITED):
        return
    chief = get_user_model().objects.get(username="chief")
    invitations.person_invite(
        by=chief,
        email=INVITED,
        first_name="Dana",
        last_name="Newcomer",
        role=Group.objects.get(name=roles.JOURNALIST),
        sections=Section.objects.all()[:1],
        language="kk",
        byline=False,
    )


def private_file_write(path: Path, text: str) -> None:
    """The demo's secrets (passwords, the partner's key): readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Owner-only from the first byte; chmod too, for a file an older run left.
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as file:
        os.fchmod(file.fileno(), 0o600)
        file.write(text)


def describe_demo_accounts() -> str:
    path = accounts_file()
    if not path.exists():
        return ""
    lines = ["Demo back-office accounts (user name / password / role):"]
    for line in path.read_text().splitlines():
        username, role, password = line.split("\t")
        lines.append(f"  {username:<11} {password:<14} {role}")
    lines.append(
        "  The chief editor signs in with two-factor: the first sign-in sets it up with any\n"
        "  authenticator app (a QR code, or the key typed in)."
    )
    return "\n".join(lines)
