"""The editions at work: which articles each shows, in which script, and every URL that
carries an edition. The editions themselves are defined once, in `definition.py`.
"""

import uuid
from functools import lru_cache
from typing import Any, Protocol

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils import translation

from newsdesk.editions import latin
from newsdesk.editions.definition import ARTICLE_LANGUAGES, BY_CODE, EDITION_CODES, LATIN
from newsdesk.editions.models import Transliteration
from newsdesk.lib.memo import SharedMemo

CORRECTIONS_KEY = "editions:corrections:v2"


class ShownArticle(Protocol):
    """What an article's address is made of (a model row or a teaser)."""

    pk: Any
    language: str
    slug: str


def content_language(edition: str | None = None) -> str:
    """The articles' language behind an edition (the Latin edition shows Kazakh articles)."""
    edition = edition or translation.get_language() or settings.LANGUAGE_CODE
    found = BY_CODE.get(edition)
    return found.language if found is not None else edition


def editions_showing(language: str) -> list[str]:
    """The editions that show articles of `language` (Kazakh: Cyrillic and Latin)."""
    return [code for code in EDITION_CODES if BY_CODE[code].language == language]


def is_latin(edition: str | None = None) -> bool:
    return (edition or translation.get_language()) == LATIN


def hreflang(edition: str) -> str:
    found = BY_CODE.get(edition)
    return found.hreflang if found is not None else edition


def edition_label(edition: str) -> str:
    """The edition's own name, as readers look for it; never translated."""
    found = BY_CODE.get(edition)
    return found.label if found is not None else edition


# URLs. A public page links to its sections, editions and days a few dozen times, and
# Django's reverse() costs tens of microseconds each: about a tenth of an uncached page.
# A URL depends only on the URLconf (fixed while the process runs), the edition and the
# script prefix, so the answers are kept, a bounded number of them.


@lru_cache(maxsize=8192)
def _reversed(name: str, edition: str | None, prefix: str, args: tuple, kwargs: tuple) -> str:
    with translation.override(edition):
        return reverse(name, args=args or None, kwargs=dict(kwargs) or None)


def edition_url(name: str, *args: Any, edition: str | None = None, **kwargs: Any) -> str:
    """The URL of `name` in `edition`, or in the active edition when None."""
    active = edition if edition is not None else translation.get_language()
    return _reversed(name, active, get_script_prefix(), args, tuple(sorted(kwargs.items())))


def article_path(*, article_id: int, edition: str, slug: str) -> str:
    """The canonical path of an article, built without reversing: listings print dozens
    of these per page. tests/editions/test_editions.py checks it matches reverse()."""
    return f"/{edition}/news/{article_id}-{slug or 'news'}/"


# A story's permanent id in an edition (feeds' item ids, the partner API's ninjs `uri`): a
# name-based UUID in this namespace, from the story and the edition. It never changes with
# the title or the slug, and the two Kazakh editions' items differ.
STORY_NAMESPACE = uuid.UUID("6f1d9a3e-5b2c-4e8f-9a41-0c7d2b8e5f13")


def story_uri(*, translation_group: uuid.UUID, edition: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(STORY_NAMESPACE, f"{translation_group}/{edition}"))


def article_edition(article: ShownArticle) -> str:
    """The edition an article is shown in: the current one when it belongs there (a Kazakh
    article on the Latin edition stays on the Latin edition), else its own."""
    edition = translation.get_language()
    return edition if content_language(edition) == article.language else article.language


def article_url(article: ShownArticle) -> str:
    """An article's address in the edition it is shown in (article_edition)."""
    return article_path(article_id=article.pk, edition=article_edition(article), slug=article.slug)


# Fields kept per language (`name_en`, `name_ru`, `name_kk`): one column each keeps reads
# to a single row with no joins.


def translated(obj: object, *, field: str, language: str) -> str:
    """`obj.<field>_<language>`, or the first non-empty one of the other languages."""
    for code in (language, settings.LANGUAGE_CODE, *ARTICLE_LANGUAGES):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""


def has_any_translation(obj: object, *, field: str) -> bool:
    return any(getattr(obj, f"{field}_{code}", "") for code in ARTICLE_LANGUAGES)


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


def in_edition(obj: object, *, field: str, edition: str) -> str:
    """A field kept per language (`name_en`, `name_ru`, `name_kk`…) as `edition` shows it:
    the Latin edition shows the Kazakh text in the Latin alphabet."""
    return in_script(translated(obj, field=field, language=content_language(edition)), edition=edition)


def in_script(text: str, *, edition: str | None = None) -> str:
    """`text` as the edition writes it: transliterated on the Latin edition, else as is."""
    return latin.to_latin(text, corrections()) if text and is_latin(edition) else text


def in_capitals(text: str, *, edition: str | None = None) -> str:
    """`text` in capitals on the Latin edition, by the Kazakh Latin alphabet (i → İ, ı → I);
    browsers cannot do it (CSS `text-transform` turns ı and i both into I), so the site's
    CSS leaves capitals to this on `:lang(kk-Latn)` and uppercases other editions itself."""
    return latin.latin_upper(text) if text and is_latin(edition) else text


def html_in_script(html: str, *, edition: str | None = None) -> str:
    return latin.html_to_latin(html, corrections()) if html and is_latin(edition) else html


def forget_corrections() -> None:
    _corrections.forget()


@receiver([post_save, post_delete], sender=Transliteration)
def _forget_corrections(**kwargs: object) -> None:
    forget_corrections()
