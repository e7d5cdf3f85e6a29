"""The agency's own settings: name, logo, reprint notice, time zone, live stream and its schedule,
its legal details and social accounts, and the pages the chief editor writes (`AgencyPage`).

One row (pk=1), edited in the back office. Pages read it through `site_settings()`,
which keeps it in the cache so a page view costs no query for it.
"""

import re
import zoneinfo
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.content.fields import CleanImageField
from newsdesk.content.images import validate_logo_file, validate_poster_file
from newsdesk.content.text import sanitize_body
from newsdesk.editions.definition import ARTICLE_LANGUAGES, language_name
from newsdesk.editions.editions import has_any_translation, in_edition
from newsdesk.lib.memo import FOREVER, ProcessMemo
from newsdesk.siteconfig.social import SOCIAL_NETWORKS, social_url

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Listing the tz database reads hundreds of files; it does not change while the process runs.
_known_time_zones: ProcessMemo[frozenset[str]] = ProcessMemo(
    lambda: frozenset(zoneinfo.available_timezones()), seconds=FOREVER
)


def validate_time_zone(value: str) -> None:
    if value not in _known_time_zones.get():
        raise ValidationError(_("%(value)s is not a time zone name such as Asia/Almaty."), params={"value": value})


def validate_stream_url(value: str) -> None:
    """An HLS playlist: an https URL, or an absolute path on this site (the demo's stream),
    whose path ends in .m3u8."""
    if value.startswith("/") and not value.startswith("//"):
        if any(c.isspace() for c in value) or "\\" in value:
            raise ValidationError(_("Enter a path such as /live/stream.m3u8, without spaces."), code="path")
        path = value
    else:
        URLValidator(
            schemes=["https"], message=_("Enter an https:// address, such as https://tv.example.kz/live/index.m3u8.")
        )(value)
        path = urlsplit(value).path
    if not path.lower().endswith(".m3u8"):
        raise ValidationError(
            _("The address must lead to an HLS playlist: its path ends in .m3u8, such as /live/index.m3u8."),
            code="not_hls",
        )


def validate_same_as(value: str) -> None:
    check = URLValidator(schemes=["http", "https"])
    for line in value.splitlines():
        if line.strip():
            check(line.strip())


def validate_telegram_chat(value: str) -> None:
    """A public channel's @username, or a chat's numeric id as the Bot API gives it."""
    if not re.fullmatch(r"@[A-Za-z][A-Za-z0-9_]{4,31}|-?[0-9]{5,20}", value):
        raise ValidationError(_("Enter the channel's @username or its numeric id, such as -1001234567890."))


def _site_image(
    label: "StrOrPromise", *, validator: Callable[[File], None], help_text: "StrOrPromise"
) -> CleanImageField:
    """An image the agency uploads once for the whole site (kept under media/site/)."""
    return CleanImageField(label, upload_to="site/", blank=True, validators=[validator], help_text=help_text)


def _telegram_channel(label: "StrOrPromise") -> models.CharField:
    return models.CharField(label, max_length=40, blank=True, validators=[validate_telegram_chat])


