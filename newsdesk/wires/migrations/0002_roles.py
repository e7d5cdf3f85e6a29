"""Journalists and editors read the Incoming desk (and take from it, as they write
stories); chief editors also register the wires and clear the desk."""

from django.db import migrations

NEWSROOM = ["view_wireitem", "view_wiresource"]
CHIEF = [
    *NEWSROOM,
    "delete_wireitem",
    "add_wiresource",
    "change_wiresource",
    "delete_wiresource",
    "add_wirefeed",
    "change_wirefeed",
    "delete_wirefeed",
    "view_wirefeed",
]
ROLES = {"Journalists": NEWSROOM, "Editors": NEWSROOM, "Chief editors": CHIEF}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(*Permission.objects.filter(content_type__app_label="wires", codename__in=ROLES[group.name]))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="wires"))


class Migration(migrations.Migration):
    dependencies = [("wires", "0001_wire_sources_and_items"), ("newsroom", "0002_roles")]

    operations = [migrations.RunPython(grant, revoke)]
