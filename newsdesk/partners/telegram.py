"""Telegram: each edition's channel gets its published stories, through the outbox.

A story readers can now see is posted (its photo with the title, lead and link as the
caption, or a text message with a link preview when it has none); a correction or an
update edits the post; a withdrawal deletes it. The bot's token and the Bot API's
address are settings (settings.TELEGRAM), the channels are in the site settings.
Telegram being slow or down delays the post, never the publish.
"""

import html
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from newsdesk.editions.editions import editions_showing, in_script
from newsdesk.lib import outbound
from newsdesk.partners.models import Delivery, ItemVersion, PubStatus, ShownTo, TelegramPost, message_id
from newsdesk.partners.ninjs import moment
from newsdesk.siteconfig.selectors import site_settings

POST, EDIT, DELETE = "telegram.post", "telegram.edit", "telegram.delete"
CAPTION_LIMIT = 1024  # characters of a photo's caption (Bot API)
TEXT_LIMIT = 4096
# The photo sent: the widest JPEG rendition up to this width (Telegram shows 1280 at most).
PHOTO_WIDTH = 1280


def _public(version: ItemVersion | None) -> bool:
    return version is not None and version.pubstatus == PubStatus.USABLE and version.shown_to == ShownTo.ALL


def telegram_deliveries(*, version: ItemVersion, before: ItemVersion | None, now: datetime) -> list[Delivery]:
    """The posts, edits and deletions `version` calls for in the editions' channels."""
    if not settings.TELEGRAM["BOT_TOKEN"]:
        return []
    if _public(version):
        event = EDIT if _public(before) else POST
    elif version.pubstatus == PubStatus.CANCELED and _public(before):
        event = DELETE
    else:
        return []
    site = site_settings()
    rows = []
    for edition in editions_showing(version.language):
        chat = site.telegram_channel_for(edition)
        if not chat:
            continue
        rows.append(
            Delivery(
                message_id=message_id(),
                telegram_chat=chat,
                article_id=version.article_id,
                event=event,
                payload={"edition": edition, "cursor": str(version.pk), "at": moment(now), **_post(version, edition)},
                created_at=now,
                next_attempt_at=now,
            )
        )
    return rows


def _post(version: ItemVersion, edition: str) -> dict[str, Any]:
    item = version.items[edition]
    link = item["renditions"][0]["href"]
    photo = None
    for association in item.get("associations", []):
        if association.get("rel") == "featureimage":
            jpegs = [r for r in association["renditions"] if r.get("contentType") == "image/jpeg"]
            fitting = [r for r in jpegs if r["width"] <= PHOTO_WIDTH] or jpegs
            photo = max(fitting, key=lambda r: r["width"])["href"] if fitting else association["uri"]
    lead = next((d["value"] for d in item.get("descriptions", []) if d.get("role") == "summary"), "")
    with translation.override(edition):
        more = in_script(_("Read more"), edition=edition)
    title = html.escape(item["headlines"][0]["value"])
    end = f'\n\n<a href="{html.escape(link)}">{html.escape(more)}</a>'
    room = (CAPTION_LIMIT if photo else TEXT_LIMIT) - len(title) - len(end) - 4
    lead = lead if len(lead) <= room else lead[: max(room - 1, 0)].rstrip() + "…"
    text = f"<b>{title}</b>" + (f"\n\n{html.escape(lead)}" if lead else "") + end
    return {"text": text, "photo": photo, "link": link}


@dataclass(frozen=True)
class Call:
    """One Bot API request, planned from the database and sent on its own."""

    method: str
    fields: dict[str, Any]

    def send(self) -> outbound.Answer:
        url = f"{settings.TELEGRAM['API_URL']}/bot{settings.TELEGRAM['BOT_TOKEN']}/{self.method}"
        body = json.dumps(self.fields, ensure_ascii=False).encode()
        return outbound.post(url, body=body, headers={"Content-Type": "application/json"})


def _parsed(answer: outbound.Answer) -> dict[str, Any]:
    try:
        parsed = json.loads(answer.body or b"{}")
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _harmless(answer: outbound.Answer) -> bool:
    """Telegram's refusals that mean the wanted state is there already."""
    description = str(_parsed(answer).get("description", "")).lower()
    return "message is not modified" in description or "message to delete not found" in description


def telegram_call(delivery: Delivery) -> Call | None:
    """The request a post, an edit or a deletion needs now; None when there is nothing to
    do (a post made already, or no post to edit or delete)."""
    payload, chat = delivery.payload, delivery.telegram_chat
    post = TelegramPost.objects.filter(article_id=delivery.article_id, chat=chat).first()
    if delivery.event == POST:
        if post is not None:
            return None
        if payload.get("photo"):
            return Call("sendPhoto", {"chat_id": chat, "photo": payload["photo"], "caption": payload["text"],
                                      "parse_mode": "HTML"})  # fmt: skip
        return Call("sendMessage", {"chat_id": chat, "text": payload["text"], "parse_mode": "HTML"})
    if post is None:
        return None
    if delivery.event == DELETE:
        return Call("deleteMessage", {"chat_id": chat, "message_id": post.message_id})
    text_field = "caption" if post.with_photo else "text"
    method = "editMessageCaption" if post.with_photo else "editMessageText"
    return Call(
        method, {"chat_id": chat, "message_id": post.message_id, text_field: payload["text"], "parse_mode": "HTML"}
    )


def telegram_done(delivery: Delivery, call: Call, answer: outbound.Answer) -> outbound.Answer:
    """Keep what the answer says (the post's message id, its deletion); the answer as the
    attempt's log has it, a harmless refusal counted as accepted."""
    ok = answer.status == 200 and bool(_parsed(answer).get("ok"))
    if ok and call.method in ("sendPhoto", "sendMessage"):
        TelegramPost.objects.create(
            article_id=delivery.article_id, chat=delivery.telegram_chat,
            message_id=int(_parsed(answer)["result"]["message_id"]), with_photo=call.method == "sendPhoto",
            posted_at=delivery.created_at,
        )  # fmt: skip
    if call.method == "deleteMessage" and (ok or _harmless(answer)):
        TelegramPost.objects.filter(article_id=delivery.article_id, chat=delivery.telegram_chat).delete()
    if not ok and _harmless(answer):
        return outbound.Answer(status=200, body=answer.body, duration_ms=answer.duration_ms)
    return answer
