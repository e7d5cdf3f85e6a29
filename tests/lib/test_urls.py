from django.urls import reverse, set_script_prefix
from django.utils import translation

from newsdesk.lib.urls import cached_reverse


def test_remembered_urls_are_reverses_in_the_edition_asked_or_active():
    with translation.override("kk"):
        assert cached_reverse("public:section", slug="sport") == reverse("public:section", kwargs={"slug": "sport"})
        assert cached_reverse("public:home") == "/kk/"
        assert cached_reverse("public:home", language="ru") == "/ru/"
    with translation.override("kk-latn"):
        assert cached_reverse("public:home") == "/kk-latn/"


def test_a_site_under_a_path_prefix_gets_its_own_urls():
    try:
        set_script_prefix("/news/")
        with translation.override("en"):
            assert cached_reverse("public:home") == "/news/en/"
    finally:
        set_script_prefix("/")
    with translation.override("en"):
        assert cached_reverse("public:home") == "/en/"