class SiteSettings(models.Model):
    name_en = models.CharField(_("name (English)"), max_length=100, default="Newsdesk")
    name_ru = models.CharField(_("name (Russian)"), max_length=100, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=100, blank=True)
    logo = _site_image(
        _("logo"),
        validator=validate_logo_file,
        help_text=_(
            "Shown in the page header instead of the name: JPEG, PNG or WebP, at least 16 pixels on each side. "
            "SVG is not accepted."
        ),
    )
    reprint_notice_en = models.TextField(_("reprint notice (English)"), blank=True)
    reprint_notice_ru = models.TextField(_("reprint notice (Russian)"), blank=True)
    reprint_notice_kk = models.TextField(_("reprint notice (Kazakh)"), blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Asia/Almaty",
        validators=[validate_time_zone],
        help_text=_("Dates and times on the site and in the back office are shown in this zone."),
    )
    live_stream_url = models.CharField(
        _("live stream URL"),
        max_length=500,
        blank=True,
        validators=[validate_stream_url],
        help_text=_(
            "An HLS playlist (.m3u8): a full https:// address, or a path on this site. "
            "Leave empty to hide the internet TV block."
        ),
    )
    live_stream_title_ru = models.CharField(_("live stream title (Russian)"), max_length=100, blank=True)
    live_stream_title_kk = models.CharField(
        _("live stream title (Kazakh)"),
        max_length=100,
        blank=True,
        help_text=_("In Cyrillic: the Latin edition shows it in Latin letters."),
    )
    live_stream_title_en = models.CharField(_("live stream title (English)"), max_length=100, blank=True)
    live_poster = _site_image(
        _("live poster"),
        validator=validate_poster_file,
        help_text=_(
            "The frame the player shows before it plays, and the live video's image in search results: "
            "JPEG, PNG or WebP, at least 180 pixels on each side, ideally 1280 × 720. "
            "Empty: the frame bundled with Newsdesk."
        ),
    )
    share_image = _site_image(
        _("default share image"),
        validator=validate_logo_file,
        help_text=_(
            "Shown in link previews (messengers, social networks) of pages without a photo: "
            "JPEG, PNG or WebP, ideally 1200 × 630 pixels."
        ),
    )
    same_as = models.TextField(
        _("the agency's other pages"),
        blank=True,
        validators=[validate_same_as],
        help_text=_("Addresses of the agency's official accounts (Telegram, X, YouTube…), one per line."),
    )
    feeds_full_text = models.BooleanField(
        _("full text in feeds"),
        default=True,
        help_text=_("RSS and Atom feeds carry each story's whole text, not only its lead."),
    )

    # Where each edition's stories are posted; the bot (TELEGRAM_BOT_TOKEN) must be an
    # administrator of the channel. Empty: that edition posts nothing.
    telegram_channel_en = _telegram_channel(_("Telegram channel (English)"))
    telegram_channel_ru = _telegram_channel(_("Telegram channel (Russian)"))
    telegram_channel_kk = _telegram_channel(_("Telegram channel (Kazakh)"))
    telegram_channel_kk_latn = _telegram_channel(_("Telegram channel (Kazakh, Latin)"))

    # The footer's legal details and social links.
    legal_name_en = models.CharField(_("legal name (English)"), max_length=200, blank=True)
    legal_name_ru = models.CharField(_("legal name (Russian)"), max_length=200, blank=True)
    legal_name_kk = models.CharField(_("legal name (Kazakh)"), max_length=200, blank=True)
    legal_address_en = models.TextField(_("address (English)"), blank=True)
    legal_address_ru = models.TextField(_("address (Russian)"), blank=True)
    legal_address_kk = models.TextField(_("address (Kazakh)"), blank=True)
    registration_en = models.TextField(
        _("registration (English)"),
        blank=True,
        help_text=_("The mass media registration certificate: its number, date and who issued it."),
    )
    registration_ru = models.TextField(_("registration (Russian)"), blank=True)
    registration_kk = models.TextField(_("registration (Kazakh)"), blank=True)
    editor_in_chief_en = models.CharField(_("editor-in-chief (English)"), max_length=200, blank=True)
    editor_in_chief_ru = models.CharField(_("editor-in-chief (Russian)"), max_length=200, blank=True)
    editor_in_chief_kk = models.CharField(_("editor-in-chief (Kazakh)"), max_length=200, blank=True)
    social_telegram = social_url("telegram")
    social_instagram = social_url("instagram")
    social_facebook = social_url("facebook")
    social_youtube = social_url("youtube")
    social_x = social_url("x")
    social_vk = social_url("vk")

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self) -> str:
        return str(_("Site settings"))

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.pk = 1
        super().save(*args, **kwargs)

    def name_for(self, language: str) -> str:
        return in_edition(self, field="name", edition=language)

    def reprint_notice_for(self, language: str) -> str:
        return in_edition(self, field="reprint_notice", edition=language)

    def live_stream_title_for(self, edition: str) -> str:
        """The stream's title as `edition` shows it (another language's when its own is empty)."""
        return in_edition(self, field="live_stream_title", edition=edition)

    def telegram_channel_for(self, edition: str) -> str:
        return str(getattr(self, "telegram_channel_" + edition.replace("-", "_"), ""))

    def legal_for(self, edition: str) -> dict[str, str]:
        """The legal details as `edition` shows them, empty ones included."""
        return {
            field: in_edition(self, field=field, edition=edition)
            for field in ("legal_name", "legal_address", "registration", "editor_in_chief")
        }

    @property
    def social_links(self) -> list[tuple[str, str]]:
        """(network's name, address) of every network the agency gave an address for."""
        return [
            (str(label), url)
            for network, (label, _hosts) in SOCIAL_NETWORKS.items()
            if (url := getattr(self, f"social_{network}"))
        ]

    @property
    def same_as_urls(self) -> list[str]:
        return [line.strip() for line in self.same_as.splitlines() if line.strip()]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def has_live_stream(self) -> bool:
        return bool(self.live_stream_url)


# The schedule is kept per articles' language: the Kazakh one is shown by both Kazakh
# editions (the Latin one in Latin letters), as a Kazakh story is.
SCHEDULE_EDITIONS = [(language, language_name(language)) for language in ARTICLE_LANGUAGES]


