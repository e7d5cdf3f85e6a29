"""Each document carries when readers may see its story, its time and its section, so that a
search filters on the documents alone (on PostgreSQL the join to the articles for the
visibility rule was three quarters of a mid-frequency word's search at a million stories).

SQLite's triggers are first remade to follow only the indexed text, so that filling these
columns touches no FTS5 row. The columns are then filled from the articles a range of
documents a transaction: a story saved meanwhile waits for one batch at most, not for the
whole archive (a million documents take about 9 minutes on PostgreSQL, whose rows are
rewritten: VACUUM gives the space back).
"""

import django.db.models.deletion
from django.db import migrations, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

BATCH = 20_000

FILL = """
UPDATE search_searchdocument SET
    published_at = a.published_at,
    section_id = a.section_id,
    visible_from = CASE
        WHEN a.status <> 'published' OR a.published_at IS NULL THEN NULL
        WHEN a.embargo_until IS NOT NULL AND a.embargo_until > a.published_at THEN a.embargo_until
        ELSE a.published_at
    END
FROM content_article a
WHERE a.id = search_searchdocument.article_id
    AND search_searchdocument.article_id >= %s AND search_searchdocument.article_id < %s
"""


def documents_fill(connection: BaseDatabaseWrapper, batch: int = BATCH) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(article_id), max(article_id) FROM search_searchdocument")
        low, high = cursor.fetchone()
    if low is None:
        return
    for start in range(low, high + 1, batch):
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(FILL, [start, start + batch])


def fill(apps, schema_editor) -> None:
    documents_fill(schema_editor.connection)


def triggers_remake(apps, schema_editor) -> None:
    from newsdesk.search.engines import SqliteEngine

    if schema_editor.connection.vendor == "sqlite":
        SqliteEngine().triggers_remake()


# Backwards, SQLite drops a column by remaking the table, which its views and triggers
# forbid: the engine is taken down first, and put back (its index read again) after.
def engine_uninstall(apps, schema_editor) -> None:
    from newsdesk.search.engines import SqliteEngine

    if schema_editor.connection.vendor == "sqlite":
        SqliteEngine().uninstall()


def engine_reinstall(apps, schema_editor) -> None:
    from newsdesk.editions.definition import ARTICLE_LANGUAGES
    from newsdesk.search.engines import SqliteEngine

    if schema_editor.connection.vendor == "sqlite":
        engine = SqliteEngine()
        engine.install()
        for language in ARTICLE_LANGUAGES:
            table = engine.table(language)
            schema_editor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")


class Migration(migrations.Migration):
    atomic = False  # the fill commits a batch at a time

    dependencies = [
        ('content', '0010_front_page'),
        ('search', '0002_desk_search_replaces_title_trigram'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, engine_reinstall, atomic=True, elidable=False),
        migrations.AddField(
            model_name='searchdocument',
            name='published_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='section',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='content.section'),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='visible_from',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(triggers_remake, engine_uninstall, atomic=True, elidable=False),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
