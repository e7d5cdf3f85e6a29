"""One-time codes: TOTP (RFC 6238) secrets, encrypted at rest; recovery codes; the QR code.

A TOTP secret is encrypted with Fernet (AES + HMAC) under a key derived from SECRET_KEY
by HKDF, so a database dump alone gives no secret away. SECRET_KEY_FALLBACKS still
decrypt, so the key can be rotated as Django documents. Recovery codes are kept as keyed
digests (HMAC-SHA256 under another derived key); they are random enough (50 bits) that a
slow password hash is not needed, and checking them costs nothing worth throttling.
"""

import base64
import hashlib
import hmac
import secrets
import time

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

STEP_SECONDS = 30
DIGITS = 6
# A code is accepted one step either side of now: phones' clocks drift.
DRIFT_STEPS = 1
RECOVERY_CODES = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
RECOVERY_LENGTH = 10


def _derived_key(secret_key: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"newsdesk.accounts." + purpose).derive(
        secret_key.encode()
    )


def _secret_keys() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(base64.urlsafe_b64encode(_derived_key(key, b"totp-secret"))) for key in _secret_keys()])


def secret_new() -> str:
    """A fresh TOTP secret, base32 (160 bits, as RFC 4226 recommends)."""
    return pyotp.random_base32(length=32)


def secret_encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def secret_decrypt(encrypted: str) -> str | None:
    """The secret, or None when no current or fallback SECRET_KEY opens it."""
    try:
        return _fernet().decrypt(encrypted.encode()).decode()
    except InvalidToken:
        return None


def secret_for_display(secret: str) -> str:
    """The secret in groups of four, as authenticator apps accept it typed in."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def current_step(at: float | None = None) -> int:
    return int((time.time() if at is None else at) // STEP_SECONDS)


def code_at(secret: str, step: int) -> str:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).generate_otp(step)


def matching_step(secret: str, code: str, *, at: float | None = None) -> int | None:
    """The time step `code` belongs to, within the allowed drift, or None."""
    if not looks_like_totp(code):
        return None
    code = "".join(code.split())
    now = current_step(at)
    for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        if hmac.compare_digest(code_at(secret, step), code):
            return step
    return None


def looks_like_totp(code: str) -> bool:
    code = "".join(code.split())
    return len(code) == DIGITS and code.isascii() and code.isdigit()


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(name=account, issuer_name=issuer)


def qr_svg(uri: str, *, title: str) -> str:
    """The QR code of `uri` as inline SVG markup, drawn here: no image from anywhere else."""
    return segno.make(uri, error="m").svg_inline(scale=5, border=4, dark="#000", light="#fff", title=title)


def recovery_codes_new() -> list[str]:
    def one() -> str:
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        return f"{raw[:5]}-{raw[5:]}"

    return [one() for _ in range(RECOVERY_CODES)]


def recovery_normalise(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def recovery_digests(code: str, *, user_id: int) -> list[str]:
    """The digest of `code` under the current key first, then under each fallback key."""
    message = f"{user_id}:{recovery_normalise(code)}".encode()
    return [
        hmac.new(_derived_key(key, b"recovery-code"), message, hashlib.sha256).hexdigest() for key in _secret_keys()
    ]


def recovery_digest(code: str, *, user_id: int) -> str:
    return recovery_digests(code, user_id=user_id)[0]
