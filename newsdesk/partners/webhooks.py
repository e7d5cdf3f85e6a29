"""Webhook messages, signed as Standard Webhooks (standardwebhooks.com) has them.

Each POST carries the JSON payload and three headers: `webhook-id` (the message's id,
the same at every attempt), `webhook-timestamp` (seconds since the epoch) and
`webhook-signature`: "v1," and the base64 HMAC-SHA256, with the webhook's secret,
of "<id>.<timestamp>.<body>". The secret is "whsec_" and 24 random bytes in base64.
"""

import base64
import hashlib
import hmac
import json
import secrets
import time

from newsdesk.partners.models import Delivery, Webhook

SECRET_PREFIX = "whsec_"  # noqa: S105  (the format's prefix, not a secret)


def webhook_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def signature(*, secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def body_of(delivery: Delivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()


def webhook_request(delivery: Delivery, hook: Webhook) -> tuple[str, bytes, dict[str, str]]:
    """The signed POST of `delivery`: its URL, body and headers (signed now)."""
    body = body_of(delivery)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Newsdesk-Webhooks/1",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(
            secret=hook.secret, message_id=delivery.message_id, timestamp=timestamp, body=body
        ),
    }
    return hook.url, body, headers
