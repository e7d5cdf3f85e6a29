"""The people in bylines: a name, a portrait, a role and a short biography per language,
and a public page in every edition."""

from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsdesk.content import text
from newsdesk.content.photos import Photo
from newsdesk.content.text import clean_plain_fields
from newsdesk.editions.editions import edition_url, in_edition


class Author(models.Model):
    """A person in bylines, with a public page per edition (`/<edition>/author/<slug>/`)."""

    # A person's name: "имя и фамилия", not the "название" of a tag or a partner.
    name = models.CharField(pgettext_lazy("person", "name"), max_length=150)
    slug = models.SlugField(
        _("slug"),
        max_length=160,
        unique=True,
        blank=True,
        help_text=_("The readable part of the author page's address; made from the name when empty."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
    )
    photo = models.ForeignKey(
        Photo,
        verbose_name=_("portrait"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    job_title_en = models.CharField(_("role (English)"), max_length=150, blank=True)
    job_title_ru = models.CharField(_("role (Russian)"), max_length=150, blank=True)
    job_title_kk = models.CharField(_("role (Kazakh)"), max_length=150, blank=True)
    biography_en = models.TextField(_("short biography (English)"), blank=True, validators=[MaxLengthValidator(2000)])
    biography_ru = models.TextField(_("short biography (Russian)"), blank=True, validators=[MaxLengthValidator(2000)])
    biography_kk = models.TextField(_("short biography (Kazakh)"), blank=True, validators=[MaxLengthValidator(2000)])

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = self._free_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self, edition: str | None = None) -> str:
        return edition_url("public:author", edition=edition, slug=self.slug)

    def _free_slug(self) -> str:
        base = text.make_slug(self.name)[:150].rstrip("-") or "author"
        taken = set(Author.objects.filter(slug__startswith=base).exclude(pk=self.pk).values_list("slug", flat=True))
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug

    def clean(self) -> None:
        per_language = [f"{field}_{code}" for field in ("job_title", "biography") for code in ("en", "ru", "kk")]
        clean_plain_fields(self, ["name", *per_language])

    def job_title_for(self, edition: str) -> str:
        return in_edition(self, field="job_title", edition=edition)

    def biography_for(self, edition: str) -> str:
        return in_edition(self, field="biography", edition=edition)
