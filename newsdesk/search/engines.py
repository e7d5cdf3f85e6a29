"""The full-text engines behind one interface: SQLite's FTS5, PostgreSQL's text search.

Both index the terms of `SearchDocument` rows (analysis.py makes them), so both find the
same stories for a query; they differ only in how they rank (FTS5's BM25, PostgreSQL's
`ts_rank`), and the ranking built on top (queries.py) weighs recency the same way.

- SQLite: one FTS5 table per article language (`search_en`…), with the documents' table
  as its external content through a view per language, kept in step by triggers: a
  document written in a story's transaction is indexed in it. Title, lead and body weigh
  10, 4 and 1.
- PostgreSQL: `vector`, a `tsvector` with the title's terms weighted A, the lead's B and
  the body's D, under one GIN index per article language, each on the expression
  `CASE WHEN language = '<language>' THEN vector END`, and (language, article) for the
  newest matches. The expression gives the planner each language's own statistics of
  its words: Russian and Kazakh share an alphabet, and a Russian word that is rare in
  Russian but common in Kazakh was planned, from the whole column's statistics, as a
  common word (the newest documents walked until a thousand matched: 1.6 s instead of
  26 ms at a million stories).

A reader's search reads only the documents: each carries when its story becomes visible
(`visible_from`), its time and its section (index.py keeps them), so the visibility rule and
the filters are a condition on the document's own row, and no match is joined to its story.

An engine never sees a reader's text: queries arrive as groups of terms (every group must
match, any term in one will do), and terms are letters and digits only, so no query can
carry the engines' own syntax.
"""

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.dateparse import parse_datetime

from newsdesk.editions.definition import ARTICLE_LANGUAGES
from newsdesk.search.analysis import Query

DOCUMENTS = "search_searchdocument"


@dataclass(frozen=True)
class Filters:
    section_id: int | None = None
    since: datetime | None = None  # published at or after
    until: datetime | None = None  # published before


@dataclass(frozen=True)
class Match:
    article_id: int
    relevance: float  # larger is better; comparable within one query only
    published_at: datetime


class Engine(Protocol):
    def install(self) -> None:
        """Create what the engine needs beside the documents' table (migrations call it)."""

    def uninstall(self) -> None:
        """Drop what install made (a migration's reverse)."""

    def matches(self, *, language: str, query: Query, now: datetime, filters: Filters, limit: int) -> list[Match]:
        """The newest `limit` stories readers may see that match `query`, newest first."""

    def desk_matches(self, *, language: str, query: Query, limit: int) -> list[int]:
        """The newest `limit` stories in `language` that match, in any status."""

    def similar(self, *, language: str, terms: list[str], now: datetime, limit: int) -> list[Match]:
        """The visible stories sharing most of `terms` (any of them), best first."""

    def document_frequencies(self, *, language: str, terms: list[str]) -> tuple[int, dict[str, int]]:
        """How many documents `language` has, and in how many each of `terms` appears."""

    def clear(self) -> None:
        """Every document removed, the index emptied with them, at once (before a rebuild)."""

    def bulk(self) -> AbstractContextManager[None]:
        """Around writing every document into the emptied table, where it is faster to make
        the index once at the end from all the rows than row by row; searches meanwhile may
        be slow."""

    def optimise(self) -> None:
        """After a rebuild: merge the index's segments, refresh the planner's statistics."""

    def derived_tables(self) -> list[str]:
        """Tables of the engine's own that an install fills by itself (backups skip them when
        they judge whether a database is empty)."""

    def size(self) -> int | None:
        """The index's size in bytes, where the database tells it."""


