"""The change feed's order: versions commit in the order of their ids, so a partner that
resumes after the last id it saw misses none, even when two publishes overlap."""

import threading
import time

import pytest
from django.db import connection, transaction

from newsdesk.content.models import Article
from newsdesk.partners.models import ItemVersion, PendingChange
from newsdesk.partners.versions import pending_settle


@pytest.mark.django_db(transaction=True)
def test_a_later_settlement_never_commits_before_an_earlier_one(make_article, agency):
    first, second = make_article("First story"), make_article("Second story")
    PendingChange.objects.all().delete()
    ItemVersion.objects.all().delete()
    for article in (first, second):
        PendingChange.objects.create(article=article, change="published", at=article.published_at)
    settled, release = threading.Event(), threading.Event()

    def slow_first() -> None:
        try:
            with transaction.atomic():
                pending_settle(article_ids=[first.pk])
                settled.set()  # its version has an id, and is not committed yet
                release.wait(5)
        finally:
            connection.close()

    def second_meanwhile() -> None:
        try:
            pending_settle(article_ids=[second.pk])
        finally:
            connection.close()

    one = threading.Thread(target=slow_first)
    one.start()
    assert settled.wait(5)
    two = threading.Thread(target=second_meanwhile)
    two.start()
    time.sleep(0.5)
    # A partner polls now: whatever it sees, it must not see the second story without the first.
    seen_meanwhile = list(ItemVersion.objects.order_by("pk").values_list("pk", "article_id"))
    cursor = seen_meanwhile[-1][0] if seen_meanwhile else 0
    release.set()
    one.join(5)
    two.join(5)
    after = list(ItemVersion.objects.filter(pk__gt=cursor).order_by("pk").values_list("article_id", flat=True))
    seen = [article_id for _pk, article_id in seen_meanwhile] + after
    assert sorted(seen) == sorted([first.pk, second.pk]), "a version committed behind the cursor was missed"
    assert list(ItemVersion.objects.order_by("pk").values_list("article_id", flat=True)) == [first.pk, second.pk]
    assert Article.objects.count() == 2
