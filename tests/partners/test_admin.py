"""The partner screens, as a chief editor uses them and as others are kept out of them."""

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from newsdesk.partners.keys import key_digest
from newsdesk.partners.models import Partner, PartnerKey, Webhook
from newsdesk.partners.webhooks import webhook_secret

ACTION = "/admin/partners/partner/"


def _add_partner(client, **fields) -> Partner:
    data = {"name": "Daily Courier", "contact_name": "Aruzhan", "contact_email": "desk@courier.example",
            "is_active": "on", "editions": ["en", "ru"], "requests_per_minute": "120", "licence": "Own site only.",
            "keys-TOTAL_FORMS": "0", "keys-INITIAL_FORMS": "0", "webhooks-TOTAL_FORMS": "0",
            "webhooks-INITIAL_FORMS": "0", "usage-TOTAL_FORMS": "0", "usage-INITIAL_FORMS": "0", **fields}  # fmt: skip
    response = client.post("/admin/partners/partner/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Partner.objects.get(name=data["name"])


def test_a_chief_editor_makes_a_partner_and_a_key_shown_once(client, chief):
    client.force_login(chief)
    partner = _add_partner(client)
    assert partner.editions == ["en", "ru"]
    response = client.post(ACTION, {"action": "key_make", "_selected_action": [partner.pk]}, follow=True)
    [message] = [str(m) for m in get_messages(response.wsgi_request) if "ndk_" in str(m)]
    key = next(word.rstrip(".") for word in message.split() if word.startswith("ndk_"))
    row = PartnerKey.objects.get()
    assert row.digest == key_digest(key) and key.startswith(row.prefix) and row.created_by == chief
    # The key itself is kept nowhere: neither in the row nor on the partner's page.
    assert key not in str(PartnerKey.objects.values_list())
    assert key not in client.get(f"/admin/partners/partner/{partner.pk}/change/").content.decode()
    assert client.get("/api/v1/items", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_revoking_a_key_works_at_once(client, chief, make_partner):
    _partner, key = make_partner()
    client.force_login(chief)
    row = PartnerKey.objects.get()
    client.post("/admin/partners/partnerkey/", {"action": "revoke", "_selected_action": [row.pk]})
    assert PartnerKey.objects.get().revoked_at is not None
    assert client.get("/api/v1/items", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


@pytest.mark.parametrize("who", ["editor", "journalist"])
def test_only_chief_editors_manage_partners(client, who, request, make_partner):
    partner, _key = make_partner()
    client.force_login(request.getfixturevalue(who))
    assert client.get("/admin/partners/partner/").status_code == 403
    response = client.post(ACTION, {"action": "key_make", "_selected_action": [partner.pk]})
    assert response.status_code == 403
    assert PartnerKey.objects.count() == 1  # the fixture's own
    assert client.get("/admin/partners/webhook/add/").status_code == 403


@pytest.mark.parametrize(
    "url", ["http://courier.example/hook", "https://127.0.0.1/hook", "https://169.254.169.254/", "javascript:alert(1)"]
)
def test_a_webhook_address_that_may_not_be_called_is_refused_on_entry(client, chief, make_partner, settings, url):
    settings.OUTBOUND = {**settings.OUTBOUND, "ALLOW_PRIVATE": False, "HTTPS_ONLY": True}
    partner, _key = make_partner()
    client.force_login(chief)
    response = client.post("/admin/partners/webhook/add/", {"partner": partner.pk, "url": url, "is_active": "on"})
    assert response.status_code == 200 and not Webhook.objects.exists()


def test_a_webhook_gets_its_secret_and_a_paused_one_is_resumed(client, chief, make_partner, settings):
    settings.OUTBOUND = {**settings.OUTBOUND, "ALLOW_PRIVATE": False, "HTTPS_ONLY": True}
    partner, _key = make_partner()
    client.force_login(chief)
    response = client.post(
        "/admin/partners/webhook/add/",
        {"partner": partner.pk, "url": "https://courier.example/hook", "is_active": "on"},
    )
    assert response.status_code == 302
    hook = Webhook.objects.get()
    assert hook.secret.startswith("whsec_") and len(hook.secret) > 30
    Webhook.objects.update(paused_at=timezone.now(), failing_since=timezone.now())
    assert "courier.example" in client.get("/admin/partners/webhook/?paused=1").content.decode()
    client.post("/admin/partners/webhook/", {"action": "resume", "_selected_action": [hook.pk]})
    hook.refresh_from_db()
    assert hook.paused_at is None and hook.failing_since is None


def test_the_partner_page_shows_its_use(client, chief, make_partner):
    from newsdesk.partners.models import PartnerUsage

    partner, _key = make_partner()
    PartnerUsage.objects.create(partner=partner, day=timezone.now().date(), requests=1234, items=5678)
    client.force_login(chief)
    page = client.get(f"/admin/partners/partner/{partner.pk}/change/").content.decode()
    assert "1234" in page and "5678" in page


def test_a_secret_is_never_shown_in_the_list(client, chief, make_partner):
    partner, _key = make_partner()
    hook = Webhook.objects.create(partner=partner, url="https://courier.example/h", secret=webhook_secret())
    client.force_login(chief)
    assert hook.secret not in client.get("/admin/partners/webhook/").content.decode()


def test_a_paused_webhook_is_announced_to_the_chief_editor(client, chief, make_partner):
    partner, _key = make_partner()
    Webhook.objects.create(
        partner=partner, url="https://courier.example/h", secret=webhook_secret(), paused_at=timezone.now()
    )
    client.force_login(chief)
    response = client.get("/admin/partners/partner/")
    assert any("paused" in str(m) for m in get_messages(response.wsgi_request))
