import pytest
from django.contrib.auth.hashers import MD5PasswordHasher

# The newsroom's staff, one per role (their fixtures are shared, not written again here).
from tests.newsroom.conftest import PASSWORD, chief, editor, journalist, roles_made, staff

__all__ = ["PASSWORD", "chief", "editor", "journalist", "roles_made", "staff"]


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


def sign_in(client, username: str, password: str = PASSWORD, address: str = "203.0.113.7", **extra):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )
