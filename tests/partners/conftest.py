"""Partners, keys and stories as the partner API sees them."""

import pytest

from newsdesk.partners.keys import partner_key_create
from newsdesk.partners.models import Partner
from newsdesk.partners.versions import pending_settle
from tests.newsroom.conftest import chief, editor, journalist  # noqa: F401  (the roles' fixtures)
from tests.syndication.conftest import make_story, people  # noqa: F401  (fixtures shared with the feeds' tests)


@pytest.fixture
def make_partner(db):
    def make(name: str = "Daily Courier", *, editions=("en", "ru", "kk", "kk-latn"), **fields):
        partner = Partner.objects.create(name=name, editions=list(editions), **fields)
        return partner, partner_key_create(partner=partner, label="tests", by=None)[1]

    return make


@pytest.fixture
def partner_key(make_partner) -> str:
    return make_partner(licence="For the Daily Courier's own site only.")[1]


@pytest.fixture
def api(client, partner_key):
    """GET under /api/v1/ with the partner's key; the partner's versions settled first."""

    def get(path: str, key: str | None = partner_key, **params):
        pending_settle()
        headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
        return client.get("/api/v1" + path, params, **headers)

    return get
