"""The form of an editor's Latin spelling (its screen: newsroom/spellings_admin.py)."""

from django.core.exceptions import ValidationError
from django.forms import ModelForm

from newsdesk.editions.ascii import normalize
from newsdesk.editions.latin import CYRILLIC_WORD, latin_lower
from newsdesk.editions.models import Transliteration


class TransliterationForm(ModelForm):
    class Meta:
        model = Transliteration
        fields = ["cyrillic", "latin"]

    def clean_cyrillic(self) -> str:
        from django.utils.translation import gettext as _

        word = normalize(self.cleaned_data["cyrillic"].strip()).lower()
        if not CYRILLIC_WORD.fullmatch(word.replace("-", "")):
            raise ValidationError(_("One word in Cyrillic letters, e.g. тоқаев."))
        return word

    def clean_latin(self) -> str:
        return latin_lower(self.cleaned_data["latin"].strip())
