"""API keys: made at random, shown once, kept as a SHA-256 digest, revoked at once.

A key is "ndk_" and 32 random bytes in URL-safe base64: far too many to guess, so one
round of SHA-256 is enough to keep it (a slow password hash would only slow every
request). A request's key is looked up by its digest on every request, never kept in a
process: a revoked key is refused by every app server from the next request on.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from newsdesk.partners.models import Partner, PartnerKey

KEY_PREFIX = "ndk_"
# The first characters of a key, kept in clear so that people can tell keys apart.
SHOWN_CHARACTERS = 10
# A key's "last used" time is written at most this often.
LAST_USED_EVERY = timedelta(minutes=1)


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def partner_key_create(*, partner: Partner, label: str, by: User | None) -> tuple[PartnerKey, str]:
    """A new key for `partner`: the row, and the key itself, which is never stored."""
    if by is not None and not by.has_perm("partners.add_partnerkey"):
        raise PermissionDenied(_("You may not make API keys."))
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    row = PartnerKey.objects.create(
        partner=partner,
        label=label.strip()[:100],
        prefix=key[:SHOWN_CHARACTERS],
        digest=key_digest(key),
        created_by=by if by is not None and by.pk else None,
    )
    return row, key


def partner_key_revoke(*, key: PartnerKey, by: User | None) -> None:
    if by is not None and not by.has_perm("partners.change_partnerkey"):
        raise PermissionDenied(_("You may not revoke API keys."))
    PartnerKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def partner_for_key(key: str, *, now: datetime) -> Partner | None:
    """The active partner whose unrevoked key `key` is, or None."""
    if not key.startswith(KEY_PREFIX) or len(key) > 100:
        return None
    found = (
        PartnerKey.objects.select_related("partner")
        .filter(digest=key_digest(key), revoked_at__isnull=True, partner__is_active=True)
        .first()
    )
    if found is None:
        return None
    if found.last_used_at is None or now - found.last_used_at >= LAST_USED_EVERY:
        PartnerKey.objects.filter(pk=found.pk).update(last_used_at=now)
    return found.partner
