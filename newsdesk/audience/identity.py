"""Who a reader is, for counting, without cookies and without keeping anything personal.

A reader is `HMAC(salt of the day, address + user agent)`; the caps per address and per
network use `HMAC(salt of the day, address)` and the same of its network. The salt is random, made
once a day, and deleted after two days: after that, no one (the agency included) can
tell from stored data who read what. Yesterday's salt is kept so that a reader who
reads across midnight is still recognised within the 30-minute window.
"""

import hashlib
import hmac
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from newsdesk.audience.models import DailySalt
from newsdesk.lib.addresses import client_address
from newsdesk.lib.memo import BoundedMemo

# A day's salt never changes once made, so a process keeps it; only today's and
# yesterday's are ever asked for, and the oldest day makes room for a new one.
_salts: BoundedMemo[date, str] = BoundedMemo(capacity=4)


def salt_for(day: date) -> str:
    """The day's salt, made on first use; kept in memory for the day."""
    salt = _salts.get(day)
    if salt is None:
        try:
            with transaction.atomic():
                row, _created = DailySalt.objects.get_or_create(day=day, defaults={"salt": secrets.token_hex(32)})
        except IntegrityError:  # another process made it first
            row = DailySalt.objects.get(day=day)
        salt = row.salt
        _salts.put(day, salt)
    return salt


def salts_forget(*, today: date) -> int:
    """Delete the salts older than yesterday (the worker calls this; an app process keeps
    at most a few days' salts in memory, and only ever asks for today's and yesterday's)."""
    deleted, _ = DailySalt.objects.filter(day__lt=today - timedelta(days=1)).delete()
    return deleted


def dedupe_window() -> timedelta:
    """How long one reader counts once for one article (also how long yesterday's
    identity is still checked after midnight)."""
    return timedelta(minutes=settings.NEWSDESK["VIEW_DEDUPE_MINUTES"])


@dataclass(frozen=True)
class Reader:
    today: str
    yesterday: str | None  # only within the dedupe window after midnight (UTC)
    # The same keyed hash of the address alone and of its network, whatever the user agent:
    # what the caps per address and per network count (view_rules.cap_counters).
    address: str | None = None
    network: str | None = None


def address_scopes(address: str) -> tuple[str, str, str]:
    """The address written one way (IPv4 written as IPv6 is IPv4), one subscriber's share
    of the address space, and its network, from one reading of the address:

    - a subscriber is the IPv4 address itself, or an IPv6 /64 (one home or office network,
      whose machines pick any address in it);
    - a network is the /24 (IPv4) or /48 (IPv6): what one provider's customer, office or
      carrier pool usually holds.

    Anything that is no address stands for itself in all three."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address, address, address
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.version == 4:
        return str(ip), str(ip), str(ipaddress.ip_network(f"{ip}/24", strict=False))
    return (
        str(ip),
        str(ipaddress.ip_network(f"{ip}/64", strict=False)),
        str(ipaddress.ip_network(f"{ip}/48", strict=False)),
    )


def reader_of(request: HttpRequest, at: datetime | None = None) -> Reader:
    at = at or timezone.now()
    at = at.astimezone(UTC)
    day = at.date()
    address, subscriber, network = address_scopes(client_address(request))
    material = f"{address}\n{request.headers.get('User-Agent', '')[:512]}".encode()
    salt = salt_for(day)
    today = _digest(salt, material)
    midnight = datetime.combine(day, datetime.min.time(), tzinfo=at.tzinfo)
    yesterday = _digest(salt_for(day - timedelta(days=1)), material) if at - midnight < dedupe_window() else None
    return Reader(
        today=today,
        yesterday=yesterday,
        address=_digest(salt, f"address\n{subscriber}".encode()),
        network=_digest(salt, f"network\n{network}".encode()),
    )


def _digest(salt: str, material: bytes) -> str:
    return hmac.new(salt.encode(), material, hashlib.sha256).hexdigest()[:32]
