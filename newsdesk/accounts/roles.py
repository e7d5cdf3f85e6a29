"""What a role means for an account: two-factor for chief editors and superusers; staff
access for every newsroom role."""

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model

from newsdesk.newsroom.roles import CHIEF_EDITOR, EDITOR, JOURNALIST

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def two_factor_required(user: "User") -> bool:
    return bool(user.is_superuser or user.groups.filter(name=CHIEF_EDITOR).exists())


def two_factor_missing(user: "User") -> bool:
    """Whether `user` must have two-factor and has not turned it on: one query, on every back-office page."""
    accounts = get_user_model().objects.filter(pk=user.pk)
    if not user.is_superuser:
        accounts = accounts.filter(groups__name=CHIEF_EDITOR)
    return accounts.exclude(two_factor__confirmed_at__isnull=False).exists()


NEWSROOM_ROLES = (JOURNALIST, EDITOR, CHIEF_EDITOR)


def staff_status_follow_roles(user: "User") -> None:
    """A newsroom role opens the back office; losing the last one closes it.

    Someone kept on staff without a role (a superuser, or with single permissions) stays.
    Called whenever an account's roles change, by whatever means (`AccountsConfig.ready`).
    """
    has_role = user.groups.filter(name__in=NEWSROOM_ROLES).exists()
    if has_role == user.is_staff or (not has_role and (user.is_superuser or user.user_permissions.exists())):
        return
    user.is_staff = has_role
    type(user).objects.filter(pk=user.pk).update(is_staff=has_role)


def roles_changed(*, instance: object, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: object) -> None:
    """`m2m_changed` of accounts' roles, from either side (an account's roles or a role's members)."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        staff_status_follow_roles(instance)  # type: ignore[arg-type]  # the account
    elif pk_set:
        for person in get_user_model().objects.filter(pk__in=pk_set):
            staff_status_follow_roles(person)
