"""Each document carries when readers may see its story, its time and its section, so that a
search filters on the documents alone (on PostgreSQL the join to the articles for the
visibility rule was three quarters of a mid-frequency word's search at a million stories).

The columns are filled from the articles in one statement. SQLite's triggers are remade to
follow only the indexed text: a change of these columns alone touches no FTS5 row.
"""

import django.db.models.deletion
from django.db import migrations, models

FILL = """
UPDATE search_searchdocument SET
    published_at = a.published_at,
    section_id = a.section_id,
    visible_from = CASE
        WHEN a.status <> 'published' OR a.published_at IS NULL THEN NULL
        WHEN a.embargo_until IS NOT NULL AND a.embargo_until > a.published_at THEN a.embargo_until
        ELSE a.published_at
    END
FROM content_article a WHERE a.id = search_searchdocument.article_id
"""


def fill(apps, schema_editor) -> None:
    schema_editor.execute(FILL)


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

    dependencies = [
        ('content', '0010_front_page'),
        ('search', '0002_desk_search_replaces_title_trigram'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, engine_reinstall, elidable=False),
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
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(triggers_remake, engine_uninstall, elidable=False),
    ]
