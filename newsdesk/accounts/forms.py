"""Sign-in forms: the password step behind the throttle and the hashing cap; the code step."""

import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from newsdesk.accounts import services
from newsdesk.accounts.hashing import hashing_slot
from newsdesk.accounts.models import SignInAttempt
from newsdesk.accounts.throttle import Refusal, busy_refusal, signin_refusal
from newsdesk.lib.addresses import client_address

if TYPE_CHECKING:
    from django.contrib.auth.models import User

log = logging.getLogger("newsdesk.accounts")


def refusal_log(refusal: Refusal, *, username: str, address: str) -> None:
    log.warning("sign-in refused (%s): %r from %s", refusal.reason, username, address)


class StaffAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in form, asked in this order: the throttle (database reads only),
    a free hashing slot, and only then the password hash."""

    refusal: Refusal | None = None

    def confirm_login_allowed(self, user: "User") -> None:
        super(AdminAuthenticationForm, self).confirm_login_allowed(user)  # an inactive account's own message
        if not user.is_staff:
            # The password was right: say what is missing rather than that it was wrong.
            raise ValidationError(
                _("This account has no role in the back office yet. Ask a chief editor to give it one."),
                code="no_role",
            )

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return self.cleaned_data  # the fields' own "required" errors
        if self.request is None:
            raise TypeError("the sign-in form needs the request: the throttle counts by address")
        address = client_address(self.request)
        refusal = signin_refusal(username=username, address=address)
        if refusal is None:
            with hashing_slot() as free:
                if free:
                    try:
                        return super().clean()
                    except ValidationError:
                        services.attempt_record(
                            username=username, address=address, outcome=SignInAttempt.Outcome.WRONG_PASSWORD
                        )
                        raise
            refusal = busy_refusal()
        self.refusal = refusal
        refusal_log(refusal, username=username, address=address)
        raise ValidationError(refusal.message, code="throttled")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six digits your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )


class FirstCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "spellcheck": "false"}
        ),
    )


class StaffPasswordResetForm(PasswordResetForm):
    """Mails a reset link to active staff with that address; to no one else, silently."""

    def get_users(self, email: str) -> Iterator["User"]:
        return (user for user in super().get_users(email) if user.is_staff)