def _moment(value: datetime | str) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    parsed = parse_datetime(value)
    if parsed is None:
        raise ValueError(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _readers_sql(*, now: datetime, filters: Filters, db: BaseDatabaseWrapper) -> tuple[str, list]:
    """What readers may find among documents `d`: visible at `now` (the moment the
    visibility rule gives is stored with the document, None while unpublished, which no
    comparison passes), and within the filters."""
    sql, params = "d.visible_from <= %s", list[object]([db.ops.adapt_datetimefield_value(now)])
    if filters.section_id is not None:
        sql += " AND d.section_id = %s"
        params.append(filters.section_id)
    if filters.since is not None:
        sql += " AND d.published_at >= %s"
        params.append(db.ops.adapt_datetimefield_value(filters.since))
    if filters.until is not None:
        sql += " AND d.published_at < %s"
        params.append(db.ops.adapt_datetimefield_value(filters.until))
    return sql, params


class SqliteEngine:
    WEIGHTS = "10.0, 4.0, 1.0"  # title, lead, body

    @staticmethod
    def table(language: str) -> str:
        if language not in ARTICLE_LANGUAGES:
            raise ValueError(language)
        return f"search_{language}"

    @staticmethod
    def expression(query: Query) -> str:
        return " AND ".join("(" + " OR ".join(f'"{term}"' for term in sorted(group)) + ")" for group in query.groups)

    def install(self) -> None:
        with connection.cursor() as cursor:
            for language in ARTICLE_LANGUAGES:
                table, view = self.table(language), f"search_{language}_documents"
                cursor.execute(
                    f"CREATE VIEW IF NOT EXISTS {view} AS SELECT article_id, title, lead, body FROM {DOCUMENTS}"
                    f" WHERE language = '{language}'"
                )
                cursor.execute(
                    f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5(title, lead, body,"
                    f" content='{view}', content_rowid='article_id', tokenize='unicode61 remove_diacritics 0')"
                )
                cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {table}_terms USING fts5vocab({table}, 'row')")
        self._triggers_create()

    _TRIGGERS = ("added", "removed", "changed")

    def _triggers_create(self) -> None:
        with connection.cursor() as cursor:
            for language in ARTICLE_LANGUAGES:
                table = self.table(language)
                old = "'delete', old.article_id, old.title, old.lead, old.body"
                new = "new.article_id, new.title, new.lead, new.body"
                columns = "rowid, title, lead, body"
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_added AFTER INSERT ON {DOCUMENTS}"
                    f" WHEN new.language = '{language}' BEGIN"
                    f" INSERT INTO {table}({columns}) VALUES ({new}); END"
                )
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_removed AFTER DELETE ON {DOCUMENTS}"
                    f" WHEN old.language = '{language}' BEGIN"
                    f" INSERT INTO {table}({table}, {columns}) VALUES ({old}); END"
                )
                # Only a change of what is indexed: a story's visibility, time or section
                # changing rewrites no terms.
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_changed"
                    f" AFTER UPDATE OF language, title, lead, body ON {DOCUMENTS} BEGIN"
                    f" INSERT INTO {table}({table}, {columns}) SELECT {old} WHERE old.language = '{language}';"
                    f" INSERT INTO {table}({columns}) SELECT {new} WHERE new.language = '{language}'; END"
                )

    def triggers_remake(self) -> None:
        """The triggers as `install` now writes them, in place of an older definition."""
        self._triggers_drop()
        self._triggers_create()

    def uninstall(self) -> None:
        self._triggers_drop()
        with connection.cursor() as cursor:
            for language in ARTICLE_LANGUAGES:
                table = self.table(language)
                cursor.execute(f"DROP TABLE IF EXISTS {table}_terms")
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
                cursor.execute(f"DROP VIEW IF EXISTS {table}_documents")

    def _triggers_drop(self) -> None:
        with connection.cursor() as cursor:
            for language in ARTICLE_LANGUAGES:
                for trigger in self._TRIGGERS:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {self.table(language)}_{trigger}")

    def matches(self, *, language: str, query: Query, now: datetime, filters: Filters, limit: int) -> list[Match]:
        table = self.table(language)
        readers, params = _readers_sql(now=now, filters=filters, db=connection)
        sql = (
            f"SELECT f.rowid, bm25({table}, {self.WEIGHTS}), d.published_at FROM {table} f"
            f" JOIN {DOCUMENTS} d ON d.article_id = f.rowid WHERE {table} MATCH %s AND {readers}"
            " ORDER BY f.rowid DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.expression(query), *params, limit])
            return [Match(pk, -score, _moment(at)) for pk, score, at in cursor.fetchall()]

    def desk_matches(self, *, language: str, query: Query, limit: int) -> list[int]:
        table = self.table(language)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {table} WHERE {table} MATCH %s ORDER BY rowid DESC LIMIT %s",
                [self.expression(query), limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def similar(self, *, language: str, terms: list[str], now: datetime, limit: int) -> list[Match]:
        table = self.table(language)
        readers, params = _readers_sql(now=now, filters=Filters(), db=connection)
        sql = (
            f"SELECT f.rowid, bm25({table}, {self.WEIGHTS}) AS score, d.published_at FROM {table} f"
            f" JOIN {DOCUMENTS} d ON d.article_id = f.rowid WHERE {table} MATCH %s AND {readers}"
            " ORDER BY score LIMIT %s"
        )
        expression = " OR ".join(f'"{term}"' for term in terms)
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, *params, limit])
            return [Match(pk, -score, _moment(at)) for pk, score, at in cursor.fetchall()]

    def document_frequencies(self, *, language: str, terms: list[str]) -> tuple[int, dict[str, int]]:
        table = self.table(language)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {table}_docsize")
            (documents,) = cursor.fetchone()
            frequencies = {}
            for term in terms:
                cursor.execute(f"SELECT doc FROM {table}_terms WHERE term = %s", [term])
                row = cursor.fetchone()
                frequencies[term] = row[0] if row else 0
        return documents, frequencies

    def clear(self) -> None:
        """The documents deleted without their triggers (which would remove each row's terms
        from the index one by one), the index emptied whole: one transaction."""
        with transaction.atomic(), connection.cursor() as cursor:
            self._triggers_drop()
            cursor.execute(f"DELETE FROM {DOCUMENTS}")
            for language in ARTICLE_LANGUAGES:
                table = self.table(language)
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
            self._triggers_create()

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """No triggers while the rows go in; then each language's index read from them at
        once ('rebuild'), and the triggers back in the same transaction, so a document a
        story's save writes meanwhile is indexed too. (At 30,000 stories it takes as long
        as the triggers do; `make bench-data`'s million are measured this way.)"""
        self._triggers_drop()
        try:
            yield
        finally:
            with transaction.atomic(), connection.cursor() as cursor:
                for language in ARTICLE_LANGUAGES:
                    table = self.table(language)
                    cursor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
                self._triggers_create()

    def optimise(self) -> None:
        with connection.cursor() as cursor:
            for language in ARTICLE_LANGUAGES:
                table = self.table(language)
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")

    def derived_tables(self) -> list[str]:
        """FTS5's own tables: rows an install writes by itself, all made from the documents."""
        shadows = ("", "_data", "_idx", "_docsize", "_config", "_terms")
        return [self.table(language) + shadow for language in ARTICLE_LANGUAGES for shadow in shadows]

    def size(self) -> int | None:
        with connection.cursor() as cursor:
            try:
                cursor.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search\\_%' ESCAPE '\\'")
            except Exception:
                return None
            return cursor.fetchone()[0]


