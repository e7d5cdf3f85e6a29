"""A corpus of hostile input for every public URL, every back-office form and every header
the audit named: whatever arrives, the answer is a page, a form error or a refusal, never a
500. Runs on whichever database and cache the suite runs on (both in CI).

Every URL pattern of the site must have its entry in PUBLIC_PATHS, and every model of the
back office is posted with each hostile value in each of its fields, so a new page or form
is in the corpus from its first day.
"""

from urllib.parse import quote

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from tests.accounts.helpers import two_factor_on
from tests.conftest import jpeg_bytes

# Values an attacker, a broken client or a fuzzer sends, as they arrive on the wire.
HOSTILE = [
    "0",
    "-1",
    "9" * 30,
    "1e9",
    "NaN",
    "%00",
    "%FF%FE",
    "%C0%AE%C0%AE",
    "..",
    "%2e%2e%2f%2e%2e",
    "%2F",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%27%20OR%201%3D1--",
    "%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B",
    "caf%C3%A9",
    "%F0%9F%99%82",
    "%E2%80%AE",
    "%0D%0ASet-Cookie:%20x=1",
    "x" * 3000,
]
# The same, as a form or a query string carries them (decoded).
HOSTILE_TEXT = [
    "",
    " ",
    "0",
    "-1",
    "9" * 30,
    "abc",
    "\x00",
    "\ufffe\uffff",
    "<script>alert(1)</script>",
    "' OR 1=1--",
    '"><img src=x onerror=alert(1)>',
    "выборы",
    "\u202e",
    "x" * 5000,
    "0001-01-01",
    "9999-12-31 23:59:59",
    "2026-02-30",
    "../../etc/passwd",
]
EDITIONS = ["en", "ru", "kk", "kk-latn", "xx", "EN"]

