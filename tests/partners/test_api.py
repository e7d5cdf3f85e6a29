"""The partner API as a partner's program uses it: keys, filters, the change feed, errors."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Article
from newsdesk.newsroom import services as workflow
from newsdesk.partners.models import PartnerKey
from newsdesk.partners.versions import pending_settle


def test_the_latest_stories_come_as_ninjs_with_the_partners_licence(api, make_story):
    story = make_story()
    response = api("/items", edition="en")
    assert response.status_code == 200, response.content
    [item] = response.json()["items"]
    assert item["altIds"] == [{"role": "article", "value": str(story.pk)}]
    assert item["headlines"][0]["value"] == "Astana hosts the summit"
    assert item["pubStatus"] == "usable"
    assert item["usageTerms"] == "For the Daily Courier's own site only."
    assert item["copyrightHolder"] == "Kazakhstan Today"
    assert "embargoedUntil" not in item  # absent, not null: ninjs has no null times
    assert [s["rel"] for s in item["subjects"]] == ["section", "tag"]
    assert item["renditions"][0]["href"].endswith(story.get_absolute_url())


@pytest.mark.parametrize("header", [None, "Bearer ndk_wrong", "Basic dXNlcjpwYXNz", "Bearer "])
def test_no_key_or_a_wrong_one_is_401_problem_details(api, make_story, header, client):
    response = client.get("/api/v1/items", **({"HTTP_AUTHORIZATION": header} if header else {}))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401


def test_a_revoked_key_is_refused_from_the_next_request(api, partner_key):
    assert api("/items").status_code == 200
    PartnerKey.objects.update(revoked_at=timezone.now())
    assert api("/items").status_code == 401


def test_an_inactive_partner_is_refused(api, partner_key):
    from newsdesk.partners.models import Partner

    Partner.objects.update(is_active=False)
    assert api("/items").status_code == 401


def test_an_edition_outside_the_licence_is_403(api, make_partner):
    _partner, key = make_partner("Russian only", editions=["ru"])
    response = api("/items", key=key, edition="en")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert api("/items", key=key, edition="ru").status_code == 200


def test_over_the_rate_limit_is_429_with_retry_after(api, make_partner):
    _partner, key = make_partner("Small", requests_per_minute=2)
    assert api("/items", key=key).status_code == 200
    assert api("/items", key=key).status_code == 200
    response = api("/items", key=key)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "not-a-cursor"},
        {"cursor": "1764561600_12"},
        {"cursor": "1" * 40 + ".000000_1"},
        {"since": "yesterday"},
        {"since": "2026-12-01T09:00:00"},
        {"limit": "1000000"},
        {"limit": "0"},
        {"edition": "xx"},
        {"section": "<script>"},
    ],
)
def test_bad_parameters_are_400_problem_details(api, params):
    response = api("/items", **params)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["title"] and body["detail"]


@pytest.mark.parametrize("cursor", ["abc", "-1", "1" * 40, "1.5"])
def test_a_malformed_change_cursor_is_400(api, cursor):
    assert api("/changes", updated_after=cursor).status_code == 400


def test_unknown_ids_and_addresses_are_404_problem_details(api, client):
    assert api("/items/999999").status_code == 404
    response = client.get("/api/v2/whatever")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


def test_pages_follow_the_cursor_without_gaps_or_repeats(api, make_article):
    stories = [make_article(f"Story {n}", ago=timedelta(minutes=n)) for n in range(5)]
    seen, cursor = [], None
    while True:
        page = api("/items", edition="en", limit=2, **({"cursor": cursor} if cursor else {})).json()
        seen += [int(item["altIds"][0]["value"]) for item in page["items"]]
        cursor = page.get("next_cursor")
        if not cursor:
            break
    assert seen == [story.pk for story in stories]


def test_filters_by_section_tag_and_time(api, make_story, make_article):
    from newsdesk.content.models import Section

    tagged = make_story()
    sport = Section.objects.create(slug="sport", name_en="Sport")
    other = make_article("Football", section=sport, ago=timedelta(minutes=1))
    ids = lambda response: [int(i["altIds"][0]["value"]) for i in response.json()["items"]]  # noqa: E731
    assert ids(api("/items", edition="en", section="sport")) == [other.pk]
    assert ids(api("/items", edition="en", tag="summit")) == [tagged.pk]
    assert ids(api("/items", edition="en", since=(timezone.now() - timedelta(minutes=5)).isoformat())) == [other.pk]
    assert api("/items", section="nowhere").status_code == 404


def test_a_partner_limited_to_sections_gets_only_those(api, make_partner, make_article, section):
    from newsdesk.content.models import Section

    sport = Section.objects.create(slug="sport", name_en="Sport")
    make_article("Politics story")
    football = make_article("Football", section=sport)
    partner, key = make_partner("Sports daily")
    partner.sections.set([sport])
    items = api("/items", key=key, edition="en").json()["items"]
    assert [int(i["altIds"][0]["value"]) for i in items] == [football.pk]
    assert api("/items", key=key, section="politics").status_code == 403
    changes = api("/changes", key=key, edition="en").json()["changes"]
    assert {int(c["item"]["altIds"][0]["value"]) for c in changes} == {football.pk}


def test_the_change_feed_carries_every_version_in_order_once(api, make_article, django_capture_on_commit_callbacks):
    story = make_article("Floods in the north")
    first = api("/changes", edition="en").json()
    assert [c["event"] for c in first["changes"]] == ["item.published"]
    cursor = first["cursor"]
    assert api("/changes", edition="en", updated_after=cursor).json()["changes"] == []  # nothing twice

    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):  # each change settled once it commits
        workflow.article_save(article=story, by=None, correction_note="The river was misnamed.")
    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_withdraw(article=story, by=None, reason="Legal")
    page = api("/changes", edition="en", updated_after=cursor).json()
    assert [(c["event"], c["item"]["version"], c["item"]["pubStatus"]) for c in page["changes"]] == [
        ("item.corrected", "2", "usable"),
        ("item.withdrawn", "3", "canceled"),
    ]
    assert page["cursor"] == page["changes"][-1]["cursor"] and page["more"] is False
    # Any version stays readable by its number.
    assert api(f"/items/{story.pk}", version=1).json()["pubStatus"] == "usable"
    assert api(f"/items/{story.pk}").json()["pubStatus"] == "canceled"
    # A withdrawn story leaves the list.
    assert api("/items", edition="en").json()["items"] == []


def test_an_embargoed_story_reaches_only_partners_who_may_see_it_early(api, make_partner, make_article):
    from newsdesk.content.events import visibility_announce_due

    _early, early_key = make_partner("Early", sees_embargoed=True)
    _late, late_key = make_partner("Late")
    lifted = timezone.now() + timedelta(hours=2)
    story = make_article("Budget figures", embargo_until=lifted)
    early = api("/changes", key=early_key).json()["changes"]
    assert [(c["event"], c["item"]["pubStatus"]) for c in early] == [("item.withheld", "withheld")]
    assert early[0]["item"]["embargoedUntil"].startswith(lifted.astimezone(timezone.UTC).strftime("%Y-%m-%dT%H:%M"))
    assert api("/changes", key=late_key).json()["changes"] == []
    assert api("/items", key=late_key).json()["items"] == []
    assert api(f"/items/{story.pk}", key=late_key).status_code == 404

    with pytest.MonkeyPatch.context() as patch:
        later = lifted + timedelta(seconds=1)
        patch.setattr(timezone, "now", lambda: later)
        assert visibility_announce_due(now=later) == 1
        pending_settle()
    late = api("/changes", key=late_key).json()["changes"]
    assert [(c["event"], c["item"]["pubStatus"]) for c in late] == [("item.published", "usable")]
    assert [
        c["event"] for c in api("/changes", key=early_key, updated_after=early[-1]["cursor"]).json()["changes"]
    ] == ["item.published"]


def test_a_scheduled_story_is_shown_to_no_partner_before_its_time(api, make_partner, make_article):
    _early, early_key = make_partner("Early", sees_embargoed=True)
    make_article("Tomorrow's plan", ago=-timedelta(hours=3))
    assert api("/changes", key=early_key).json()["changes"] == []
    assert Article.objects.get().is_scheduled


def test_kazakh_stories_come_in_both_scripts(api, make_article):
    story = make_article("Қазақстан жаңалықтары", language="kk")
    items = api("/items").json()["items"]
    assert [i["language"] for i in items] == ["kk", "kk-Latn"]
    assert items[1]["headlines"][0]["value"] == "Qazaqstan jañalyqtary"
    assert {a["name"] for a in items[0].get("associations", [])} == {"translation-kk-latn"}
    assert api(f"/items/{story.pk}", edition="kk-latn").json()["language"] == "kk-Latn"


def test_sections_and_tags(api, make_story):
    make_story()
    make_story("Саммит", language="kk", tag_slug="sammit", tag_name="Саммит")
    [politics] = api("/sections").json()
    assert politics["slug"] == "politics"
    assert politics["names"] == {"en": "Politics", "ru": "Политика", "kk": "Саясат", "kk-latn": "Saiasat"}
    assert [t["slug"] for t in api("/tags", edition="en").json()["tags"]] == ["summit"]
    assert [t["name"] for t in api("/tags", edition="kk-latn").json()["tags"]] == ["Sammit"]


def test_usage_is_counted_per_partner_per_day(api, make_story, partner_key):
    from newsdesk.partners.models import PartnerUsage
    from newsdesk.partners.usage import usage_flush

    make_story()
    api("/items", edition="en")
    api("/items", edition="en")
    usage_flush()  # with Redis, the worker's minute job writes the counts down
    usage = PartnerUsage.objects.get()
    assert (usage.requests, usage.items) == (2, 2)


def test_no_answer_may_be_kept_by_a_shared_cache(api, make_story):
    make_story()
    for response in (api("/items"), api("/items", key="ndk_wrong"), api("/items", cursor="x")):
        assert response["Cache-Control"] == "private, no-store", response.status_code


def test_an_archive_from_before_the_api_gets_its_first_versions(api, make_article, capsys):
    from django.core.management import call_command

    from newsdesk.partners.models import ItemVersion, PendingChange

    story = make_article("Archived story")
    PendingChange.objects.all().delete()  # as if published before the partner API existed
    assert api("/items").json()["items"] == []
    call_command("partner_versions")
    assert "without a version: 1," in capsys.readouterr().out
    [item] = api("/items").json()["items"]
    assert item["altIds"][0]["value"] == str(story.pk) and item["version"] == "1"
    call_command("partner_versions")  # a second run writes nothing
    assert ItemVersion.objects.count() == 1
