"""Stored view counts: a lifetime total per article and hourly and daily buckets.

Every counted view adds one to all three rows in one transaction, so the total
always equals the sum of the buckets. The total is what pages show; the hourly
buckets rank Most viewed by the views received inside a window; the daily buckets
keep the long history once hourly rows are pruned.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from newsdesk.content.models import Article


class ViewTotal(models.Model):
    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="view_total")
    views = models.BigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("view total")
        verbose_name_plural = _("view totals")

    def __str__(self) -> str:
        return f"{self.article_id}: {self.views}"


class ViewHour(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField(_("hour (UTC)"))
    views = models.IntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("views in an hour")
        verbose_name_plural = _("views by hour")
        constraints = [models.UniqueConstraint(fields=["article", "hour"], name="viewhour_one_row_per_hour")]
        # Rankings read a window of hours across all articles. Not covering `views` on
        # purpose: then a view that adds to an existing hour rewrites no index.
        indexes = [models.Index(fields=["hour", "article"], name="viewhour_by_hour")]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}:00: {self.views}"


class ViewDay(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day (agency time)"))
    views = models.IntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("views in a day")
        verbose_name_plural = _("views by day")
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="viewday_one_row_per_day")]
        # The back office's top list sums days across all articles (see ViewHour's index).
        indexes = [models.Index(fields=["day", "article"], name="viewday_by_day")]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.day}: {self.views}"


class DailySalt(models.Model):
    """The day's random salt for hashing readers' addresses; deleted after two days."""

    day = models.DateField(primary_key=True)
    salt = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("daily salt")
        verbose_name_plural = _("daily salts")

    def __str__(self) -> str:
        return str(self.day)


class RecentView(models.Model):
    """ "This reader saw this article at …": a keyed hash, nothing personal, kept minutes.

    The embedded back end's memory of recent views, for the 30-minute rule and the
    per-reader rate cap. The key is `<reader hash>:<article id>`.
    """

    key = models.CharField(max_length=80, primary_key=True)
    # No index: the table holds half an hour of marks, and every view writes one.
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = _("recent view")
        verbose_name_plural = _("recent views")

    def __str__(self) -> str:
        return self.key


class CapCount(models.Model):
    """Views counted from one address or network for one article in one minute or hour:
    the embedded back end's caps (view_rules.cap_counters). Keyed hashes, kept an hour or two."""

    key = models.CharField(max_length=100, primary_key=True)
    views = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("view cap count")
        verbose_name_plural = _("view cap counts")

    def __str__(self) -> str:
        return f"{self.key}: {self.views}"


class Ranking(models.Model):
    """Most viewed, as the worker last computed it: a few rows per edition and window."""

    language = models.CharField(max_length=5)
    window = models.CharField(max_length=10)
    position = models.PositiveSmallIntegerField()
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("ranking entry")
        verbose_name_plural = _("rankings")
        ordering = ["language", "window", "position"]
        constraints = [
            models.UniqueConstraint(fields=["language", "window", "position"], name="ranking_one_per_position")
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.window} #{self.position}: {self.article_id}"


class FlushLog(models.Model):
    """One row per flush of counts from Redis: a flush is applied once, even if retried."""

    flush_id = models.CharField(max_length=40, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True)
    views = models.BigIntegerField()

    class Meta:
        verbose_name = _("flush")
        verbose_name_plural = _("flushes")

    def __str__(self) -> str:
        return self.flush_id


class UnsettledView(models.Model):
    """A view sent to Redis that got no answer (a stall, a crash): Redis may or may not have
    counted it. The worker sends it again (redis_counter.views_settle); the script knows a
    beacon by its moment and counts it once, whether or not it ran the first time."""

    article_id = models.BigIntegerField()
    keys = models.JSONField()  # the script's keys and arguments, exactly as first sent
    args = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unsettled view")
        verbose_name_plural = _("unsettled views")

    def __str__(self) -> str:
        return f"{self.article_id} at {self.created_at}"
