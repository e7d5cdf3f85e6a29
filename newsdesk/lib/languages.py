"""The editions and the per-language fields that follow them.

Models that carry a name or a text in each edition have one column per language
(`name_en`, `name_ru`, `name_kk`): three editions are fixed, and one column each keeps
reads to a single row with no joins.
"""

from django.conf import settings

# The languages articles and names are written in; the Latin edition is made from "kk".
EDITIONS: tuple[str, ...] = ("en", "ru", "kk")


def translated(obj: object, field: str, language: str) -> str:
    """`obj.<field>_<language>`, or the first non-empty one of the other languages.

    Editions ask through `editions.editions.in_edition`, which knows the Latin one.
    """
    for code in (language, settings.LANGUAGE_CODE, *EDITIONS):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""


def has_any_translation(obj: object, field: str) -> bool:
    return any(getattr(obj, f"{field}_{code}", "") for code in EDITIONS)


# Each edition named in its own language, as readers look for it; never translated.
EDITION_LABELS = {"en": "English", "ru": "Русский", "kk": "Қазақша", "kk-latn": "Qazaqşa"}


def edition_label(code: str) -> str:
    return EDITION_LABELS.get(code, code)
