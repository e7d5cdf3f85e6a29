import pytest

from newsdesk.audience import redis_counter


@pytest.fixture(params=["database", "redis"])
def backend(request, settings):
    """Each counting test runs on both back ends: they must behave the same."""
    if request.param == "database":
        settings.REDIS_URL = ""
        redis_counter.reset_client()
        yield "database"
        redis_counter.reset_client()
    else:
        request.getfixturevalue("private_redis")
        yield "redis"
