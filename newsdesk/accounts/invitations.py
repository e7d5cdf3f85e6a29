"""Inviting a person to the back office: one form's worth of facts (name, address, role,
sections, language), an account without a password, and a mail with a link to choose one.

The link is signed and single-use: its token (Django's, with our own salt) is made from
the account's password and the invitation's last sending, so it stops working once the
password is chosen, once the invitation is sent again, and after PASSWORD_RESET_TIMEOUT.
A chief editor invites only into roles they hold themselves, and never a superuser
(`rules.grantable_roles`, `rules.can_leave_person_with`), checked here on the server.
"""

import logging
import smtplib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from newsdesk.accounts.models import Invitation, StaffPreferences
from newsdesk.accounts.roles import NEWSROOM_ROLES
from newsdesk.content.authors import Author
from newsdesk.content.models import Section
from newsdesk.lib.urls import absolute_url
from newsdesk.newsroom import roles, rules
from newsdesk.newsroom.models import AuditEntry, DeskMember
from newsdesk.newsroom.services import audit_record
from newsdesk.siteconfig.selectors import site_settings

if TYPE_CHECKING:
    from django.contrib.auth.models import User

log = logging.getLogger("newsdesk.accounts")

# The back office speaks these; the Latin edition is for readers.
BACK_OFFICE_LANGUAGES = ("ru", "kk", "en")


class InvitationTokens(PasswordResetTokenGenerator):
    """Password reset's tokens, salted apart (a reset link is no invitation, nor the other
    way round) and tied to the invitation's last sending."""

    key_salt = "newsdesk.accounts.invitations.InvitationTokens"

    def _make_hash_value(self, user: "User", timestamp: int) -> str:
        sent = Invitation.objects.filter(user=user, accepted_at=None).values_list("sent_at", flat=True).first()
        return f"{super()._make_hash_value(user, timestamp)}{sent.timestamp() if sent else 'accepted'}"


invitation_tokens = InvitationTokens()


def invitable_roles(actor: "User") -> list[Group]:
    """The newsroom's roles `actor` may give: never more than they hold themselves."""
    return [group for group in rules.grantable_roles(actor) if group.name in NEWSROOM_ROLES]


def _may_invite(actor: "User") -> bool:
    return actor.is_active and actor.has_perm("auth.add_user") and actor.has_perm("auth.change_user")


def email_taken(email: str) -> bool:
    """Someone has this address, or signs in with it (the address becomes the user name)."""
    email = email.strip()
    return get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists()


def person_invite(
    *,
    by: "User",
    email: str,
    first_name: str,
    last_name: str,
    role: Group,
    sections: Iterable[Section] = (),
    language: str,
    byline: bool = True,
) -> Invitation:
    """A new staff account for `email` in `role`, without a password, and its invitation.

    The mail is sent by `invitation_send`, after the account is committed."""
    if not _may_invite(by) or role.pk not in {group.pk for group in invitable_roles(by)}:
        raise PermissionDenied
    email = get_user_model().objects.normalize_email(email.strip()).lower()
    if email_taken(email):
        raise ValidationError(_("Someone on the staff already has this e-mail address."), code="taken")
    if language not in BACK_OFFICE_LANGUAGES:
        raise ValidationError(_("There is no such language."), code="language")
    try:
        return _person_create(
            by=by,
            email=email,
            first_name=first_name,
            last_name=last_name,
            role=role,
            sections=sections,
            language=language,
            byline=byline,
        )
    except IntegrityError:  # the same address, invited at the same moment by someone else
        raise ValidationError(_("Someone on the staff already has this e-mail address."), code="taken") from None


def _person_create(
    *,
    by: "User",
    email: str,
    first_name: str,
    last_name: str,
    role: Group,
    sections: Iterable[Section],
    language: str,
    byline: bool,
) -> Invitation:
    with transaction.atomic():
        person = get_user_model()(username=email, email=email, first_name=first_name, last_name=last_name)
        person.set_unusable_password()
        person.save()
        person.groups.add(role)  # staff access follows (roles.staff_status_follow_roles)
        desk = DeskMember.objects.create(user=person)
        if role.name != roles.CHIEF_EDITOR:  # chief editors act in every section anyway
            desk.sections.set(list(sections))
        StaffPreferences.objects.create(user=person, language=language)
        if byline:
            Author.objects.create(name=person.get_full_name() or email, user=person)
        invitation = Invitation.objects.create(user=person, invited_by=by)
        if not rules.can_leave_person_with(actor=by, person=person):
            raise PermissionDenied  # rolls the whole invitation back
        audit_record(
            actor=by,
            action=AuditEntry.Action.PERMISSIONS_CHANGED,
            target=f"{person._meta.verbose_name}: {person}",
            message=f"invited as {role.name}",
        )
    return invitation


def invitation_resend(*, invitation: Invitation, by: "User") -> None:
    """A new link for a pending invitation (the earlier links stop working)."""
    if not invitation.is_pending:
        raise ValidationError(_("This person has accepted the invitation already."), code="accepted")
    if not _may_invite(by) or not rules.can_manage_person(actor=by, person=invitation.user):
        raise PermissionDenied
    invitation.sent_at = timezone.now()
    invitation.times_sent += 1
    invitation.save(update_fields=["sent_at", "times_sent"])


def invitation_link(invitation: Invitation) -> str:
    person = invitation.user
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    return absolute_url(
        reverse("invitation_accept", kwargs={"uidb64": uid, "token": invitation_tokens.make_token(person)})
    )


def invitation_send(*, invitation: Invitation) -> bool:
    """Mail the link, in the person's back-office language. False if the mail server refused."""
    person = invitation.user
    language = StaffPreferences.objects.filter(user=person).values_list("language", flat=True).first()
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {
            "person": person,
            "site_name": site_settings().name_for(language or settings.LANGUAGE_CODE) or "Newsdesk",
            "link": invitation_link(invitation),
            "username": person.get_username(),
            "invited_by": invitation.invited_by.get_full_name() if invitation.invited_by else "",
        }
        subject = " ".join(render_to_string("accounts/invitation_subject.txt", context).split())
        body = render_to_string("accounts/invitation_email.txt", context)
    try:
        send_mail(subject, body, None, [person.email])
    except (OSError, smtplib.SMTPException) as error:
        log.warning("invitation to %s not sent: %s", person.email, error)
        return False
    return True


def invitation_accept(*, person: "User") -> None:
    """The person chose their password: the invitation is done (its links are dead already)."""
    Invitation.objects.filter(user=person, accepted_at=None).update(accepted_at=timezone.now())


def pending_invitation_of(person: "User") -> Invitation | None:
    return Invitation.objects.filter(user=person, accepted_at=None).first()
