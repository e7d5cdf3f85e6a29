"""Requests to other servers (webhooks, Telegram), safe from server-side request forgery.

An address a partner or an editor gives could point the worker at this machine, the
private network or a cloud's metadata service. So at every attempt, after DNS: https
only (unless OUTBOUND["HTTPS_ONLY"] is off), no user name or password in the URL, and
every address the name resolves to must be public (not loopback, private, link-local,
shared, reserved or multicast) unless OUTBOUND["ALLOW_PRIVATE"] says otherwise. The
connection goes to the address that was checked (the name is kept for TLS and the Host
header), so a second DNS answer cannot swap it. Redirects are not followed.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from django.conf import settings

# What is read of an answer: enough for an error message or a Bot API result.
ANSWER_BYTES = 65_536


class Refused(Exception):
    """The address may not be called; the message says why."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    duration_ms: int


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def url_problem(url: str) -> str | None:
    """Why `url` may never be called, by its form alone (forms check it on entry)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises on a port that is no number)
    except ValueError:
        return "not a valid URL"
    schemes = ("https",) if settings.OUTBOUND["HTTPS_ONLY"] else ("https", "http")
    if parts.scheme not in schemes:
        return "only https addresses are allowed" if schemes == ("https",) else "only http(s) addresses are allowed"
    if not parts.hostname:
        return "the address has no host"
    if parts.username is not None or parts.password is not None:
        return "the address may not carry a user name or password"
    try:
        literal = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return None
    if not settings.OUTBOUND["ALLOW_PRIVATE"] and not is_public(literal):
        return "the address is not a public one"
    return None


def _checked_address(host: str, port: int) -> str:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Refused(f"the name {host} does not resolve ({error})") from error
    addresses = [ipaddress.ip_address(str(entry[4][0]).split("%")[0]) for entry in found]
    if not settings.OUTBOUND["ALLOW_PRIVATE"]:
        for address in addresses:
            if not is_public(address):
                raise Refused(f"{host} resolves to {address}, which is not a public address")
    return str(addresses[0])


def post(url: str, *, body: bytes, headers: dict[str, str], timeout: float | None = None) -> Answer:
    """POST `body` to `url`, checked as the module says; Refused, or an OSError-like
    urllib3 error when the server cannot be reached, or its answer."""
    if problem := url_problem(url):
        raise Refused(problem)
    parts = urlsplit(url)
    assert parts.hostname is not None
    secure = parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    address = _checked_address(parts.hostname, port)
    seconds = timeout if timeout is not None else settings.OUTBOUND["TIMEOUT"]
    pool: urllib3.HTTPConnectionPool
    if secure:
        pool = urllib3.HTTPSConnectionPool(
            address, port, server_hostname=parts.hostname, assert_hostname=parts.hostname,
            timeout=urllib3.Timeout(connect=seconds, read=seconds), retries=False, maxsize=1,
        )  # fmt: skip
    else:
        pool = urllib3.HTTPConnectionPool(
            address, port, timeout=urllib3.Timeout(connect=seconds, read=seconds), retries=False, maxsize=1
        )
    default_port = port == (443 if secure else 80)
    host_header = parts.hostname if default_port else f"{parts.hostname}:{port}"
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
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
    return Answer(status=response.status, body=data, duration_ms=int((time.monotonic() - started) * 1000))
