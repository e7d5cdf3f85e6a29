import pytest
from django.contrib.auth.hashers import MD5PasswordHasher

from newsdesk.newsroom import roles
from tests.newsroom.conftest import PASSWORD, staff

__all__ = ["PASSWORD"]


class CountingHasher(MD5PasswordHasher):
    """A real hasher that counts how often a password is hashed (to check or to set)."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.fixture
def hashes(settings):
    """How many passwords were hashed since the test began: `hashes()`."""
    settings.PASSWORD_HASHERS = ["tests.accounts.conftest.CountingHasher"]
    CountingHasher.calls = 0
    return lambda: CountingHasher.calls


@pytest.fixture
def editor(section):
    return staff("editor", roles.EDITOR, [section])


@pytest.fixture
def journalist(db):
    return staff("journalist", roles.JOURNALIST)


@pytest.fixture
def chief(db):
    return staff("chief", roles.CHIEF_EDITOR)


def sign_in(client, username: str, password: str = PASSWORD, address: str = "203.0.113.7", **extra):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )
