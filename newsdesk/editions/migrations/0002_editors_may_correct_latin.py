"""Editors and chief editors may correct the Latin edition's spellings."""

from django.db import migrations

PERMISSIONS = ["add_transliteration", "change_transliteration", "delete_transliteration", "view_transliteration"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="editions", codename__in=PERMISSIONS)
    for group in Group.objects.filter(name__in=["Editors", "Chief editors"]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="editions", codename__in=PERMISSIONS)
    for group in Group.objects.filter(name__in=["Editors", "Chief editors"]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("editions", "0001_initial"), ("newsroom", "0002_roles")]

    operations = [migrations.RunPython(grant, revoke)]
