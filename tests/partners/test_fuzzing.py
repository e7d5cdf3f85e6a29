"""The partner API fuzzed from its own OpenAPI document (schemathesis): whatever a
partner sends, no 500 and no answer that breaks the documented schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from newsdesk.wsgi import application


@pytest.fixture
def api_schema(db):
    """The document, loaded per test: it is served through the site's middleware, which
    reads the database. The requests go to the WSGI application itself, so the test's
    connection is kept open between them, as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


def operations(api_schema) -> list:
    found = [result.ok() for result in api_schema.get_all_operations()]
    assert len(found) >= 5  # items, an item, changes, sections, tags
    return found


def test_the_document_is_openapi_3_1_and_documents_problems(client, db):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    responses = document["paths"]["/api/v1/items"]["get"]["responses"]
    assert "application/problem+json" in responses["400"]["content"]
    assert document["components"]["securitySchemes"]["PartnerKeyAuth"]["scheme"] == "bearer"


def test_the_docs_are_served_from_this_site(client, db):
    page = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "cdn." not in page and "unpkg" not in page


def test_no_500_and_no_answer_off_the_schema(api_schema, fuzz_key):
    """Every operation, with generated parameters, valid and not: schemathesis's checks
    (no server error, documented status, content type, headers and schema) on each answer."""
    for operation in operations(api_schema):

        @FUZZ
        @given(case=operation.as_strategy())
        def fuzz(case) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {fuzz_key}"})

        fuzz()


def test_without_a_key_every_endpoint_answers_401(api_schema):
    for operation in operations(api_schema):

        @settings(FUZZ, max_examples=5)
        @given(case=operation.as_strategy())
        def fuzz(case) -> None:
            response = case.call()
            assert response.status_code == 401
            assert response.headers["content-type"] == ["application/problem+json"]

        fuzz()


@pytest.fixture
def fuzz_key(make_partner, make_story):
    """A partner with a rate limit the fuzzer cannot reach, and stories to answer with."""
    from newsdesk.partners.versions import pending_settle

    make_story()
    make_story("Астанада саммит өтті", language="kk", tag_slug="sammit", tag_name="Саммит")
    pending_settle()
    return make_partner("Fuzzer", requests_per_minute=1_000_000)[1]
