"""Chief editors manage partners, their keys and webhooks.

The permissions are named here, not imported, so that this migration does the same
thing whatever the code becomes.
"""

from django.db import migrations

CHIEF_EDITOR = "Chief editors"
MODELS = ["partner", "partnerkey", "webhook", "delivery", "deliveryattempt", "partnerusage"]


def create_permissions_and_grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the grant needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    chief_editors_manage_partners(apps)


def chief_editors_manage_partners(apps):
    """The grant (the permissions must exist)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    chief = Group.objects.filter(name=CHIEF_EDITOR).first()
    if chief is not None:
        chief.permissions.add(
            *Permission.objects.filter(content_type__app_label="partners", content_type__model__in=MODELS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_partners"),
        ("newsroom", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_permissions_and_grant, migrations.RunPython.noop),
    ]
