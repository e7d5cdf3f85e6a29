"""What the sitemaps keep of the archive: how many visible stories each local day has."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from newsdesk.content.models import Language


class ArchiveDay(models.Model):
    """The visible stories of one language on one day of the agency's zone.

    The sitemap index is built from these rows alone (a few thousand for ten years), never
    from the articles table; `archive.py` keeps them right.
    """

    language = models.CharField(_("language"), max_length=5, choices=Language)
    day = models.DateField(_("day"), help_text=_("In the agency's time zone."))
    count = models.PositiveIntegerField(_("visible stories"), default=0)
    last_modified = models.DateTimeField(
        _("last modified"), help_text=_("When the day's list of stories or one of them last changed for readers.")
    )

    class Meta:
        verbose_name = _("archive day")
        verbose_name_plural = _("archive days")
        constraints = [models.UniqueConstraint(fields=["language", "day"], name="archiveday_one_per_language_day")]

    def __str__(self) -> str:
        return f"{self.language} {self.day.isoformat()}: {self.count}"
