"""The live stream's title per language: the one title there was becomes each language's,
to be translated from there."""

from django.db import migrations, models


def titles_copy(apps, schema_editor):
    SiteSettings = apps.get_model("siteconfig", "SiteSettings")
    for row in SiteSettings.objects.all():
        row.live_stream_title_ru = row.live_stream_title_kk = row.live_stream_title_en
        row.save(update_fields=["live_stream_title_ru", "live_stream_title_kk"])


def titles_keep_one(apps, schema_editor):
    SiteSettings = apps.get_model("siteconfig", "SiteSettings")
    for row in SiteSettings.objects.all():
        row.live_stream_title_en = row.live_stream_title_en or row.live_stream_title_ru or row.live_stream_title_kk
        row.save(update_fields=["live_stream_title_en"])


class Migration(migrations.Migration):

    dependencies = [
        ("siteconfig", "0004_telegram_channels"),
    ]

    operations = [
        migrations.RenameField(
            model_name="sitesettings", old_name="live_stream_title", new_name="live_stream_title_en"
        ),
        migrations.AlterField(
            model_name="sitesettings",
            name="live_stream_title_en",
            field=models.CharField(blank=True, max_length=100, verbose_name="live stream title (English)"),
        ),
        migrations.AddField(
            model_name="sitesettings",
            name="live_stream_title_ru",
            field=models.CharField(blank=True, max_length=100, verbose_name="live stream title (Russian)"),
        ),
        migrations.AddField(
            model_name="sitesettings",
            name="live_stream_title_kk",
            field=models.CharField(
                blank=True,
                help_text="In Cyrillic: the Latin edition shows it in Latin letters.",
                max_length=100,
                verbose_name="live stream title (Kazakh)",
            ),
        ),
        migrations.RunPython(titles_copy, titles_keep_one),
    ]
