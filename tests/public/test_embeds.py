"""Embeds on readers' pages: a placeholder that asks the provider for nothing until the
reader loads it, in every edition and from the page cache."""

import re

import pytest

from newsdesk.content.models import Article
from newsdesk.public.embeds import embeds_for_readers

VIDEO = "<p>https://youtu.be/dQw4w9WgXcQ</p>"
POST = '<p><a href="https://t.me/durov/142">https://t.me/durov/142</a></p>'
REL = 'rel="noopener noreferrer nofollow"'
PROVIDER_HOSTS = ("youtube", "youtu.be", "vimeo", "t.me", "twitter", "x.com", "instagram", "facebook")


def _sources(html: str) -> list[str]:
    """Every address the page makes a browser fetch by itself: sources, and the links
    of stylesheets and icons."""
    fetched = re.findall(r'\s(?:src|srcset|data|poster)="([^"]*)"', html)
    return fetched + re.findall(r'<link rel="(?:stylesheet|icon|preload)" href="([^"]*)"', html)


@pytest.fixture
def embedded(make_article):
    return make_article(body=f"<p>First paragraph.</p>{VIDEO}<p>Between.</p>{POST}<p>Last.</p>")


def test_the_page_shows_a_placeholder_and_requests_nothing_of_the_provider(client, embedded):
    html = client.get(embedded.get_absolute_url()).content.decode()
    assert "<iframe" not in html and '<script src="https://' not in html
    for source in _sources(html):
        assert source.startswith("/") and not source.startswith("//"), source
        assert not any(host in source for host in PROVIDER_HOSTS), source
    assert len(_sources(html)) >= 3  # the stylesheet, the icon, the scripts
    video, post = re.findall(r'<figure class="embed[^"]*".*?</figure>', html, re.DOTALL)
    assert 'class="embed embed-wide" data-provider="youtube" data-id="dQw4w9WgXcQ"' in video
    assert "Video on YouTube" in video and ">Load the video from YouTube</button>" in video
    assert "YouTube, which then receives your IP address" in video
    assert f'<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" {REL}>https://youtu.be/dQw4w9WgXcQ</a>' in video
    assert 'data-embed-frame="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in video
    assert 'class="embed embed-tall" data-provider="telegram" data-id="durov/142"' in post
    assert ">Load the post from Telegram</button>" in post
    assert 'data-embed-frame="https://t.me/durov/142?embed=1"' in post
    # The button and its note wait for the script; without it the link is what works.
    assert '<button type="button" class="embed-load" hidden>' in video and '<p class="embed-note" hidden>' in video
    assert "/static/newsdesk/embeds.js" in html
    assert html.index("First paragraph.") < html.index("Video on YouTube") < html.index("Between.")


def test_a_story_without_embeds_loads_no_embed_script(client, make_article):
    html = client.get(make_article().get_absolute_url()).content.decode()
    assert "embeds.js" not in html and "embed-placeholder" not in html


def test_the_policy_lets_frames_come_from_the_providers_players_only(client, embedded):
    policy = client.get(embedded.get_absolute_url())["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives.pop("frame-src").split() == [
        "'self'",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://t.me",
        "https://platform.twitter.com",
        "https://www.instagram.com",
        "https://www.facebook.com",
    ]
    # Everything else is as strict as on any page: nothing loaded from another host.
    assert directives == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "media-src": "'self'",
        "connect-src": "'self'",
        "frame-ancestors": "'none'",
        "form-action": "'self'",
        "base-uri": "'self'",
        "object-src": "'none'",
    }


def test_the_latin_edition_keeps_the_embeds_data_and_addresses(client, make_article):
    story = make_article("Астанада саммит өтті", language="kk", body=f"<p>Жиын өтті.</p>{POST}")
    html = client.get(f"/kk-latn/news/{story.pk}-{story.slug}/").content.decode()
    assert "Jiyn öttı." in html and "Жиын" not in html  # the text is in Latin letters
    assert 'data-provider="telegram" data-id="durov/142"' in html
    assert 'data-embed-frame="https://t.me/durov/142?embed=1"' in html
    assert f'<a href="https://t.me/durov/142" {REL}>https://t.me/durov/142</a>' in html


def test_a_page_from_the_cache_is_the_same_placeholder(client, embedded, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "PAGE_CACHE": True, "PAGE_MEMO_SECONDS": 0}
    first = client.get(embedded.get_absolute_url())
    second = client.get(embedded.get_absolute_url())
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert b'data-embed-frame="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in second.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_stored_embed_with_data_no_provider_has_is_shown_as_its_plain_link(client, embedded):
    forged = (
        '<figure class="embed" data-provider="evil" data-id="x">'
        '<a href="https://t.me/durov/142" rel="noopener noreferrer nofollow">https://t.me/durov/142</a></figure>'
    )
    Article.objects.filter(pk=embedded.pk).update(body=forged)  # past the sanitiser
    html = client.get(embedded.get_absolute_url()).content.decode()
    assert "data-embed-frame" not in html and 'data-provider="evil"' not in html
    assert f'<p><a href="https://t.me/durov/142" {REL}>https://t.me/durov/142</a></p>' in html


def test_every_address_of_the_placeholder_is_built_from_the_data():
    stored = (
        '<figure class="embed" data-provider="youtube" data-id="dQw4w9WgXcQ">'
        '<a href="https://evil.example/" rel="noopener noreferrer nofollow">https://youtu.be/dQw4w9WgXcQ</a></figure>'
    )
    shown = embeds_for_readers(stored)
    assert "evil" not in shown and 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in shown