# Every URL pattern of the site, by its route, and the paths of the corpus that exercise
# it; {x} takes each HOSTILE value, {e} each edition.
PUBLIC_PATHS = {
    "": ["/"],
    "robots.txt": ["/robots.txt"],
    "healthz": ["/healthz"],
    "favicon.ico": ["/favicon.ico"],
    "demo/live.m3u8": ["/demo/live.m3u8"],
    "demo/webhook/": ["/demo/webhook/"],
    "demo/wire.xml": ["/demo/wire.xml"],
    "^media/(?P<path>.*)$": ["/media/{x}", "/media/photos/{x}", "/media/{x}/{x}"],
    "{e}/": ["/{e}/"],
    "{e}/news/<id:article_id>/": ["/{e}/news/{x}/", "/{e}/news/1/"],
    "{e}/news/<id:article_id>-<str:slug>/": ["/{e}/news/{x}-{x}/", "/{e}/news/1-{x}/"],
    "{e}/news/<id:article_id>/views/": ["/{e}/news/{x}/views/", "/{e}/news/1/views/"],
    "{e}/news/<id:article_id>/seen.gif": ["/{e}/news/{x}/seen.gif", "/{e}/news/1/seen.gif"],
    "{e}/section/<slug:slug>/": ["/{e}/section/{x}/"],
    "{e}/tag/<str:slug>/": ["/{e}/tag/{x}/"],
    "{e}/author/<slug:slug>/": ["/{e}/author/{x}/", "/{e}/author/reporter/"],
    "{e}/<yyyy:year>/": ["/{e}/{x}/", "/{e}/2025/", "/{e}/0001/", "/{e}/1899/", "/{e}/9999/"],
    "{e}/<yyyy:year>/<dd:month>/": [
        "/{e}/{x}/{x}/",
        "/{e}/2025/{x}/",
        "/{e}/2025/00/",
        "/{e}/2025/13/",
        "/{e}/9999/12/",
    ],
    "{e}/<yyyy:year>/<dd:month>/<dd:day>/": ["/{e}/{x}/{x}/{x}/", "/{e}/2025/{x}/11/", "/{e}/0001/01/01/"],
    "{e}/most-viewed/": ["/{e}/most-viewed/", "/{e}/most-viewed/{x}", "/{e}/most-viewed/?page={x}"],
    "{e}/corrections/": ["/{e}/corrections/", "/{e}/corrections/{x}", "/{e}/corrections/?page={x}&before={x}"],
    "{e}/live/": ["/{e}/live/", "/{e}/live/{x}"],
    "{e}/page/<slug:slug>/": ["/{e}/page/{x}/", "/{e}/page/{x}", "/{e}/page/about/", "/{e}/page/about/{x}"],
    "{e}/search/": [
        "/{e}/search/?q={x}",
        "/{e}/search/?q=budget&section={x}&since={x}&until={x}&order={x}&page={x}",
        "/{e}/search/{x}",
    ],
    "{e}/opensearch.xml": ["/{e}/opensearch.xml"],
    "{e}/breaking.json": ["/{e}/breaking.json", "/{e}/breaking.json?x={x}"],
    "opensearch.xml": ["/opensearch.xml"],
    "{e}/rss.xml": ["/{e}/rss.xml"],
    "{e}/atom.xml": ["/{e}/atom.xml"],
    "{e}/feed/": ["/{e}/feed/", "/{e}/feed/{x}"],
    "{e}/section/<slug:slug>/rss.xml": ["/{e}/section/{x}/rss.xml"],
    "{e}/section/<slug:slug>/atom.xml": ["/{e}/section/{x}/atom.xml"],
    "{e}/tag/<str:slug>/rss.xml": ["/{e}/tag/{x}/rss.xml"],
    "{e}/tag/<str:slug>/atom.xml": ["/{e}/tag/{x}/atom.xml"],
    "{e}/author/<slug:slug>/rss.xml": ["/{e}/author/{x}/rss.xml"],
    "{e}/author/<slug:slug>/atom.xml": ["/{e}/author/{x}/atom.xml"],
    "{e}/corrections/rss.xml": ["/{e}/corrections/rss.xml"],
    "{e}/corrections/atom.xml": ["/{e}/corrections/atom.xml"],
    "sitemap.xml": ["/sitemap.xml"],
    "{e}/sitemap-news.xml": ["/{e}/sitemap-news.xml"],
    "{e}/sitemap-pages.xml": ["/{e}/sitemap-pages.xml"],
    "{e}/sitemap-tags-<int:page>.xml": ["/{e}/sitemap-tags-{x}.xml", "/{e}/sitemap-tags-1.xml"],
    "{e}/sitemap-<yyyy:year>-<dd:month>.xml": [
        "/{e}/sitemap-{x}-{x}.xml",
        "/{e}/sitemap-2025-12.xml",
        "/{e}/sitemap-0000-00.xml",
        "/{e}/sitemap-1900-01.xml",
        "/{e}/sitemap-8999-12.xml",
        "/{e}/sitemap-9999-12.xml",
    ],
    "{e}/sitemap-<yyyy:year>-<dd:month>-<dd:day>.xml": [
        "/{e}/sitemap-{x}-{x}-{x}.xml",
        "/{e}/sitemap-2025-12-11.xml",
        "/{e}/sitemap-2025-02-30.xml",
        "/{e}/sitemap-1900-01-01.xml",
        "/{e}/sitemap-8999-12-31.xml",
        "/{e}/sitemap-9999-12-31.xml",
    ],
    "admin/password-reset/": ["/admin/password-reset/", "/admin/password-reset/?email={x}"],
    "admin/password-reset/sent/": ["/admin/password-reset/sent/"],
    "admin/password-reset/<uidb64>/<token>/": ["/admin/password-reset/{x}/{x}/", "/admin/password-reset/MQ/{x}/"],
    "admin/password-reset/done/": ["/admin/password-reset/done/"],
    "admin/invitation/<uidb64>/<token>/": ["/admin/invitation/{x}/{x}/", "/admin/invitation/MQ/{x}/"],
    # The partner API: without a key here; tests/partners/test_fuzzing.py fuzzes it with one.
    "api/v1/": ["/api/v1/"],
    "api/v1/openapi.json": ["/api/v1/openapi.json"],
    "api/v1/docs": ["/api/v1/docs"],
    "api/v1/items": ["/api/v1/items", "/api/v1/items?cursor={x}&since={x}&limit={x}"],
    "api/v1/items/<item_id>": ["/api/v1/items/{x}", "/api/v1/items/1?version={x}"],
    "api/v1/changes": ["/api/v1/changes?updated_after={x}"],
    "api/v1/sections": ["/api/v1/sections"],
    "api/v1/tags": ["/api/v1/tags?cursor={x}"],
    "^api/(?P<rest>.*)$": ["/api/{x}", "/api/v2/items"],
}
QUERIES = ["before={x}", "after={x}", "before={x}&after={x}", "before=1.{x}", "{x}={x}", "q={x}"]
HEADERS = [
    {"HTTP_HOST": "127.0.0.1:6666"},
    {"HTTP_HOST": "evil.example"},
    {"HTTP_HOST": "[::1]:1"},
    {"HTTP_HOST": "x" * 300},
    {"HTTP_X_FORWARDED_FOR": "not an address, 300.1.1.1, ::ffff:1.2.3.4"},
    {"HTTP_X_FORWARDED_HOST": "evil.example"},
    {"HTTP_X_FORWARDED_PROTO": "https, http"},
    {"HTTP_ACCEPT_LANGUAGE": "xx-YY;q=2, *;q=-1, " + "ru;" * 500},
    {"HTTP_REFERER": "javascript:alert(1)"},
    {"HTTP_REFERER": "https://evil.example/en/news/1-x/"},
    {"HTTP_IF_NONE_MATCH": '"' + "x" * 5000 + '"'},
    {"HTTP_IF_MODIFIED_SINCE": "yesterday"},
    {"HTTP_RANGE": "bytes=999999999-"},
    {"HTTP_USER_AGENT": "Mozilla/5.0 " + "x" * 10_000},
    {"HTTP_USER_AGENT": "\x00\x01"},
    {"HTTP_SEC_FETCH_SITE": "none"},
    {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
    {"HTTP_COOKIE": "sessionid=" + "x" * 4000 + "; csrftoken=<script>"},
    {"CONTENT_LENGTH": "-1"},
    {"CONTENT_LENGTH": "abc"},
]


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the back office: every form below
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def test_every_url_pattern_of_the_site_is_in_the_corpus():
    with translation.override("en"):  # the editions' prefix is the active language's
        found = list(_routes(get_resolver().url_patterns))
    routes = {route.replace("en/", "{e}/", 1) if route.startswith("en/") else route for route in found}
    assert routes == set(PUBLIC_PATHS), f"add these to PUBLIC_PATHS: {routes - set(PUBLIC_PATHS)}"


def _paths() -> list[str]:
    found = []
    for templates in PUBLIC_PATHS.values():
        for template in templates:
            editions = EDITIONS if "{e}" in template else [""]
            values = HOSTILE if "{x}" in template else [""]
            for edition in editions:
                for value in values if edition in ("en", "") else values[::4]:
                    found.append(template.replace("{e}", edition).replace("{x}", value))
    return found


def _assert_answered(response, what) -> None:
    assert response.status_code < 500, (repr(what)[:300], response.status_code)


@pytest.fixture
def site(db, story, make_article, agency):
    """Stories to find, a tag, a day of news, an author's page and the live page."""
    from newsdesk.content.models import Author, Byline
    from newsdesk.siteconfig.models import AgencyPage

    make_article("A second story")
    Byline.objects.create(article=story, author=Author.objects.create(name="Reporter", slug="reporter"))
    AgencyPage.objects.create(edition="en", kind="about", title="About us", body="<p>Hi</p>", published=True)
    return story


@pytest.mark.parametrize("method", ["GET", "HEAD", "POST", "TRACE"])
def test_no_public_path_answers_500(client, site, method):
    for path in _paths():
        if method != "GET" and len(path) > 200:
            continue  # the 3,000-character paths: GET sends them, the other methods need not
        _assert_answered(client.generic(method, path), (method, path))


def test_no_query_string_answers_500(client, site):
    pages = ["/en/", "/ru/section/politics/", "/en/tag/who/", "/kk/2025/12/11/", site.get_absolute_url(), "/en/live/"]
    pages += [
        "/en/page/about/",
        "/en/author/reporter/",
        "/kk-latn/corrections/",
        "/ru/most-viewed/",
        "/en/2025/12/",
        "/kk/2025/",
    ]
    for page in pages:
        for query in QUERIES:
            for value in HOSTILE:
                path = f"{page}?{query.replace('{x}', value)}"
                _assert_answered(client.get(path), path)


def test_no_header_answers_500(client, site):
    targets = ["/", "/en/", site.get_absolute_url(), f"/en/news/{site.pk}/seen.gif", "/admin/login/", "/robots.txt"]
    for headers in HEADERS:
        for path in targets:
            _assert_answered(client.get(path, **headers), (path, headers))
        _assert_answered(client.post(f"/en/news/{site.pk}/views/", **headers), ("beacon", headers))
        _assert_answered(client.post("/admin/login/", {"username": "x", "password": "y"}, **headers), headers)


def test_no_sign_in_or_password_reset_form_answers_500(client, db):
    for value in HOSTILE_TEXT:
        for data in ({"username": value, "password": value}, {"username": "root", "password": value}):
            _assert_answered(client.post("/admin/login/", data), ("login", value[:40]))
        _assert_answered(client.post("/admin/password-reset/", {"email": value}), ("reset", value[:40]))
        _assert_answered(client.post("/admin/password-reset/MQ/set-password/", {"new_password1": value}), value[:40])
        _assert_answered(client.post("/admin/invitation/MQ/choose-password/", {"new_password1": value}), value[:40])


# The back office: each form of each model, every field hostile in turn, as a superuser
# (who reaches every form) and as a journalist (who is refused most).


@pytest.fixture
def root(db) -> User:
    user = User.objects.create_superuser("root", password="a long root password")
    two_factor_on(user)
    return user


def _form_fields(response) -> tuple[dict, dict]:
    """The form as the browser would post it back unchanged, and its fields by name."""
    data, fields = {}, {}
    context = response.context
    form = context["adminform"].form
    for name, field in form.fields.items():
        fields[name] = field
        initial = form.initial.get(name, field.initial)
        if initial not in (None, "") and not isinstance(initial, list | tuple):
            data[name] = str(initial.pk if hasattr(initial, "pk") else initial)
    for inline in context.get("inline_admin_formsets", []):
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management.initial.get(name, 0) or 0)
        fields[f"{inline.formset.prefix}-TOTAL_FORMS"] = None
    return data, fields


