import importlib

import pytest
from django.contrib.auth.models import Group, Permission, User

from newsdesk.content.models import Section
from newsdesk.newsroom import roles
from newsdesk.newsroom.models import DeskMember
from tests.accounts.helpers import two_factor_on

PASSWORD = "a long demo password"


def staff(username: str, role: str, sections: list[Section] = ()) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True, first_name=username.title())
    user.groups.add(Group.objects.get(name=role))
    desk = DeskMember.objects.create(user=user)
    desk.sections.set(sections)
    if role == roles.CHIEF_EDITOR:
        two_factor_on(user)  # their role requires it
    return User.objects.get(pk=user.pk)  # fresh: no cached permissions


def roles_create() -> None:
    """The roles again: transactional tests empty every table after each test, the roles a
    migration made included."""
    from django.apps import apps

    importlib.import_module("newsdesk.newsroom.migrations.0002_roles").create_groups(apps)
    importlib.import_module("newsdesk.partners.migrations.0002_chief_editors").chief_editors_manage_partners(apps)
    importlib.import_module("newsdesk.siteconfig.migrations.0006_tv_schedule").chief_editors_edit_schedule(apps)
    wires = importlib.import_module("newsdesk.wires.migrations.0002_roles")  # its grant only: permissions exist
    for group in Group.objects.filter(name__in=wires.ROLES):
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="wires", codename__in=wires.ROLES[group.name])
        )


@pytest.fixture
def roles_made(transactional_db) -> None:
    roles_create()


@pytest.fixture
def sport(db) -> Section:
    return Section.objects.create(slug="sport", name_en="Sport")


@pytest.fixture
def journalist(db):
    return staff("journalist", roles.JOURNALIST)


@pytest.fixture
def other_journalist(db):
    return staff("other", roles.JOURNALIST)


@pytest.fixture
def editor(section):
    return staff("editor", roles.EDITOR, [section])


@pytest.fixture
def sport_editor(sport):
    return staff("sporteditor", roles.EDITOR, [sport])


@pytest.fixture
def copy_editor(section) -> User:
    """Edits colleagues' stories in Politics before publication, but may not correct."""
    from django.contrib.auth.models import Permission

    user = User.objects.create_user("copyeditor", password=PASSWORD, is_staff=True)
    codenames = ["view_article", "change_article", "edit_others_article"]
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="content", codename__in=codenames))
    DeskMember.objects.create(user=user).sections.set([section])
    return User.objects.get(pk=user.pk)


@pytest.fixture
def chief(db):
    return staff("chief", roles.CHIEF_EDITOR)


@pytest.fixture
def draft_by(make_article):
    """A draft written by `author`, as the back office would save it."""
    from newsdesk.content.models import Article
    from newsdesk.newsroom import services

    def make(author, title="Cold spell to grip Kazakhstan", **fields) -> Article:
        article = make_article(title, ago=None, **fields)
        article.created_by = author
        article.save(update_fields=["created_by"])
        services.revision_record(article=article, by=author)
        return Article.objects.get(pk=article.pk)

    return make
