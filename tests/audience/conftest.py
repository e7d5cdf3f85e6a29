import pytest


@pytest.fixture(params=["database", "redis"])
def backend(request, settings):
    """Each counting test runs on both back ends: they must behave the same."""
    if request.param == "database":
        settings.REDIS_URL = ""  # and no client made for another address is used
        yield "database"
    else:
        request.getfixturevalue("private_redis")
        yield "redis"
