"""The desk's search box now searches title, lead and body through the search index
(newsdesk/search): the trigram index on titles that served its `icontains` (content's
migration 0005) is no longer read, and only costs every save."""

from django.db import migrations


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_title_trgm")


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS article_title_trgm ON content_article USING gin (UPPER(title::text) gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_documents"), ("content", "0005_title_search_index")]

    operations = [migrations.RunPython(drop, create, elidable=False)]
