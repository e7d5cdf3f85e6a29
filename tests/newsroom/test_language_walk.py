"""Every back-office screen, in each back-office language but English, has no English left.

The screens are found, not listed: every admin URL without arguments, each registered
model's list, add form and the change form of an object made below, each app's index,
and the screens with arguments named in EXTRA_SCREENS (one line each). A screen added
later is walked without touching this file, or by adding its line. What counts as English
left, and what is allowed, is in tests/newsroom/language_walk.py.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, reverse
from django.utils import timezone

from newsdesk.accounts.language import SESSION_KEY
from newsdesk.accounts.models import SignInAttempt
from newsdesk.content.models import Author, Byline, Source, Tag
from newsdesk.editions.models import Transliteration
from newsdesk.newsroom import services
from newsdesk.newsroom.models import AuditEntry
from newsdesk.partners.keys import partner_key_create
from newsdesk.partners.models import Delivery, Partner, Webhook
from newsdesk.siteconfig.models import AgencyPage, Programme, SiteSettings
from newsdesk.wires.models import WireFeed, WireItem, WireItemVersion, WireSource, WireTake
from tests.newsroom.language_walk import english_left, visible_text

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]

# Screens whose address has arguments the walk cannot guess: {article} is the walk's story.
EXTRA_SCREENS = [
    "/admin/content/article/{article}/history/",
    "/admin/content/article/{article}/compare/?a=1&b=2",
    "/admin/content/article/{article}/views/",
    "/admin/content/article/{article}/delete/",
    "/admin/content/article/?status__exact=draft",
    "/admin/auth/user/{user}/password/",
]

# Admin URLs without arguments that are not screens, with why.
NOT_SCREENS = {
    "logout": "takes a POST and leaves",
    "jsi18n": "the JavaScript catalogue (the browser test reads what it writes)",
    "autocomplete": "JSON for the select boxes",
}


@pytest.fixture
def one_of_each(db, admin_user, make_article, make_photo, section):
    """An object of every registered model, its words in Russian and Kazakh."""
    source = Source.objects.create(name_en="", name_ru="Казинформ", name_kk="Қазинформ", url="https://inform.kz")
    tag = Tag.objects.create(language="ru", name="экономика", slug="ekonomika")
    author = Author.objects.create(name="Айгерим Садыкова")
    article = make_article(
        "Морозы придут в Казахстан",
        language="ru",
        body="<p>Синоптики обещают мороз.</p>",
        photo=make_photo(credit="пресс-служба", alt_text="Зимний город"),
        source=source,
        tags=[tag],
    )
    Byline.objects.create(article=article, author=author, role=Byline.Role.REPORTED_BY, position=0)
    services.revision_record(article=article, by=admin_user)
    services.article_save(article=article, by=admin_user)
    AuditEntry.objects.create(actor=admin_user, action=AuditEntry.Action.EDITED, article=article)
    Group.objects.create(name="Корреспонденты")
    SiteSettings.objects.get_or_create(pk=1, defaults={"name_ru": "Казахстан сегодня", "name_kk": "Қазақстан бүгін"})
    SignInAttempt.objects.create(username="айгерим", address="192.0.2.1")
    Transliteration.objects.create(cyrillic="садыкова", latin="sadyqova")
    partner = Partner.objects.create(name="Курьер", editions=["ru", "kk"])
    partner_key_create(partner=partner, label="сайт", by=None)
    webhook = Webhook.objects.create(partner=partner, url="https://courier.example.kz/hook", secret="x" * 32)
    now = timezone.now()
    Delivery.objects.create(
        message_id="m1", webhook=webhook, article=article, event="item.published", payload={}, created_at=now,
        next_attempt_at=now + timedelta(minutes=1),
    )  # fmt: skip
    wire = WireSource.objects.create(source=source, name="Казинформ РУ", language="ru")
    WireFeed.objects.create(wire=wire, url="https://inform.kz/rss")
    item = WireItem.objects.create(
        wire=wire,
        guid="1",
        text_hash="0" * 64,
        language="ru",
        title="Морозы",
        lead="Холодно.",
        embargoed_until=timezone.now() + timedelta(hours=2),
    )
    WireItemVersion.objects.create(item=item, number=1, title=item.title, lead=item.lead)
    WireTake.objects.create(article=article, item=item, version_number=1, original_url="https://inform.kz/1")
    Programme.objects.create(
        edition="ru",
        title_ru="Новости дня",
        title_kk="Күн жаңалықтары",
        starts_at=now,
        ends_at=now + timedelta(hours=1),
    )
    AgencyPage.objects.create(edition="ru", kind="about", title="О нас", body="<p>Агентство.</p>", published=True)
    return {"article": article.pk, "user": admin_user.pk}


def _arguments(pattern) -> bool:
    return bool(getattr(pattern, "converters", None) or getattr(getattr(pattern, "regex", None), "groups", 0))


def _admin_paths(patterns, prefix: str = "/admin/"):
    for entry in patterns:
        if _arguments(entry.pattern):
            continue
        route = str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            yield from _admin_paths(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern) and entry.name not in NOT_SCREENS:
            yield prefix + route


def screens(objects: dict[str, int]) -> list[str]:
    found = list(_admin_paths(admin.site.get_urls()))
    for model in admin.site._registry:
        meta = model._meta
        found.append(f"/admin/{meta.app_label}/")
        for view in ("changelist", "add"):
            found.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}"))
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"the walk has no {meta.label}: make one in one_of_each"
        found.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]))
    found += [screen.format(**objects) for screen in EXTRA_SCREENS]
    return sorted(set(found))


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_back_office_screen_shows_english(client, admin_user, one_of_each, language):
    client.force_login(admin_user)
    session = client.session
    session[SESSION_KEY] = language
    session.save()
    walked, english = [], {}
    for path in screens(one_of_each):
        response = client.get(path, follow=True)
        if response.status_code in (403, 405) or "text/html" not in response.get("Content-Type", ""):
            continue  # not a page this person reads (a superuser is refused only what nobody may do)
        assert response.status_code == 200, (path, response.status_code)
        walked.append(path)
        if left := english_left(visible_text(response.content.decode())):
            english[path] = sorted(set(left))
    assert len(walked) > 40, walked
    assert not english, "\n".join(f"{path}: {left}" for path, left in english.items())


def test_the_walk_finds_english_where_there_is_some():
    html = (
        '<p>Сохранить</p><button title="Show counts">x</button><p>Save</p><script>var a = "Save";</script>'
        "<textarea>The minister said</textarea><p>Note: You are 5 hours ahead of server time.</p>"
        '<a href="https://gov.kz/the/and">gov.kz</a><p>Айгерим Садыкова, English, 2026</p>'
    )
    assert english_left(visible_text(html)) == ["Show counts", "Save", "Note: You are 5 hours ahead of server time."]
