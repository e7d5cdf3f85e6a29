"""Pins on the front page and the breaking banner, set from the desk (newsroom/front.py)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from newsdesk.content.models import Article, FrontSlot
from newsdesk.newsroom import front
from newsdesk.newsroom.models import AuditEntry
from tests.conftest import ALMATY

Action = AuditEntry.Action


@pytest.fixture
def on_the_site(make_article):
    return make_article("Parliament passes the budget")


def _later(hours: float = 2):
    return timezone.now() + timedelta(hours=hours)


def _stored(article: Article) -> Article:
    return Article.objects.get(pk=article.pk)


def test_an_editor_pins_a_story_of_their_section_and_the_log_says_so(editor, on_the_site):
    until = _later()
    front.front_pin(article=on_the_site, slot=FrontSlot.TOP, until=until, by=editor)
    stored = _stored(on_the_site)
    assert (stored.front_slot, stored.front_until) == (FrontSlot.TOP, until)
    assert stored.version == on_the_site.version  # a placement, not an edit
    assert AuditEntry.objects.filter(article=on_the_site, action=Action.PINNED, actor=editor).exists()
    front.front_unpin(article=on_the_site, by=editor)
    assert _stored(on_the_site).front_slot is None and _stored(on_the_site).front_until is None


def test_a_journalist_may_not_pin_nor_announce_and_the_refusal_is_logged(journalist, on_the_site):
    on_the_site.created_by = journalist  # even their own story
    on_the_site.save(update_fields=["created_by"])
    with pytest.raises(PermissionDenied):
        front.front_pin(article=on_the_site, slot=FrontSlot.TOP, until=_later(), by=journalist)
    with pytest.raises(PermissionDenied):
        front.breaking_start(article=on_the_site, by=journalist)
    stored = _stored(on_the_site)
    assert stored.front_slot is None and stored.breaking_until is None
    assert AuditEntry.objects.filter(article=on_the_site, action=Action.REFUSED, actor=journalist).count() == 2


def test_an_editor_may_not_place_a_story_outside_their_sections(sport_editor, on_the_site):
    for place in (
        lambda: front.front_pin(article=on_the_site, slot=FrontSlot.SECONDARY, until=_later(), by=sport_editor),
        lambda: front.front_unpin(article=on_the_site, by=sport_editor),
        lambda: front.breaking_start(article=on_the_site, by=sport_editor),
        lambda: front.breaking_end(article=on_the_site, by=sport_editor),
    ):
        with pytest.raises(PermissionDenied):
            place()
    assert _stored(on_the_site).front_slot is None


def test_a_chief_editor_places_any_story(chief, on_the_site):
    front.front_pin(article=on_the_site, slot=FrontSlot.SECONDARY, until=_later(), by=chief)
    assert _stored(on_the_site).front_slot == FrontSlot.SECONDARY


def test_only_a_story_readers_see_is_pinned_and_only_until_a_later_time(editor, make_article, on_the_site):
    scheduled = make_article("Tomorrow's story", ago=-timedelta(hours=3))
    with pytest.raises(ValidationError):
        front.front_pin(article=scheduled, slot=FrontSlot.TOP, until=_later(5), by=editor)
    with pytest.raises(ValidationError):
        front.breaking_start(article=scheduled, by=editor)
    with pytest.raises(ValidationError):
        front.front_pin(article=on_the_site, slot=FrontSlot.TOP, until=_later(-1), by=editor)
    assert _stored(scheduled).front_slot is None and _stored(on_the_site).front_slot is None


def test_breaking_news_lasts_an_hour_unless_told_and_the_editor_ends_it(editor, on_the_site):
    front.breaking_start(article=on_the_site, by=editor)
    stored = _stored(on_the_site)
    assert stored.is_breaking
    assert timedelta(minutes=59) < stored.breaking_until - timezone.now() <= timedelta(hours=1)
    front.breaking_start(article=on_the_site, by=editor, until=_later(3))
    assert _stored(on_the_site).breaking_until - timezone.now() > timedelta(hours=2)
    front.breaking_end(article=on_the_site, by=editor)
    assert _stored(on_the_site).breaking_until is None
    actions = list(AuditEntry.objects.filter(article=on_the_site).values_list("action", flat=True))
    assert Action.BREAKING_STARTED in actions and Action.BREAKING_ENDED in actions


def _front_url(article: Article) -> str:
    return reverse("admin:newsroom_front", args=[article.pk])


def _local(moment) -> str:
    """As the form's field gives it: in the agency's zone."""
    return timezone.localtime(moment, ALMATY).strftime("%Y-%m-%dT%H:%M")


def test_the_change_form_pins_for_an_editor(client, editor, on_the_site):
    client.force_login(editor)
    form = client.get(reverse("admin:content_article_change", args=[on_the_site.pk])).content.decode()
    assert _front_url(on_the_site) in form
    response = client.post(_front_url(on_the_site), {"action": "pin", "slot": "1", "until": _local(_later(3))})
    assert response.status_code == 302
    assert _stored(on_the_site).front_slot == FrontSlot.TOP
    client.post(_front_url(on_the_site), {"action": "breaking", "until": ""})
    assert _stored(on_the_site).breaking_until is not None


def test_the_server_refuses_a_crafted_post_from_a_journalist_or_another_desk(
    client, journalist, sport_editor, on_the_site
):
    for person in (journalist, sport_editor):
        client.force_login(person)
        form = client.get(reverse("admin:content_article_change", args=[on_the_site.pk])).content.decode()
        assert _front_url(on_the_site) not in form  # no box for them
        client.post(_front_url(on_the_site), {"action": "pin", "slot": "1", "until": _local(_later(3))})
        client.post(_front_url(on_the_site), {"action": "breaking"})
        stored = _stored(on_the_site)
        assert stored.front_slot is None and stored.breaking_until is None


@pytest.mark.parametrize(
    "post",
    [{"action": "pin", "slot": "7", "until": "2030-01-01T10:00"}, {"action": "pin", "slot": "1", "until": "soon"},
     {"action": "pin", "slot": "x"}, {"action": "breaking", "until": "99999-01-01T10:00"}, {"action": "nothing"}],
)  # fmt: skip
def test_bad_input_is_a_message_or_a_404_never_a_crash(client, editor, on_the_site, post):
    client.force_login(editor)
    response = client.post(_front_url(on_the_site), post)
    assert response.status_code in (302, 404)
    assert _stored(on_the_site).front_slot is None and _stored(on_the_site).breaking_until is None
