"""The outbox: what each receiver outside is to be sent of a new version, written in the
same transaction as the version (versions.pending_settle) and sent by the worker
(webhooks.py, telegram.py). The editor's request never waits on anyone else's server.

A webhook's message follows the Standard Webhooks payload: `type`, `timestamp` and
`data`, here the edition, the change feed's cursor of the version and the ninjs item
with the partner's usage terms. The message id is made once and sent with every attempt,
so a partner that gets a message twice can tell.
"""

from datetime import datetime

from django.utils import timezone

from newsdesk.partners.access import editions_for, may_take
from newsdesk.partners.models import Delivery, ItemVersion, Partner, PubStatus, Webhook, message_id
from newsdesk.partners.ninjs import moment, with_usage_terms
from newsdesk.partners.telegram import telegram_deliveries


def event_type(*, version: ItemVersion, before: ItemVersion | None, partner: Partner) -> str:
    """What the version is to this partner: the first it hears of the story, a release
    from embargo, a correction, an update or a withdrawal."""
    if version.pubstatus == PubStatus.CANCELED:
        return "item.withdrawn"
    seen = (
        before is not None
        and before.pubstatus != PubStatus.CANCELED
        and may_take(partner, language=before.language, section_id=before.section_id, shown_to=before.shown_to)
    )
    if not seen:
        return "item.withheld" if version.pubstatus == PubStatus.WITHHELD else "item.published"
    assert before is not None
    if before.pubstatus == PubStatus.WITHHELD and version.pubstatus == PubStatus.USABLE:
        return "item.published"
    return "item.corrected" if version.change == "corrected" else "item.updated"


def webhook_payload(*, version: ItemVersion, edition: str, event: str, partner: Partner, at: datetime) -> dict:
    return {
        "type": event,
        "timestamp": moment(at),
        "data": {
            "edition": edition,
            "cursor": str(version.pk),
            "item": with_usage_terms(version.items[edition], partner.licence),
        },
    }


def deliveries_write(*, versions: list[ItemVersion], previous: dict[int, ItemVersion]) -> int:
    """The deliveries of `versions` to every active webhook whose partner may take them."""
    if not versions:
        return 0
    now = timezone.now()
    hooks = list(
        Webhook.objects.filter(is_active=True, paused_at__isnull=True, partner__is_active=True)
        .select_related("partner")
        .prefetch_related("partner__sections")
    )
    rows: list[Delivery] = []
    for version in versions:
        before = previous.get(version.article_id)
        for hook in hooks:
            partner = hook.partner
            if not may_take(
                partner, language=version.language, section_id=version.section_id, shown_to=version.shown_to
            ):
                continue
            event = event_type(version=version, before=before, partner=partner)
            for edition in editions_for(partner, version.language):
                rows.append(
                    Delivery(
                        message_id=message_id(),
                        webhook=hook,
                        article_id=version.article_id,
                        event=event,
                        payload=webhook_payload(version=version, edition=edition, event=event, partner=partner, at=now),
                        created_at=now,
                        next_attempt_at=now,
                    )
                )
        rows += telegram_deliveries(version=version, before=before, now=now)
    Delivery.objects.bulk_create(rows)
    return len(rows)
