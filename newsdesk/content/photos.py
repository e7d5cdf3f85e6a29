"""The photo library: one row per photo, its renditions made once (content/renditions.py)."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsdesk.content.fields import CleanImageField
from newsdesk.content.images import validate_photo_file
from newsdesk.content.renditions import Picture, picture_of
from newsdesk.content.text import clean_plain_fields


class Photo(models.Model):
    file = CleanImageField(
        _("file"),
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_photo_file],
        help_text=_("JPEG, PNG or WebP, at most 20 MB and 50 megapixels."),
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    caption = models.TextField(_("caption"), blank=True, validators=[MaxLengthValidator(1000)])
    credit = models.CharField(_("credit"), max_length=200, help_text=_("Who took the photo or holds it, e.g. gov.kz."))
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    renditions = models.JSONField(_("renditions"), default=list, blank=True, editable=False)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.alt_text

    def clean(self) -> None:
        clean_plain_fields(self, ["alt_text", "caption", "credit", "licence"])

    def picture(self) -> Picture:
        cached = getattr(self, "_picture", None)
        if cached is None:
            cached = self._picture = picture_of(self.renditions, self.file.url)
        return cached
