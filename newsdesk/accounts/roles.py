"""Who must sign in with two-factor: chief editors and superusers."""

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model

from newsdesk.newsroom.roles import CHIEF_EDITOR

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
