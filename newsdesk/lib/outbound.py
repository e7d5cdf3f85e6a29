"""Requests to other servers (webhooks, Telegram, wire feeds), safe from server-side
request forgery.

An address a partner or an editor gives could point the worker at this machine, the
private network or a cloud's metadata service. So at every attempt, after DNS: https only
(where the caller's `Rules` say so), no user name or password in the URL, and every
address the name resolves to must be public (not loopback, private, link-local, shared,
reserved or multicast) unless the rules allow private ones. The connection goes to the
address that was checked (the name is kept for TLS and the Host header), so a second DNS
answer cannot swap it. `post` follows no redirect; `fetch` follows a few, each checked as
the first, and reads no more than it was told.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

# What is read of a POST's answer: enough for an error message or a Bot API result.
ANSWER_BYTES = 65_536
_CHUNK = 65_536


class Refused(Exception):
    """The address may not be called, or its answer may not be taken; the message says why,
    in the active language."""


def _too_large(declared: int | None, most: int) -> str:
    allowed = number_format(most, force_grouping=True)
    if declared is None:
        return _("the answer is more than the %(allowed)s bytes allowed") % {"allowed": allowed}
    return _("the answer is %(declared)s bytes, more than the %(allowed)s allowed") % {
        "declared": number_format(declared, force_grouping=True),
        "allowed": allowed,
    }


@dataclass(frozen=True)
class Rules:
    https_only: bool
    allow_private: bool
    timeout: float

    @classmethod
    def for_deliveries(cls) -> "Rules":
        """Webhooks and Telegram (settings.OUTBOUND)."""
        chosen = settings.OUTBOUND
        return cls(
            https_only=bool(chosen["HTTPS_ONLY"]),
            allow_private=bool(chosen["ALLOW_PRIVATE"]),
            timeout=float(chosen["TIMEOUT"]),
        )


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    duration_ms: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    url: str = ""  # where the answer came from, after redirects


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def url_problem(url: str, rules: Rules | None = None) -> str | None:
    """Why `url` may never be called, by its form alone (forms check it on entry)."""
    rules = rules or Rules.for_deliveries()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises on a port that is no number)
    except ValueError:
        return _("not a valid URL")
    schemes = ("https",) if rules.https_only else ("https", "http")
    if parts.scheme not in schemes:
        if schemes == ("https",):
            return _("only https addresses are allowed")
        return _("only http(s) addresses are allowed")
    if not parts.hostname:
        return _("the address has no host")
    if parts.username is not None or parts.password is not None:
        return _("the address may not carry a user name or password")
    try:
        literal = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return None
    if not rules.allow_private and not is_public(literal):
        return _("the address is not a public one")
    return None


def _checked_address(host: str, port: int, rules: Rules) -> str:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Refused(_("the name %(host)s does not resolve (%(error)s)") % {"host": host, "error": error}) from error
    addresses = [ipaddress.ip_address(str(entry[4][0]).split("%")[0]) for entry in found]
    if not rules.allow_private:
        for address in addresses:
            if not is_public(address):
                raise Refused(
                    _("%(host)s resolves to %(address)s, which is not a public address")
                    % {"host": host, "address": address}
                )
    return str(addresses[0])


def _pool(url: str, rules: Rules, timeout: float) -> tuple[urllib3.HTTPConnectionPool, str, str]:
    """A one-connection pool to the checked address of `url`, its Host header and target."""
    if problem := url_problem(url, rules):
        raise Refused(problem)
    parts = urlsplit(url)
    assert parts.hostname is not None
    secure = parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    address = _checked_address(parts.hostname, port, rules)
    limits = urllib3.Timeout(connect=timeout, read=timeout)
    pool: urllib3.HTTPConnectionPool
    if secure:
        pool = urllib3.HTTPSConnectionPool(
            address, port, server_hostname=parts.hostname, assert_hostname=parts.hostname,
            timeout=limits, retries=False, maxsize=1,
        )  # fmt: skip
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=limits, retries=False, maxsize=1)
    default_port = port == (443 if secure else 80)
    host_header = parts.hostname if default_port else f"{parts.hostname}:{port}"
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return pool, host_header, target


def post(url: str, *, body: bytes, headers: dict[str, str], timeout: float | None = None) -> Answer:
    """POST `body` to `url` under the deliveries' rules; Refused, or an OSError-like
    urllib3 error when the server cannot be reached, or its answer."""
    rules = Rules.for_deliveries()
    pool, host_header, target = _pool(url, rules, timeout if timeout is not None else rules.timeout)
    started = time.monotonic()
    try:
        response = pool.urlopen(
            "POST", target, body=body, headers={**headers, "Host": host_header},
            redirect=False, retries=False, preload_content=False,
        )  # fmt: skip
        try:
            data = response.read(ANSWER_BYTES)
        finally:
            response.release_conn()
    finally:
        pool.close()
    return Answer(status=response.status, body=data, duration_ms=int((time.monotonic() - started) * 1000), url=url)


def fetch(url: str, *, headers: dict[str, str], rules: Rules, max_bytes: int, max_redirects: int = 3) -> Answer:
    """GET `url`, following at most `max_redirects` redirects (each address checked
    again), reading at most `max_bytes` of the body (Refused beyond), within `rules.timeout`
    seconds for the whole answer, not only for each read."""
    started = time.monotonic()
    for _hop in range(max_redirects + 1):
        pool, host_header, target = _pool(url, rules, rules.timeout)
        try:
            response = pool.urlopen(
                "GET", target, headers={**headers, "Host": host_header},
                redirect=False, retries=False, preload_content=False,
            )  # fmt: skip
            try:
                answer_headers = {name.lower(): value for name, value in response.headers.items()}
                if response.status in (301, 302, 303, 307, 308) and "location" in answer_headers:
                    url = urljoin(url, answer_headers["location"])
                    continue
                declared = answer_headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise Refused(_too_large(int(declared), max_bytes))
                chunks, size = [], 0
                # read1: what has arrived, so a server sending a byte at a time meets the clock.
                while chunk := response.read1(_CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise Refused(_too_large(None, max_bytes))
                    if time.monotonic() - started > rules.timeout:
                        raise Refused(_("the answer took more than %(seconds)s s") % {"seconds": f"{rules.timeout:g}"})
                    chunks.append(chunk)
            finally:
                response.release_conn()
        finally:
            pool.close()
        elapsed = int((time.monotonic() - started) * 1000)
        return Answer(
            status=response.status, body=b"".join(chunks), duration_ms=elapsed, headers=answer_headers, url=url
        )
    raise Refused(_("more than %(count)d redirects") % {"count": max_redirects})