class PostgresEngine:
    # ts_rank's weights for D, C, B, A: body, (unused), lead, title; normalised by length.
    # The query is written out where it is used (a parameter each time), not joined in
    # once: only a constant lets the planner read how common its words are from the
    # column's statistics, and walk the newest documents for a word most stories have
    # instead of gathering all its matches from the GIN index.
    RANK = "ts_rank('{0.1, 0.2, 0.4, 1.0}', d.vector, CAST(%s AS tsquery), 1)"

    @staticmethod
    def expression(query: Query) -> str:
        return " & ".join("(" + " | ".join(f"'{term}'" for term in sorted(group)) + ")" for group in query.groups)

    @staticmethod
    def vector(language: str, alias: str | None = "d") -> str:
        """A language's documents' vectors (NULL for the others'), as its GIN index reads them:
        a query must write the same expression for the planner to use the index."""
        if language not in ARTICLE_LANGUAGES:
            raise ValueError(language)
        of = f"{alias}." if alias else ""
        return f"(CASE WHEN {of}language = '{language}' THEN {of}vector END)"

    @staticmethod
    def index_name(language: str) -> str:
        return f"search_vector_{language}"

    def indexes_create(self, *, concurrently: bool = False) -> None:
        """Each language's GIN index (`concurrently`: without blocking writes, outside a
        transaction, as a migration on a live archive does)."""
        how = "CONCURRENTLY " if concurrently else ""
        with connection.cursor() as cursor:
            for language in ARTICLE_LANGUAGES:
                cursor.execute(
                    f"CREATE INDEX {how}IF NOT EXISTS {self.index_name(language)} ON {DOCUMENTS}"
                    f" USING gin ({self.vector(language, alias=None)})"
                )

    def indexes_drop(self) -> None:
        with connection.cursor() as cursor:
            for language in ARTICLE_LANGUAGES:
                cursor.execute(f"DROP INDEX IF EXISTS {self.index_name(language)}")

    def install(self) -> None:
        self.indexes_create()
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE INDEX IF NOT EXISTS search_newest ON {DOCUMENTS} (language, article_id DESC)")

    def uninstall(self) -> None:
        self.indexes_drop()
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS search_newest")

    def matches(self, *, language: str, query: Query, now: datetime, filters: Filters, limit: int) -> list[Match]:
        readers, params = _readers_sql(now=now, filters=filters, db=connection)
        sql = (
            f"SELECT d.article_id, {self.RANK}, d.published_at FROM {DOCUMENTS} d WHERE d.language = %s"
            f" AND {self.vector(language)} @@ CAST(%s AS tsquery) AND {readers} ORDER BY d.article_id DESC LIMIT %s"
        )
        expression = self.expression(query)
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, language, expression, *params, limit])
            return [Match(pk, score, at) for pk, score, at in cursor.fetchall()]

    def desk_matches(self, *, language: str, query: Query, limit: int) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.article_id FROM {DOCUMENTS} d WHERE d.language = %s"
                f" AND {self.vector(language)} @@ CAST(%s AS tsquery) ORDER BY d.article_id DESC LIMIT %s",
                [language, self.expression(query), limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def similar(self, *, language: str, terms: list[str], now: datetime, limit: int) -> list[Match]:
        readers, params = _readers_sql(now=now, filters=Filters(), db=connection)
        sql = (
            f"SELECT d.article_id, {self.RANK} AS score, d.published_at FROM {DOCUMENTS} d WHERE d.language = %s"
            f" AND {self.vector(language)} @@ CAST(%s AS tsquery) AND {readers} ORDER BY score DESC LIMIT %s"
        )
        expression = " | ".join(f"'{term}'" for term in terms)
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, language, expression, *params, limit])
            return [Match(pk, score, at) for pk, score, at in cursor.fetchall()]

    def document_frequencies(self, *, language: str, terms: list[str]) -> tuple[int, dict[str, int]]:
        """From the planner's statistics of the language's index (ANALYZE): its most common
        terms and the share of the language's documents each is in; a term not among them is
        rarer than the rarest listed."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {DOCUMENTS} WHERE language = %s", [language])
            (documents,) = cursor.fetchone()
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats WHERE tablename = %s",
                [self.index_name(language)],
            )
            row = cursor.fetchone()
        common = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
        return documents, {term: round(common.get(term, 0.0) * documents) for term in terms}

    def clear(self) -> None:
        """A plain DELETE: the GIN index is not touched row by row (VACUUM tidies it), and
        unlike TRUNCATE it works in a transaction that has just written documents."""
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {DOCUMENTS}")

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """No GIN indexes while the rows go in (each insert would add its terms to them):
        built after them in one pass each, which is several times faster."""
        self.indexes_drop()
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                # Inside a transaction that wrote documents, the foreign keys' deferred checks
                # are pending, and PostgreSQL builds no index over them: checked first.
                if connection.in_atomic_block:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET maintenance_work_mem = '256MB'")
            self.indexes_create()
            with connection.cursor() as cursor:
                cursor.execute("RESET maintenance_work_mem")
                if connection.in_atomic_block:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as Django declares its foreign keys

    def optimise(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {DOCUMENTS}")

    def derived_tables(self) -> list[str]:
        return []  # the index lives in the documents' own table

    def size(self) -> int | None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size(%s)", [DOCUMENTS])
            return cursor.fetchone()[0]


def engine() -> Engine:
    return PostgresEngine() if connection.vendor == "postgresql" else SqliteEngine()
