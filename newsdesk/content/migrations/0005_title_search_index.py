"""A trigram index for the desk's title search on PostgreSQL.

The admin searches titles with `icontains`, which PostgreSQL runs as
`UPPER(title::text) LIKE UPPER('%word%')`: without this index, a scan of the whole
archive (a second at a million articles). The index has exactly that expression.
SQLite has no such index; sites of that size run on PostgreSQL (`make serve`).
"""

from django.db import migrations


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS article_title_trgm ON content_article USING gin (UPPER(title::text) gin_trgm_ops)"
    )


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_title_trgm")


class Migration(migrations.Migration):
    dependencies = [("content", "0004_desk_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
