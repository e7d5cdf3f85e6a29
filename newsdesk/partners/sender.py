"""The worker's side of the outbox: deliveries sent, retried, given up, endpoints paused.

Each run claims the deliveries that are due (a lease, so two workers never send one at
the same moment) and sends them, each receiver's in order, several receivers at once: a
slow or dead partner costs the others at most one timeout a run. A failed attempt puts the
receiver's waiting messages back by an exponential delay (30 s, 1 min, 2 min… at most an
hour); a message still refused a day after it was written is given up; a webhook that
has failed for a day is paused, and the chief editor sees it in the back office.
Every attempt is logged with its time, answer and duration.
"""

import logging
from collections import defaultdict, deque
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import urllib3
from django.db import transaction
from django.utils import timezone

from newsdesk.lib import outbound
from newsdesk.partners.models import Delivery, DeliveryAttempt, Webhook
from newsdesk.partners.telegram import Call, telegram_call, telegram_done
from newsdesk.partners.webhooks import webhook_request

log = logging.getLogger("newsdesk.partners")

LEASE = timedelta(minutes=2)  # longer than any attempt's timeouts
GIVE_UP_AFTER = timedelta(hours=24)
PAUSE_AFTER = timedelta(hours=24)
RECEIVERS_AT_ONCE = 4


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failure: 30 s doubled each time, at most an hour."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def _claim(now: datetime, limit: int) -> list[Delivery]:
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "id")
            .values_list("id", flat=True)[:limit]
        )
        Delivery.objects.filter(pk__in=ids).update(next_attempt_at=now + LEASE)
    return list(Delivery.objects.filter(pk__in=ids).select_related("webhook").order_by("id"))


def deliveries_send(*, now: datetime | None = None, limit: int = 200) -> int:
    """Send what is due; the number of deliveries accepted.

    In rounds: each receiver's next message, the requests of one round sent at once on
    a few threads (they only wait on the network), the database read and written here
    between rounds. A receiver that fails drops out of the run, its messages put back."""
    now = now or timezone.now()
    claimed = _claim(now, limit)
    by_receiver: dict[str, deque[Delivery]] = defaultdict(deque)
    for delivery in claimed:
        by_receiver[f"w{delivery.webhook_id}" if delivery.webhook_id else f"t{delivery.telegram_chat}"].append(delivery)
    queues = list(by_receiver.values())
    sent = 0
    with ThreadPoolExecutor(max_workers=RECEIVERS_AT_ONCE) as pool:
        while queues:
            heads = [queue.popleft() for queue in queues]
            plans = [_plan(delivery) for delivery in heads]
            started = timezone.now()
            outcomes = list(pool.map(_request, plans))
            still = []
            for queue, delivery, plan, outcome in zip(queues, heads, plans, outcomes, strict=True):
                if _record(delivery, plan, outcome, started):
                    sent += 1
                    if queue:
                        still.append(queue)
                elif queue:
                    retry_at = timezone.now() + retry_delay(delivery.attempts)
                    Delivery.objects.filter(pk__in=[d.pk for d in queue]).update(next_attempt_at=retry_at)
            queues = still
    return sent


Plan = tuple[str, bytes, dict[str, str]] | Call | None


def _plan(delivery: Delivery) -> Plan:
    if delivery.webhook is not None:
        return webhook_request(delivery, delivery.webhook)
    return telegram_call(delivery)


def _request(plan: Plan) -> outbound.Answer | Exception:
    """The network part alone: no database here (it runs on a pool's thread)."""
    try:
        if plan is None:
            return outbound.Answer(status=204, body=b"", duration_ms=0)  # nothing left to do
        if isinstance(plan, Call):
            return plan.send()
        url, body, headers = plan
        return outbound.post(url, body=body, headers=headers)
    except (outbound.Refused, urllib3.exceptions.HTTPError, OSError) as failure:
        return failure


def _record(delivery: Delivery, plan: Plan, outcome: outbound.Answer | Exception, started: datetime) -> bool:
    status_code, error, duration = None, "", int((timezone.now() - started).total_seconds() * 1000)
    if isinstance(outcome, outbound.Refused):
        error, duration = f"refused: {outcome}", 0
    elif isinstance(outcome, Exception):
        error = f"{type(outcome).__name__}: {outcome}"
    else:
        if isinstance(plan, Call):
            outcome = telegram_done(delivery, plan, outcome)
        status_code, duration = outcome.status, outcome.duration_ms
        if not 200 <= outcome.status < 300:
            error = outcome.body[:200].decode("utf-8", "replace")
    ok = status_code is not None and 200 <= status_code < 300
    now = timezone.now()
    with transaction.atomic():
        DeliveryAttempt.objects.create(
            delivery=delivery, at=started, status_code=status_code, duration_ms=duration, error=error[:300]
        )
        delivery.attempts += 1
        if ok:
            delivery.status, delivery.sent_at = Delivery.Status.SENT, now
        elif now - delivery.created_at >= GIVE_UP_AFTER:
            delivery.status = Delivery.Status.FAILED
        else:
            delivery.next_attempt_at = now + retry_delay(delivery.attempts)
        delivery.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at"])
        if delivery.webhook is not None:
            _endpoint_health(delivery.webhook, ok=ok, now=now)
    if not ok:
        log.warning("delivery %s (%s) failed: %s", delivery.message_id, delivery.event, error or status_code)
    return ok


def _endpoint_health(hook: Webhook, *, ok: bool, now: datetime) -> None:
    if ok:
        if hook.failing_since is not None:
            Webhook.objects.filter(pk=hook.pk).update(failing_since=None)
        return
    since = hook.failing_since or now
    fields = {"failing_since": since}
    if now - since >= PAUSE_AFTER:
        fields["paused_at"] = now
        log.warning("webhook %s paused: failing since %s", hook.url, since.isoformat())
        Delivery.objects.filter(webhook=hook, status=Delivery.Status.PENDING).update(status=Delivery.Status.FAILED)
    Webhook.objects.filter(pk=hook.pk).update(**fields)
    hook.failing_since = since