class Programme(models.Model):
    """One programme of the internet TV's schedule, from `starts_at` to `ends_at`.

    Times are stored in UTC and entered and shown in the agency's zone (the request's
    zone, siteconfig's middleware). Programmes of one edition never overlap (`clean`).
    """

    edition = models.CharField(
        _("edition"),
        max_length=8,
        choices=SCHEDULE_EDITIONS,
        default=ARTICLE_LANGUAGES[0],
        help_text=_("The Kazakh schedule is shown by both Kazakh editions."),
    )
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_kk = models.CharField(
        _("title (Kazakh)"),
        max_length=200,
        blank=True,
        help_text=_("In Cyrillic: the Latin edition shows it in Latin letters."),
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_kk = models.TextField(_("description (Kazakh)"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("TV schedule")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["ends_at", "starts_at"], name="programme_ends_starts")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="programme_ends_after_start",
                violation_error_message=_("A programme ends after it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title_for(self.edition) or str(_("Programme"))

    def title_for(self, edition: str) -> str:
        return in_edition(self, field="title", edition=edition)

    def description_for(self, edition: str) -> str:
        return in_edition(self, field="description", edition=edition)

    def clean(self) -> None:
        """Times in messages are in the active zone: the agency's, in the back office."""
        if not has_any_translation(self, field="title"):
            raise ValidationError({"title_en": _("Give the programme a title in at least one language.")})
        if self.starts_at is None or self.ends_at is None:
            return  # the fields' own errors say so
        if self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A programme ends after it starts.")})
        clash = (
            Programme.objects.filter(edition=self.edition, starts_at__lt=self.ends_at, ends_at__gt=self.starts_at)
            .exclude(pk=self.pk)
            .order_by("starts_at")
            .first()
        )
        if clash is not None:
            raise ValidationError(
                _("This edition's schedule already has “%(title)s” at that time (%(start)s–%(end)s)."),
                code="overlap",
                params={
                    "title": clash.title_for(clash.edition),
                    "start": timezone.localtime(clash.starts_at).strftime("%d.%m.%Y %H:%M"),
                    "end": timezone.localtime(clash.ends_at).strftime("%H:%M"),
                },
            )


PAGE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def validate_page_slug(value: str) -> None:
    if not PAGE_SLUG.fullmatch(value):
        raise ValidationError(_("Use lowercase Latin letters, digits and single hyphens, such as about-us."))


class AgencyPage(models.Model):
    """A page the chief editor writes for an edition (about, contacts, policies…), at
    `/<edition>/page/<slug>/` and in the footer while published.

    Kept per articles' language, as the schedule is: the Kazakh page is shown by both
    Kazakh editions (the Latin one in Latin letters). The body is sanitised as an
    article's is, on every save.
    """

    class Kind(models.TextChoices):
        ABOUT = "about", _("About us")
        CONTACTS = "contacts", _("Contacts")
        EDITORIAL_POLICY = "editorial-policy", _("Editorial policy")
        CORRECTIONS_POLICY = "corrections-policy", _("Corrections policy")
        PRIVACY = "privacy", _("Privacy")
        ADVERTISING = "advertising", _("Advertising")

    edition = models.CharField(
        _("edition"),
        max_length=8,
        choices=SCHEDULE_EDITIONS,
        default=ARTICLE_LANGUAGES[0],
        help_text=_("The Kazakh page is shown by both Kazakh editions."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        blank=True,
        help_text=_("Pages of one kind link to each other across the editions. Leave empty for another page."),
    )
    slug = models.CharField(
        _("address"),
        max_length=60,
        blank=True,
        validators=[validate_page_slug],
        help_text=_("The page is at /<edition>/page/<address>/. Empty: the kind's own, such as about."),
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("A Kazakh page's title and text in Cyrillic: the Latin edition shows them in Latin letters."),
    )
    body = models.TextField(_("text"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position in the footer"), default=0, help_text=_("Smaller numbers come first.")
    )
    published = models.BooleanField(_("shown on the site"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("agency page")
        verbose_name_plural = _("agency pages")
        ordering = ["edition", "position", "title"]
        constraints = [models.UniqueConstraint(fields=["edition", "slug"], name="agency_page_slug_per_edition")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.slug = self.slug or self.kind
        self.body = sanitize_body(self.body)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if not self.slug:
            if not self.kind:
                raise ValidationError({"slug": _("Give the page an address, or choose its kind.")})
            self.slug = self.kind
        if self.kind and AgencyPage.objects.filter(edition=self.edition, kind=self.kind).exclude(pk=self.pk).exists():
            raise ValidationError({"kind": _("This edition already has a page of this kind.")})
