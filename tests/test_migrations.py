"""Migrations are complete and reversible."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def test_migrations_create_no_accounts(db):
    """No default login with a known password: accounts come from createsuperuser or the demo."""
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.exists()


def test_no_model_change_is_missing_a_migration(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_every_migration_reverses_and_applies_again():
    executor = MigrationExecutor(connection)
    apps = ["editions", "newsroom", "audience", "content", "siteconfig"]
    targets = [(app, None) for app in apps]
    executor.migrate(targets)
    tables = connection.introspection.table_names()
    assert not [t for t in tables if t.startswith(("content_", "audience_", "siteconfig_", "newsroom_", "editions_"))]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert "content_article" in connection.introspection.table_names()