# What each kind of field is sent in turn (every field also gets every value at once).
_FOR_NUMBERS = ["abc", "-1", "9" * 30, "1.5e300"]
_FOR_DATES = ["0001-01-01", "9999-12-31 23:59:59", "2026-02-30", "abc"]
_FOR_TEXT = ["\x00\ufffe", "x" * 5000, '"><script>alert(1)</script>', "выборы\u202e"]


def _values_for(field) -> list[str]:
    from django import forms

    if isinstance(field, forms.SplitDateTimeField | forms.DateField | forms.DateTimeField | forms.TimeField):
        return _FOR_DATES
    if field is None or isinstance(field, forms.IntegerField | forms.ModelChoiceField | forms.ChoiceField):
        return _FOR_NUMBERS
    if isinstance(field, forms.BooleanField):
        return ["abc"]
    return _FOR_TEXT


def _admin_urls(obj_pk_by_model: dict) -> list[str]:
    """The add form of every model of the back office, and the change form of one of each."""
    urls = []
    for model in admin.site._registry:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        urls.append(f"{base}add/")
        if model in obj_pk_by_model:
            urls.append(f"{base}{obj_pk_by_model[model]}/change/")
    return urls


def test_no_back_office_form_answers_500(client, site, root):
    from django.contrib.auth.models import Group

    from newsdesk.content.models import Article, Photo, Section, Tag
    from newsdesk.editions.models import Transliteration
    from newsdesk.siteconfig.models import AgencyPage, SiteSettings

    Transliteration.objects.create(cyrillic="тоқаев", latin="toqaev")
    existing = {
        Article: site.pk,
        Section: site.section_id,
        Photo: site.photo_id,
        Tag: Tag.objects.first().pk,
        User: root.pk,
        Group: Group.objects.first().pk,
        SiteSettings: 1,
        Transliteration: Transliteration.objects.get().pk,
        AgencyPage: AgencyPage.objects.get().pk,
    }
    client.force_login(root)
    for url in _admin_urls(existing):
        page = client.get(url)
        _assert_answered(page, url)
        if page.status_code != 200 or "adminform" not in (page.context or {}):
            continue
        data, fields = _form_fields(page)
        for value in HOSTILE_TEXT:
            _assert_answered(client.post(url, data | dict.fromkeys(fields, value)), (url, "every field", value[:40]))
        for name, field in fields.items():
            for value in _values_for(field):
                _assert_answered(client.post(url, {**data, name: value}), (url, name, value[:40]))


