"""Wires in: the sources the agency reads, the items they delivered, and the stories
journalists took from them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.content.models import Article, Language, Source
from newsdesk.search.models import TermsVectorField

FOLDER_NAME = RegexValidator(
    r"^[a-z0-9][a-z0-9_-]{0,62}$",
    _("Use lower-case Latin letters, digits, hyphens and underscores (at most 63), no slashes."),
)


class WireFormat(models.TextChoices):
    DETECT = "detect", _("Detect from the content")
    RSS = "rss", _("RSS 2.0")
    ATOM = "atom", _("Atom")
    JSON_FEED = "json-feed", _("JSON Feed")
    NINJS = "ninjs", _("IPTC ninjs (1.x to 3.x)")
    NEWSML_G2 = "newsml-g2", _("IPTC NewsML-G2 (news items and messages)")


class WireSource(models.Model):
    """One wire the agency reads: feeds polled over HTTP, a drop folder, or both."""

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="wires", verbose_name=_("source"),
        help_text=_("Stories taken from this wire name this source, as any story does."),
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=150, help_text=_("How the desk calls this wire."))
    format = models.CharField(_("format"), max_length=16, choices=WireFormat.choices, default=WireFormat.DETECT)
    language = models.CharField(
        _("language"), max_length=5, choices=Language, blank=True,
        help_text=_("The items' language when they do not say it."),
    )  # fmt: skip
    poll_minutes = models.PositiveSmallIntegerField(
        _("poll every (minutes)"), default=5, validators=[MinValueValidator(1), MaxValueValidator(1440)]
    )
    licence = models.TextField(
        _("licence"), blank=True, help_text=_("The terms on which the agency may use its texts.")
    )
    drop_folder = models.CharField(
        _("drop folder"), max_length=63, blank=True, validators=[FOLDER_NAME],
        help_text=_("A folder under the wires' drop directory where files of this wire arrive (by FTP or SFTP)."),
    )  # fmt: skip
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # What the worker knows of it.
    next_poll_at = models.DateTimeField(_("next poll"), default=timezone.now)
    failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    last_error_at = models.DateTimeField(_("last error"), null=True, blank=True)
    last_error = models.TextField(_("last error message"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("wire source")
        verbose_name_plural = _("wire sources")
        constraints = [
            models.UniqueConstraint(
                fields=["drop_folder"], condition=~models.Q(drop_folder=""), name="wire_drop_folder_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class WireFeed(models.Model):
    """One address of a wire, with what its server said last (for conditional requests)."""

    wire = models.ForeignKey(WireSource, on_delete=models.CASCADE, related_name="feeds", verbose_name=_("wire"))
    url = models.URLField(_("feed address"), max_length=1000)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("feed address")
        verbose_name_plural = _("feed addresses")
        constraints = [models.UniqueConstraint(fields=["wire", "url"], name="wire_feed_unique")]

    def __str__(self) -> str:
        return self.url


class WireItem(models.Model):
    """A story as a wire delivered it, in its newest version; the same text from another
    wire is folded into it (`also_from`)."""

    wire = models.ForeignKey(WireSource, on_delete=models.CASCADE, related_name="items", verbose_name=_("wire"))
    guid = models.CharField(_("item id"), max_length=500)
    text_hash = models.CharField(max_length=64, db_index=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    title = models.CharField(_("title"), max_length=500)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("text"), blank=True)
    url = models.URLField(_("original link"), max_length=1000, blank=True)
    byline = models.CharField(_("byline"), max_length=300, blank=True)
    licence = models.TextField(_("licence"), blank=True)
    published_at = models.DateTimeField(_("published by the wire"), null=True, blank=True)
    embargoed_until = models.DateTimeField(
        _("embargoed until"), null=True, blank=True,
        help_text=_("The wire allows no publication before this time; a story taken from it keeps the embargo."),
    )  # fmt: skip
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    changed_at = models.DateTimeField(_("last version received"), default=timezone.now, db_index=True)
    versions_count = models.PositiveIntegerField(_("versions"), default=1)
    # The desk's search (search.py): the item's distinct terms as search's analysis makes
    # them, " between and around ", matched word by word on SQLite; on PostgreSQL the same
    # terms as a tsvector under a GIN index.
    terms = models.TextField(blank=True, default="")
    vector = TermsVectorField(blank=True, default="")

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("incoming item")
        verbose_name_plural = _("incoming")

    def __str__(self) -> str:
        return self.title

    @property
    def is_updated(self) -> bool:
        return self.versions_count > 1


class WireItemKey(models.Model):
    """How a wire names an item: its own (wire, id), and those of the same text arriving
    from other wires, folded into it."""

    item = models.ForeignKey(WireItem, on_delete=models.CASCADE, related_name="keys")
    wire = models.ForeignKey(WireSource, on_delete=models.CASCADE, related_name="+")
    guid = models.CharField(max_length=500)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wire", "guid"], name="wire_item_key_unique")]

    def __str__(self) -> str:
        return self.guid


class WireItemVersion(models.Model):
    """Every text an item had, kept so that a draft taken from it can show what changed."""

    item = models.ForeignKey(WireItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=500)
    lead = models.TextField(blank=True)
    body = models.TextField(blank=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["item", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="wire_item_version_unique")]

    def __str__(self) -> str:
        return f"{self.title} ({self.number})"


class WireTake(models.Model):
    """A story made from an item: what it was made from, kept with the story even after
    the item is forgotten."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="wire_take")
    item = models.ForeignKey(WireItem, on_delete=models.SET_NULL, null=True, related_name="takes")
    version_number = models.PositiveIntegerField()
    original_url = models.URLField(max_length=1000, blank=True)
    licence = models.TextField(blank=True)
    taken_at = models.DateTimeField(default=timezone.now)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("story taken from a wire")
        verbose_name_plural = _("stories taken from wires")

    def __str__(self) -> str:
        return self.original_url or str(self.article_id)
