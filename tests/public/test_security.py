"""Security defaults readers never see: no cookies, a strict CSP, safe headers."""

import re

import pytest
from django.contrib.auth.models import User


@pytest.mark.parametrize("path", ["/en/", "/en/section/politics/", "/en/2025/12/11/", "/en/no-such-page/"])
def test_anonymous_public_pages_set_no_cookies(client, make_article, path):
    make_article()
    response = client.get(path)
    assert not response.cookies
    assert "Set-Cookie" not in str(response.serialize_headers())


def test_article_pages_and_the_beacon_set_no_cookies(client, make_article):
    article = make_article()
    assert not client.get(article.get_absolute_url()).cookies
    response = client.post(f"/en/news/{article.pk}/views/", HTTP_USER_AGENT="Mozilla/5.0")
    assert response.status_code == 200 and not response.cookies
    assert "no-cache" in response["Cache-Control"]


def test_pages_carry_a_strict_content_security_policy(client, make_article):
    response = client.get(make_article().get_absolute_url())
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self';" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_public_pages_have_no_inline_scripts_or_styles(client, make_article):
    html = client.get(make_article().get_absolute_url()).content.decode()
    assert "<script>" not in html and "<style" not in html and " style=" not in html
    assert not re.search(r"<[^>]+\son[a-z]+=", html), "inline event handler"


def test_a_body_with_hostile_markup_is_served_clean(client, make_article):
    article = make_article(body='<p>Text</p><img src=x onerror="alert(1)"><script>alert(2)</script>')
    html = client.get(article.get_absolute_url()).content.decode()
    assert "onerror" not in html and "alert(2)" not in html


def test_back_office_requires_login(client, db):
    response = client.get("/admin/content/article/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_back_office_cookies_are_secure_and_http_only(client, db):
    User.objects.create_superuser("chief", password="a long demo password")
    response = client.post("/admin/login/", {"username": "chief", "password": "a long demo password"})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_an_oversized_request_is_refused_before_it_is_read(client, db, settings):
    response = client.generic(
        "POST", "/admin/login/", b"x" * 10, content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(settings.NEWSDESK["MAX_REQUEST_BYTES"] + 1),
    )  # fmt: skip
    assert response.status_code == 413
    assert "too large" in response.content.decode()


def test_a_request_with_too_many_fields_is_a_400(client, db):
    data = "&".join(f"f{n}=x" for n in range(5000))
    response = client.generic("POST", "/admin/login/", data, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


@pytest.mark.parametrize("method", ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"])
@pytest.mark.parametrize("path", ["/en/", "/admin/login/", "/en/news/1/views/", "/healthz"])
def test_methods_the_site_does_not_use_answer_405(client, db, method, path):
    response = client.generic(method, path)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"


def test_health_checks_over_plain_http_are_not_redirected(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 204
    assert client.get("/en/").status_code == 301


@pytest.mark.parametrize(
    "path", ["/en/tag/%00/", "/en/section/a%00b/", "/en/?before=%00", "/admin/content/article/?q=%00"]
)
def test_a_null_character_in_an_address_is_a_400_in_the_sites_design(client, db, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "Bad request" in response.content.decode() or path.startswith("/admin/")
