"""The demo's partner: a newspaper with a key for the API and a webhook to the demo itself.

The key is made at load time, kept in DATA_DIR (git-ignored, owner only) and printed by
`make demo` with a curl that lists the latest stories. The webhook points at the demo's
own receiver (`/demo/webhook/`, below), so a new user sees deliveries sent, signed and
logged in the back office within a minute of publishing.
"""

from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsdesk.demo.accounts import private_file_write
from newsdesk.editions.definition import EDITION_CODES
from newsdesk.partners.keys import partner_key_create
from newsdesk.partners.models import Partner, Webhook
from newsdesk.partners.webhooks import webhook_secret

PARTNER_NAME = "Daily Courier (demo partner)"
RECEIVED_KEY = "demo:webhook:received"
RECEIVED_KEPT = 20


def key_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-api-key"


def create_demo_partner() -> str:
    """The demo partner (made again if it exists), its webhook and a new key; the key."""
    Partner.objects.filter(name=PARTNER_NAME).delete()
    partner = Partner.objects.create(
        name=PARTNER_NAME,
        contact_name="Aruzhan Desk",
        contact_email="desk@courier.example",
        editions=list(EDITION_CODES),
        requests_per_minute=600,
        licence="Licensed to the Daily Courier for its own website and print edition, with attribution.",
    )
    Webhook.objects.create(partner=partner, url=settings.SITE_URL + "/demo/webhook/", secret=webhook_secret())
    _row, key = partner_key_create(partner=partner, label="demo", by=None)
    private_file_write(key_file(), key + "\n")
    return key


def describe_demo_partner() -> str:
    path = key_file()
    if not path.exists():
        return ""
    key = path.read_text().strip()
    return (
        f"Partner API (docs: {settings.SITE_URL}/api/v1/docs), the demo partner's key is {key}:\n"
        f'  curl -H "Authorization: Bearer {key}" "{settings.SITE_URL}/api/v1/items?edition=en&limit=3"'
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def demo_webhook(request: HttpRequest) -> HttpResponse:
    """The demo partner's receiver: POSTs are kept (the last few, in the cache); GET lists them."""
    if request.method == "POST":
        received = cache.get(RECEIVED_KEY, [])
        received.insert(0, {"webhook-id": request.headers.get("webhook-id", ""), "bytes": len(request.body)})
        cache.set(RECEIVED_KEY, received[:RECEIVED_KEPT], timeout=86400)
        return HttpResponse(status=204)
    return JsonResponse({"received": cache.get(RECEIVED_KEY, [])})
