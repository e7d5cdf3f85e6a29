from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsdesk.editions.latin import is_latin_word


def validate_latin_spelling(value: str) -> None:
    """Editors' spellings are shown on every page of the Latin edition: letters only."""
    if not is_latin_word(value):
        raise ValidationError(
            _("One word in Latin letters (hyphens and apostrophes may join its parts), e.g. toqaev."),
            code="latin",
        )


class Transliteration(models.Model):
    """An editor's correction of the automatic Latin spelling of a Kazakh word.

    Applied to every text of the Latin edition, so a name spelt right once stays right.
    """

    cyrillic = models.CharField(
        _("word in Cyrillic"), max_length=100, unique=True, help_text=_("In lower case, e.g. тоқаев.")
    )
    latin = models.CharField(
        _("in Latin"), max_length=100, validators=[validate_latin_spelling], help_text=_("In lower case, e.g. toqaev.")
    )

    class Meta:
        ordering = ["cyrillic"]
        verbose_name = _("Latin spelling")
        verbose_name_plural = _("Latin spellings")

    def __str__(self) -> str:
        return f"{self.cyrillic} → {self.latin}"
