"""Which stories an editor's Latin spelling of a Kazakh word changes: the Kazakh stories
readers can see whose title, lead or text has that word (as `latin.to_latin` finds words)."""

from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from newsdesk.content.models import Article, Language
from newsdesk.content.visibility import visible_condition
from newsdesk.editions.latin import CYRILLIC_WORD


def _has_word(article: Article, words: set[str]) -> bool:
    texts = (article.title, article.lead, article.body)
    return any(match.group().lower() in words for text in texts for match in CYRILLIC_WORD.finditer(text or ""))


def stories_spelling(words: Iterable[str]) -> list[Article]:
    """The visible Kazakh stories that use any of `words` (lower case, Cyrillic)."""
    wanted = {word.lower() for word in words if word}
    if not wanted:
        return []
    # A first cut in the database (SQLite folds case of ASCII only: the forms a word is
    # written in are asked for), then the words themselves in Python.
    candidates = Q()
    for word in wanted:
        for form in {word, word.capitalize(), word.upper()}:
            candidates |= Q(title__contains=form) | Q(lead__contains=form) | Q(body__contains=form)
    stories = (
        Article.objects.filter(visible_condition(now=timezone.now()), candidates, language=Language.KK)
        .select_related("section")
        .order_by("-published_at")
    )
    return [story for story in stories if _has_word(story, wanted)]
