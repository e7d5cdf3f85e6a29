"""The Incoming desk's search: an item's title, lead and text matched by their words, as
the archive's search matches stories (search/analysis.py: stems, folded case and letters,
Latin Kazakh read in Cyrillic).

Each item keeps its distinct terms (`terms`, " between and around "); a query matches the
items holding, for each of its words, one of that word's terms. On PostgreSQL the same
terms are a `tsvector` under a GIN index (`vector`), so the match is an index lookup
however many items the retention period keeps; on the embedded default it is a scan of
the terms, which the desk's few weeks of items keep short.
"""

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from newsdesk.content.text import body_plain_text
from newsdesk.search import analysis
from newsdesk.search.engines import PostgresEngine
from newsdesk.search.index import vector_of
from newsdesk.wires.models import WireItem

# Only Kazakh is analysed apart (its own stemmer and stop words); every other language's
# words are stemmed by script, Cyrillic as Russian and Latin as English (analysis.py).
_KAZAKH, _OTHER = "kk", "en"


def analysis_language(item_language: str) -> str:
    return _KAZAKH if item_language.split("-")[0].lower() == _KAZAKH else _OTHER


def item_terms_update(item: WireItem) -> None:
    """Set the item's terms (and on PostgreSQL its vector) from its title, lead and text."""
    language = analysis_language(item.language)
    fields = [
        (analysis.terms(item.title, language), "A"),
        (analysis.terms(item.lead, language), "B"),
        (analysis.terms(body_plain_text(item.body), language), "D"),
    ]
    distinct = dict.fromkeys(term for field_terms, _weight in fields for term in field_terms)
    item.terms = f" {' '.join(distinct)} " if distinct else ""
    item.vector = vector_of(fields) if connection.vendor == "postgresql" else ""


def _matching(query: analysis.Query) -> Q | RawSQL:
    if connection.vendor == "postgresql":
        # The tsquery is a parameter, made of terms that are letters and digits only.
        return RawSQL(  # noqa: S611
            f'"{WireItem._meta.db_table}"."vector" @@ CAST(%s AS tsquery)',
            [PostgresEngine.expression(query)],
            output_field=BooleanField(),
        )
    every = Q()
    for group in query.groups:
        one_of = Q()
        for term in sorted(group):
            one_of |= Q(terms__contains=f" {term} ")
        every &= one_of
    return every


def items_matching(items: QuerySet[WireItem], text: str) -> QuerySet[WireItem]:
    """The items of `items` whose words match every word of `text` (stop words aside);
    none when `text` has no word to look for."""
    wanted = Q(pk__in=[])
    for language in (_KAZAKH, _OTHER):
        query = analysis.query(text, language)
        if not query:
            continue
        in_language = Q(language__istartswith=_KAZAKH) if language == _KAZAKH else ~Q(language__istartswith=_KAZAKH)
        matching = _matching(query)
        if isinstance(matching, RawSQL):
            name = f"matches_{language}"
            items = items.alias(**{name: matching})
            wanted |= in_language & Q(**{name: True})
        else:
            wanted |= in_language & matching
    return items.filter(wanted)
