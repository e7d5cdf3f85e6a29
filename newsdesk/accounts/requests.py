"""The type of a back-office request once the admin site has let it through."""

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class StaffRequest(HttpRequest):
    """A request the admin site has let through: an active staff member's, signed in.

    For annotations only, so that `request.user` is the account and not possibly the
    anonymous user; no request is made of this class.
    """

    user: "User"
