"""The internet TV's schedule; chief editors may edit it, as they may the site's settings.

The permissions are named here, not imported, so that this migration does the same
thing whatever the code becomes.
"""

from django.db import migrations, models


CHIEF_EDITOR = "Chief editors"
PERMISSIONS = ["add_programme", "change_programme", "delete_programme", "view_programme"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the grant needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    chief_editors_edit_schedule(apps)


def chief_editors_edit_schedule(apps):
    """The grant (the permissions must exist)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    chief = Group.objects.filter(name=CHIEF_EDITOR).first()
    if chief is not None:
        chief.permissions.add(*Permission.objects.filter(content_type__app_label="siteconfig", codename__in=PERMISSIONS))


class Migration(migrations.Migration):

    dependencies = [
        ('siteconfig', '0005_live_stream_title'),
        ('newsroom', '0002_roles'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='Programme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('edition', models.CharField(choices=[('en', 'English'), ('ru', 'Russian'), ('kk', 'Kazakh')], default='en', help_text='The Kazakh schedule is shown by both Kazakh editions.', max_length=8, verbose_name='edition')),
                ('title_en', models.CharField(blank=True, max_length=200, verbose_name='title (English)')),
                ('title_ru', models.CharField(blank=True, max_length=200, verbose_name='title (Russian)')),
                ('title_kk', models.CharField(blank=True, help_text='In Cyrillic: the Latin edition shows it in Latin letters.', max_length=200, verbose_name='title (Kazakh)')),
                ('description_en', models.TextField(blank=True, verbose_name='description (English)')),
                ('description_ru', models.TextField(blank=True, verbose_name='description (Russian)')),
                ('description_kk', models.TextField(blank=True, verbose_name='description (Kazakh)')),
                ('starts_at', models.DateTimeField(verbose_name='starts at')),
                ('ends_at', models.DateTimeField(verbose_name='ends at')),
            ],
            options={
                'verbose_name': 'programme',
                'verbose_name_plural': 'TV schedule',
                'ordering': ['starts_at'],
                'indexes': [models.Index(fields=['ends_at', 'starts_at'], name='programme_ends_starts')],
                'constraints': [models.CheckConstraint(condition=models.Q(('ends_at__gt', models.F('starts_at'))), name='programme_ends_after_start', violation_error_message='A programme ends after it starts.')],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