def test_no_workflow_or_back_office_view_answers_500(client, site, root):
    from newsdesk.newsroom.services import revision_record

    revision_record(article=site, by=None)
    client.force_login(root)
    article = f"/admin/content/article/{site.pk}"
    for value in HOSTILE:
        for url in (
            f"{article}/workflow/{value}/",
            f"/admin/content/article/{value}/workflow/publish/",
            f"/admin/content/article/{value}/preview/",
            f"{article}/restore/{value}/",
        ):
            _assert_answered(client.post(url), url)
    for value in HOSTILE_TEXT:
        for action in ("submit", "send_back", "publish", "schedule", "unschedule", "withdraw"):
            data = {"at": value, "comment": value, "reason": value}
            _assert_answered(client.post(f"{article}/workflow/{action}/", data), (action, value[:40]))
        _assert_answered(client.post(f"{article}/translate/", {"language": value, "action": value}), value[:40])
        for query in (f"a={quote(value)}&b=1", f"a=1&b={quote(value)}"):
            _assert_answered(client.get(f"{article}/compare/?{query}"), query)
        _assert_answered(client.get(f"/admin/content/article/photos/search/?q={quote(value)}"), value[:40])
        for query in (f"start={quote(value)}", f"end={quote(value)}", f"language={quote(value)}"):
            _assert_answered(client.get(f"/admin/content/article/most-viewed/?{query}"), query)
        _assert_answered(client.get(f"/admin/content/article/?q={quote(value)}&desk={quote(value)}"), value[:40])
        _assert_answered(client.get(f"/admin/content/article/?by={quote(value)}&o={quote(value)}"), value[:40])


