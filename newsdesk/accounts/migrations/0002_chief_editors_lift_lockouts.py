"""Chief editors see the sign-in log and may lift a lockout; editors and journalists may not.

The permissions are named here, not imported, so that this migration does the same thing forever.
"""

from django.db import migrations

CHIEF_EDITOR = "Chief editors"
PERMISSIONS = [("accounts", "view_signinattempt"), ("accounts", "lift_lockout")]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("accounts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    chief = Group.objects.filter(name=CHIEF_EDITOR).first()
    if chief is None:
        return
    for app_label, codename in PERMISSIONS:
        chief.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    chief = Group.objects.filter(name=CHIEF_EDITOR).first()
    if chief is not None:
        chief.permissions.remove(
            *Permission.objects.filter(content_type__app_label="accounts", codename__in=[c for _a, c in PERMISSIONS])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("newsroom", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
