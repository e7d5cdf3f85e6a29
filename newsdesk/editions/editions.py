"""The editions: which language each URL prefix shows, in which script, and their links.

`/en/`, `/ru/` and `/kk/` show the articles of their language; `/kk-latn/` shows the
Kazakh articles in the Latin alphabet, transliterated as they are shown.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation

from newsdesk.editions import latin
from newsdesk.editions.models import Transliteration
from newsdesk.lib.languages import translated
from newsdesk.lib.memo import SharedMemo

LATIN = "kk-latn"
# hreflang values: BCP 47 wants the script subtag capitalised.
HREFLANG = {"en": "en", "ru": "ru", "kk": "kk", LATIN: "kk-Latn"}
CORRECTIONS_KEY = "editions:corrections:v2"


def edition_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def content_language(edition: str | None = None) -> str:
    """The articles' language behind an edition (the Latin edition shows Kazakh articles)."""
    edition = edition or translation.get_language() or settings.LANGUAGE_CODE
    return "kk" if edition == LATIN else edition


def is_latin(edition: str | None = None) -> bool:
    return (edition or translation.get_language()) == LATIN


def article_edition(article) -> str:
    """The edition an article is shown in: the current one when it belongs there (a Kazakh
    article on the Latin edition stays on the Latin edition), else its own."""
    edition = translation.get_language()
    return edition if content_language(edition) == article.language else article.language


def article_url(article) -> str:
    """An article's address in the edition it is shown in (article_edition)."""
    from newsdesk.content.models import article_path

    return article_path(article.pk, article_edition(article), article.slug)


def _read_corrections() -> tuple[int, dict[str, str]]:
    found = dict(Transliteration.objects.values_list("cyrillic", "latin"))
    # What a process kept rendered in Latin (teasers) is keyed by this version, so it
    # follows the editors' corrections.
    return hash(frozenset(found.items())), found


# A Latin page transliterates dozens of strings: one read of the corrections per few
# seconds, not one shared-cache read per string.
_corrections = SharedMemo(key=CORRECTIONS_KEY, load=_read_corrections, cache_seconds=300, process_seconds=5)


def corrections() -> dict[str, str]:
    return _corrections.get()[1]


def corrections_version() -> int:
    """Changes when the editors' Latin spellings change."""
    return _corrections.get()[0]


def in_edition(obj: object, field: str, edition: str) -> str:
    """A field kept per language (`name_en`, `name_ru`, `name_kk`…) as `edition` shows it:
    the Latin edition shows the Kazakh text in the Latin alphabet."""
    return in_script(translated(obj, field, content_language(edition)), edition)


def in_script(text: str, edition: str | None = None) -> str:
    """`text` as the edition writes it: transliterated on the Latin edition, else as is."""
    return latin.to_latin(text, corrections()) if text and is_latin(edition) else text


def html_in_script(html: str, edition: str | None = None) -> str:
    return latin.html_to_latin(html, corrections()) if html and is_latin(edition) else html


def forget_corrections() -> None:
    _corrections.forget()


@receiver([post_save, post_delete], sender=Transliteration)
def _forget_corrections(**kwargs) -> None:
    forget_corrections()
