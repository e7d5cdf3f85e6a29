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
        # Rankings read a window of hours across all articles.
        indexes = [models.Index(fields=["hour", "article", "views"], name="viewhour_window")]

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

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.day}: {self.views}"
