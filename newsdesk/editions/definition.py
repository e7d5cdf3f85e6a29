"""The editions, defined once: every list of editions or languages is made from EDITIONS.

An edition is a URL prefix and an interface language. `/en/`, `/ru/` and `/kk/` show
the articles of their language; `/kk-latn/` shows the Kazakh ones in the Latin alphabet.
This module is plain data, so that settings can read it before any app is loaded.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Edition:
    code: str  # the URL prefix and Django's language code of its interface
    language: str  # the language of the articles it shows
    hreflang: str  # BCP 47, with the script subtag capitalised
    label: str  # its own name, as readers look for it; never translated
    name: Promise  # its name in the reader's language
    latin: bool = False  # shows Kazakh text in the 2021 Latin alphabet


EDITIONS: tuple[Edition, ...] = (
    Edition(code="en", language="en", hreflang="en", label="English", name=_("English")),
    Edition(code="ru", language="ru", hreflang="ru", label="Русский", name=_("Russian")),
    Edition(code="kk", language="kk", hreflang="kk", label="Қазақша", name=_("Kazakh")),
    Edition(code="kk-latn", language="kk", hreflang="kk-Latn", label="Qazaqşa", name=_("Kazakh (Latin)"), latin=True),
)

BY_CODE: dict[str, Edition] = {edition.code: edition for edition in EDITIONS}
EDITION_CODES: tuple[str, ...] = tuple(BY_CODE)
# The languages articles, names and texts are written in, in the order of the editions.
ARTICLE_LANGUAGES: tuple[str, ...] = tuple(dict.fromkeys(edition.language for edition in EDITIONS))
LATIN: str = next(edition.code for edition in EDITIONS if edition.latin)


def language_name(language: str) -> Promise:
    """The name of an articles' language (the edition of that code names it)."""
    return BY_CODE[language].name
