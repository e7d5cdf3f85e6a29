"""Wire items keep the wire's embargo, and the Incoming desk searches their words: each
item's terms (search's analysis), and on PostgreSQL the same as a tsvector under a GIN
index. Items already stored get their terms here."""

from django.db import migrations, models

import newsdesk.search.models


def terms_backfill(apps, schema_editor) -> None:
    from newsdesk.wires.search import item_terms_update  # noqa: PLC0415  (the analysis as it is now)

    WireItem = apps.get_model("wires", "WireItem")
    for item in WireItem.objects.using(schema_editor.connection.alias).iterator(chunk_size=500):
        item_terms_update(item)
        item.save(update_fields=["terms", "vector"])


def index_create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS wire_item_vector ON wires_wireitem USING gin (vector)")


def index_drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS wire_item_vector")


class Migration(migrations.Migration):
    dependencies = [("wires", "0002_roles")]

    operations = [
        migrations.AddField(
            model_name="wireitem",
            name="embargoed_until",
            field=models.DateTimeField(
                blank=True,
                help_text="The wire allows no publication before this time; a story taken from it keeps the embargo.",
                null=True,
                verbose_name="embargoed until",
            ),
        ),
        migrations.AddField(model_name="wireitem", name="terms", field=models.TextField(blank=True, default="")),
        migrations.AddField(
            model_name="wireitem",
            name="vector",
            field=newsdesk.search.models.TermsVectorField(blank=True, default=""),
        ),
        migrations.RunPython(terms_backfill, migrations.RunPython.noop),
        migrations.RunPython(index_create, index_drop),
    ]
