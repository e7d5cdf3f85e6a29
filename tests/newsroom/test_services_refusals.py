"""Refusals are logged even when they roll back a caller's transaction (as the admin's
change form opens one), however that transaction ends. Transactional tests: the default
test transaction would wrap, and keep, everything."""

import pytest
from django.db import transaction

from newsdesk.newsroom import services
from newsdesk.newsroom.audit_context import keeping_entries
from newsdesk.newsroom.models import AuditEntry

REFUSED = AuditEntry.Action.REFUSED
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles_made")]


class SomethingElseFailed(Exception):
    pass


@pytest.fixture
def theirs(other_journalist, draft_by):
    return draft_by(other_journalist)


def _the_refusal(journalist, article) -> None:
    refused = AuditEntry.objects.get(action=REFUSED)
    assert (refused.actor, refused.article, refused.message) == (journalist, article, "submit for review")


def test_a_refusal_that_rolls_back_the_callers_transaction_is_still_logged(journalist, theirs):
    with keeping_entries():  # as every request is kept (the middleware)
        with pytest.raises(services.Refused), transaction.atomic():
            services.article_submit(article=theirs, by=journalist)
        assert not AuditEntry.objects.filter(action=REFUSED).exists()  # rolled back with the caller's
    _the_refusal(journalist, theirs)


def test_a_caller_that_goes_on_and_commits_logs_the_refusal_once(journalist, theirs):
    # The caller catches the refusal inside its transaction, as workflow_act does, and commits.
    with keeping_entries(), transaction.atomic(), pytest.raises(services.Refused):
        services.article_submit(article=theirs, by=journalist)
    _the_refusal(journalist, theirs)


def test_a_caller_that_goes_on_and_then_fails_logs_the_refusal_once(journalist, theirs):
    with keeping_entries(), pytest.raises(SomethingElseFailed), transaction.atomic():
        with pytest.raises(services.Refused):
            services.article_submit(article=theirs, by=journalist)
        raise SomethingElseFailed  # after the refusal, the caller's transaction rolls back
    _the_refusal(journalist, theirs)


def test_a_refusal_rolled_back_with_a_savepoint_is_logged_while_the_rest_commits(journalist, theirs, draft_by):
    mine = draft_by(journalist, title="Snow in Astana")
    with keeping_entries(), transaction.atomic():
        with pytest.raises(services.Refused), transaction.atomic():
            services.article_submit(article=theirs, by=journalist)
        services.article_submit(article=mine, by=journalist)
    _the_refusal(journalist, theirs)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SUBMITTED, article=mine).count() == 1


def test_a_refusal_outside_any_transaction_is_logged_once(journalist, theirs):
    with keeping_entries(), pytest.raises(services.Refused):
        services.article_submit(article=theirs, by=journalist)
    _the_refusal(journalist, theirs)
