"""Create the newsroom's roles: journalists, editors and chief editors.

The permissions are written out here, not imported, so that this migration does the
same thing forever; a later change of a role is a later migration.
"""

from django.db import migrations

JOURNALIST = "Journalists"
EDITOR = "Editors"
CHIEF_EDITOR = "Chief editors"

JOURNALIST_PERMISSIONS = [
    ("content", "add_article"),
    ("content", "change_article"),
    ("content", "view_article"),
    ("content", "add_photo"),
    ("content", "view_photo"),
    ("content", "view_section"),
    ("content", "view_tag"),
    ("content", "add_tag"),
    ("content", "view_source"),
    ("content", "add_source"),
    ("content", "view_author"),
    ("content", "add_byline"),
    ("content", "change_byline"),
    ("content", "delete_byline"),
    ("content", "view_byline"),
    ("content", "view_correction"),
    ("newsroom", "view_revision"),
]
EDITOR_PERMISSIONS = [
    *JOURNALIST_PERMISSIONS,
    ("content", "publish_article"),
    ("content", "correct_article"),
    ("content", "edit_others_article"),
    ("content", "change_photo"),
    ("content", "change_tag"),
    ("content", "change_source"),
    ("content", "add_author"),
    ("content", "change_author"),
    ("newsroom", "view_auditentry"),
]
# Chief editors: everything of the newsroom's own apps, plus managing people.
CHIEF_APPS = ["content", "newsroom", "siteconfig", "audience"]
CHIEF_EXTRA = [
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("auth", "view_user"),
    ("auth", "view_group"),
]




def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    create_groups(apps)


def create_groups(apps):
    """The three groups and their permissions (the permissions must exist)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs):
        found = []
        for app_label, codename in pairs:
            found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        return found

    for name, pairs in ((JOURNALIST, JOURNALIST_PERMISSIONS), (EDITOR, EDITOR_PERMISSIONS)):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions(pairs))
    chief, _created = Group.objects.get_or_create(name=CHIEF_EDITOR)
    chief.permissions.set(
        [*Permission.objects.filter(content_type__app_label__in=CHIEF_APPS), *permissions(CHIEF_EXTRA)]
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[JOURNALIST, EDITOR, CHIEF_EDITOR]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("content", "0002_newsroom_workflow"),
        ("siteconfig", "0001_initial"),
        ("audience", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
