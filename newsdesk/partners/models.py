"""The partner side of the agency: who takes our stories, with which keys, what they took,
and every version of every story as partners receive it.

`ItemVersion` is the partner API's memory: one row for each version partners may be told
of (published, became visible, corrected, updated, restored, unscheduled, withdrawn),
holding the ninjs item as it was then. Its id is the change feed's order: rows are
numbered one at a time (`ItemClock`), so they are numbered in the order their
transactions commit and a partner that resumes after the last id it saw misses none.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from newsdesk.content.models import Article, Language, Section


class Partner(models.Model):
    """A newspaper, portal, broadcaster or press service that takes the agency's stories."""

    name = models.CharField(_("name"), max_length=200)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    editions = models.JSONField(
        _("editions"),
        default=list,
        blank=True,
        help_text=_("The editions whose stories the partner may take."),
    )
    sections = models.ManyToManyField(
        Section,
        verbose_name=_("sections"),
        blank=True,
        related_name="+",
        help_text=_("Only these sections' stories; none chosen means every section."),
    )
    sees_embargoed = models.BooleanField(
        _("receives embargoed stories ahead of time"),
        default=False,
        help_text=_("Such stories reach the partner as withheld, with the embargo's end, before readers see them."),
    )
    requests_per_minute = models.PositiveIntegerField(
        _("requests a minute"),
        default=120,
        help_text=_("More requests than this in one minute are refused until the next minute."),
    )
    licence = models.TextField(
        _("licence"),
        blank=True,
        help_text=_("The terms of use the partner's items carry (ninjs usageTerms)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name


class PartnerKey(models.Model):
    """An API key: shown once when made, kept only as its SHA-256 digest."""

    partner = models.ForeignKey(Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="keys")
    label = models.CharField(_("label"), max_length=100, blank=True, help_text=_("Where the key is used."))
    prefix = models.CharField(_("key begins with"), max_length=16, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.prefix}…"


class PartnerUsage(models.Model):
    """What one partner took on one day (UTC): requests answered and items delivered."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="usage")
    day = models.DateField(_("day"))
    requests = models.PositiveBigIntegerField(_("requests"), default=0)
    items = models.PositiveBigIntegerField(_("items delivered"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("daily use")
        verbose_name_plural = _("daily use")
        constraints = [models.UniqueConstraint(fields=["partner", "day"], name="partnerusage_one_per_day")]

    def __str__(self) -> str:
        return f"{self.partner_id} {self.day.isoformat()}"


class PartnerMinute(models.Model):
    """Requests of one partner in one minute, for the rate limit when there is no Redis."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    minute = models.DateTimeField()
    requests = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partner", "minute"], name="partnerminute_one_per_minute")]

    def __str__(self) -> str:
        return f"{self.partner_id} {self.minute.isoformat()}: {self.requests}"


class ShownTo(models.TextChoices):
    ALL = "all", _("every partner")
    EMBARGO = "embargo", _("partners who receive embargoed stories")
    NONE = "none", _("no partner")


class PubStatus(models.TextChoices):
    USABLE = "usable", _("usable")
    WITHHELD = "withheld", _("withheld")
    CANCELED = "canceled", _("canceled")


class PendingChange(models.Model):
    """A change of a story that partners are still to be told of: written in the change's
    own transaction (content.events.story_changing), turned into an ItemVersion and its
    deliveries right after it commits, or by the worker if the process stopped first."""

    id = models.BigAutoField(primary_key=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    change = models.CharField(max_length=20)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.article_id} {self.change}"


class ItemClock(models.Model):
    """One row, updated by every transaction that writes an ItemVersion before it writes
    it: the update's lock, held until commit, makes the versions' ids commit in order."""

    ticks = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.ticks)


class ItemVersion(models.Model):
    id = models.BigAutoField(primary_key=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField()
    change = models.CharField(max_length=20)
    language = models.CharField(max_length=5, choices=Language)
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField()
    created_at = models.DateTimeField()
    pubstatus = models.CharField(max_length=10, choices=PubStatus)
    shown_to = models.CharField(max_length=10, choices=ShownTo)
    current = models.BooleanField(default=True)
    items = models.JSONField(help_text="The version's ninjs item in each edition that shows the story.")

    class Meta:
        verbose_name = _("item version")
        verbose_name_plural = _("item versions")
        constraints = [
            models.UniqueConstraint(fields=["article", "version"], name="itemversion_one_per_number"),
        ]
        indexes = [
            # The item list: each story's current version, newest first, keyset on (published_at, article).
            models.Index(
                "language",
                models.F("published_at").desc(),
                models.F("article_id").desc(),
                name="itemversion_list",
                condition=Q(current=True),
            ),
            models.Index(
                "section",
                "language",
                models.F("published_at").desc(),
                models.F("article_id").desc(),
                name="itemversion_section_list",
                condition=Q(current=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.version} ({self.change})"


class Webhook(models.Model):
    """An address of the partner's that receives a signed POST for each change it may take."""

    partner = models.ForeignKey(Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(_("address"), max_length=500)
    secret = models.CharField(
        _("signing secret"),
        max_length=64,
        editable=False,
        help_text=_("The partner checks each delivery's signature with it (Standard Webhooks)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True, editable=False)
    paused_at = models.DateTimeField(
        _("paused at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Deliveries stop after a day of failures; resume once the partner has mended the address."),
    )

    class Meta:
        ordering = ["partner__name", "url"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.url


def message_id() -> str:
    """A delivery's id, made once and sent with every attempt (Standard Webhooks' webhook-id)."""
    return "msg_" + uuid.uuid4().hex


class Delivery(models.Model):
    """The outbox: one message for one receiver, written in the transaction of the change
    and sent by the worker until it is accepted or a day has passed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("given up")

    id = models.BigAutoField(primary_key=True)
    message_id = models.CharField(_("message id"), max_length=40, unique=True)
    webhook = models.ForeignKey(
        Webhook, verbose_name=_("webhook"), on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries"
    )
    telegram_chat = models.CharField(_("Telegram channel"), max_length=64, blank=True)
    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+")
    event = models.CharField(_("event"), max_length=30)
    payload = models.JSONField()
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"))
    next_attempt_at = models.DateTimeField(_("next attempt"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        indexes = [
            models.Index(fields=["next_attempt_at", "id"], name="delivery_due", condition=Q(status="pending")),
        ]

    def __str__(self) -> str:
        return self.message_id


class DeliveryAttempt(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    at = models.DateTimeField(_("time"))
    status_code = models.PositiveSmallIntegerField(_("answer"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("took (ms)"))
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")

    def __str__(self) -> str:
        return f"{self.at.isoformat()} {self.status_code or self.error}"


class TelegramPost(models.Model):
    """The message a story was posted as in a channel: a correction edits it, a withdrawal deletes it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    chat = models.CharField(max_length=64)
    message_id = models.BigIntegerField()
    with_photo = models.BooleanField(default=False)
    posted_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "chat"], name="telegrampost_one_per_channel")]

    def __str__(self) -> str:
        return f"{self.chat} {self.message_id}"