# Files: what arrives as a photo or a logo.
UPLOADS = [
    ("empty.jpg", b"", "image/jpeg"),
    ("text.jpg", b"this is not a photo", "image/jpeg"),
    ("truncated.jpg", jpeg_bytes()[:200], "image/jpeg"),
    ("photo.pdf", jpeg_bytes(fmt="PNG"), "application/pdf"),
    ("photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"),
    ("polyglot.jpg", jpeg_bytes() + b"<html><script>alert(1)</script></html>", "image/jpeg"),
    ("tiny.png", jpeg_bytes(size=(2, 2), fmt="PNG"), "image/png"),
    ("../../../etc/passwd.jpg", jpeg_bytes(), "image/jpeg"),
    ("выборы 2026 <script>.jpg", jpeg_bytes(), "image/jpeg"),
    ("x" * 300 + ".jpg", jpeg_bytes(), "image/jpeg"),
    (
        "bomb.png",
        bytes.fromhex("89504e470d0a1a0a0000000d49484452") + (100_000).to_bytes(4, "big") * 2 + bytes(5),
        "image/png",
    ),
]


@pytest.mark.parametrize(("name", "content", "content_type"), UPLOADS, ids=[u[0][:20] for u in UPLOADS])
def test_no_upload_answers_500(client, root, db, name, content, content_type):
    client.force_login(root)
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = client.post("/admin/content/photo/add/", {"file": upload, "alt_text": "x", "credit": "y"})
    _assert_answered(response, name)
    logo = SimpleUploadedFile(name, content, content_type=content_type)
    _assert_answered(client.post("/admin/siteconfig/sitesettings/add/", {"logo": logo, "name_en": "x"}), name)
