"""Providers' links read strictly: what is recognised, what is built from it, what is not."""

import pytest

from newsdesk.content.embeds import (
    FRAME_SOURCES,
    PROVIDERS,
    URL_MAX_LENGTH,
    embed_for_data,
    embed_for_url,
    embeds_as_links,
    embeds_stored,
)

# (pasted address, provider, id, the link readers follow, the frame loaded on request)
RECOGNISED = [
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ",
     "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
    ("https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42s", "youtube", "dQw4w9WgXcQ", None, None),
    ("https://m.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", None, None),
    ("https://youtu.be/dQw4w9WgXcQ?si=Gs9xw2bAqLk", "youtube", "dQw4w9WgXcQ", None, None),
    ("https://www.youtube.com/shorts/aqz-KE-bpKQ", "youtube", "aqz-KE-bpKQ", None, None),
    ("https://www.youtube.com/live/M7lc1UVf-VE", "youtube", "M7lc1UVf-VE", None, None),
    ("https://www.youtube-nocookie.com/embed/M7lc1UVf-VE", "youtube", "M7lc1UVf-VE", None, None),
    ("HTTPS://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", None, None),
    ("  https://youtu.be/dQw4w9WgXcQ\n", "youtube", "dQw4w9WgXcQ", None, None),
    ("https://vimeo.com/76979871", "vimeo", "76979871",
     "https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"),
    ("https://player.vimeo.com/video/76979871", "vimeo", "76979871", None, None),
    ("https://t.me/durov/142", "telegram", "durov/142", "https://t.me/durov/142", "https://t.me/durov/142?embed=1"),
    ("https://t.me/Aqorda_resmi/12345/?single", "telegram", "Aqorda_resmi/12345", None, None),
    ("https://x.com/jack/status/20", "x", "jack/status/20",
     "https://x.com/jack/status/20", "https://platform.twitter.com/embed/Tweet.html?id=20&dnt=true"),
    ("https://twitter.com/jack/status/20?s=20", "x", "jack/status/20", None, None),
    ("https://mobile.twitter.com/jack/status/20", "x", "jack/status/20", None, None),
    ("https://www.instagram.com/p/C0ffee_12ab/", "instagram", "p/C0ffee_12ab",
     "https://www.instagram.com/p/C0ffee_12ab/", "https://www.instagram.com/p/C0ffee_12ab/embed/"),
    ("https://instagram.com/reel/C0ffee-12ab?igsh=abc", "instagram", "reel/C0ffee-12ab", None, None),
    ("https://www.facebook.com/akorda.kz/posts/pfbid02abcXYZ", "facebook", "akorda.kz/posts/pfbid02abcXYZ",
     "https://www.facebook.com/akorda.kz/posts/pfbid02abcXYZ",
     "https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fakorda.kz%2Fposts%2Fpfbid02abcXYZ"),
    ("https://m.facebook.com/nasa/videos/1234567890/", "facebook", "nasa/videos/1234567890",
     "https://www.facebook.com/nasa/videos/1234567890",
     "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fnasa%2Fvideos%2F1234567890"),
]  # fmt: skip


@pytest.mark.parametrize(("url", "provider", "id", "link", "frame"), RECOGNISED)
def test_a_providers_link_is_recognised_and_its_addresses_built_from_the_id(url, provider, id, link, frame):
    embed = embed_for_url(url)
    assert embed is not None and (embed.provider.key, embed.id) == (provider, id)
    if link is not None:
        assert (embed.link, embed.frame) == (link, frame)
    # What the link is rebuilt from (the stored data) gives the same embed.
    assert embed_for_data(provider, id) == embed == embed_for_url(embed.link)


@pytest.mark.parametrize(
    ("url", "kind", "shape"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "video", "wide"),
        ("https://t.me/durov/142", "post", "tall"),
        ("https://www.instagram.com/reel/C0ffee-12ab/", "video", "tall"),
        ("https://www.instagram.com/p/C0ffee-12ab/", "post", "tall"),
        ("https://www.facebook.com/nasa/videos/1234567890", "video", "wide"),
        ("https://www.facebook.com/nasa/posts/1234567890", "post", "tall"),
    ],
)
def test_each_embed_says_whether_it_is_a_video_or_a_post(url, kind, shape):
    embed = embed_for_url(url)
    assert embed is not None and (embed.kind, embed.shape) == (kind, shape)


HOSTILE = [
    "javascript:alert(1)//https://youtu.be/dQw4w9WgXcQ",
    "JaVaScRiPt:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "http://www.youtube.com/watch?v=dQw4w9WgXcQ",  # not https
    "//www.youtube.com/watch?v=dQw4w9WgXcQ",
    "www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",  # lookalike hosts
    "https://evilyoutube.com/watch?v=dQw4w9WgXcQ",
    "https://youtu.be.evil.example/dQw4w9WgXcQ",
    "https://t.me.evil.example/durov/142",
    "https://www.youtube.com./watch?v=dQw4w9WgXcQ",
    "https://youtube.com@evil.example/watch?v=dQw4w9WgXcQ",  # userinfo tricks
    "https://evil.example@youtube.com/watch?v=dQw4w9WgXcQ",
    "https://user:pass@www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ",  # ports
    "https://www.youtube.com:443/watch?v=dQw4w9WgXcQ",
    "https://www.уoutube.com/watch?v=dQw4w9WgXcQ",  # a Cyrillic у
    "https://ｙｏｕｔｕｂｅ.com/watch?v=dQw4w9WgXcQ",  # full-width letters
    "https://xn--outube-5nf.com/watch?v=dQw4w9WgXcQ",
    "https://t.me/durov/142\u202e",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ<script>",
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ"onmouseover="alert(1)',
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ x",
    "https://www.youtube.com\\@evil.example/watch?v=dQw4w9WgXcQ",
    "https://evil.example/?u=https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://evil.example/https://youtu.be/dQw4w9WgXcQ",
    "https://[::1]/watch?v=dQw4w9WgXcQ",
    "https://[youtube.com/watch?v=dQw4w9WgXcQ",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ&v=aqz-KE-bpKQ",  # two ids: which?
    "https://www.youtube.com/watch?v=dQw4w9WgXc",  # ids of the wrong shape
    "https://www.youtube.com/watch?v=dQw4w9WgXcQQ",
    "https://www.youtube.com/watch?v=../../evil",
    "https://youtu.be/dQw4w9WgXcQ/../../evil",
    "https://youtu.be/%64Qw4w9WgXcQ",
    "https://www.youtube.com/nasagoddard",  # a channel, not a video
    "https://www.youtube.com/dQw4w9WgXcQ",
    "https://www.youtube.com/playlist?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs",
    "https://vimeo.com/channels/staffpicks",
    "https://vimeo.com/video/76979871",
    "https://player.vimeo.com/76979871",
    "https://t.me/durov",
    "https://t.me/s/durov/142",  # not a channel name
    "https://t.me/c/1234567890/142",  # a private chat's
    "https://t.me/joinchat/AAAAAEHbEkejzxUjAUCzYg",
    "https://telegram.me.evil.example/durov/142",
    "https://x.com/jack",
    "https://x.com/jack/status/20abc",
    "https://x.com/jack/likes",
    "https://www.instagram.com/natgeo/",
    "https://www.instagram.com/stories/natgeo/1234567890/",
    "https://www.facebook.com/akorda.kz",
    "https://www.facebook.com/sharer/sharer.php?u=https://evil.example",
    "https://www.facebook.com/plugins/post.php?href=https://evil.example",
    "",
    "https://",
    "https://youtu.be/",
    "https://youtu.be/" + "a" * 5_000,
    "https://www.youtube.com/watch?" + "a=1&" * 20_000 + "v=dQw4w9WgXcQ",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_anything_else_is_not_an_embed(url):
    assert embed_for_url(url) is None


def test_a_very_long_address_is_refused_before_it_is_read():
    assert embed_for_url("https://youtu.be/dQw4w9WgXcQ?" + "x" * URL_MAX_LENGTH) is None


@pytest.mark.parametrize(
    ("provider", "id"),
    [
        ("youtube", 'dQw4w9WgXcQ" onload="alert(1)'),
        ("youtube", "dQw4w9WgXc"),
        ("telegram", "durov/142/../../x"),
        ("x", "jack/status/20?x=1"),
        ("facebook", "nasa/videos/1&href=https://evil.example"),
        ("evil", "dQw4w9WgXcQ"),
        ("__class__", "x"),
        ("", ""),
    ],
)
def test_stored_data_of_the_wrong_shape_names_no_embed(provider, id):
    assert embed_for_data(provider, id) is None


def test_every_providers_frame_is_one_the_csp_allows_and_https():
    for provider in PROVIDERS:
        assert provider.frame_source.startswith("https://") and provider.frame_source in FRAME_SOURCES
    for _url, provider, id, _link, _frame in RECOGNISED:
        frame = embed_for_data(provider, id).frame
        assert any(frame.startswith(source + "/") for source in FRAME_SOURCES), frame
    assert len(FRAME_SOURCES) == len(set(FRAME_SOURCES)) == 6


YOUTUBE = (
    '<figure class="embed" data-provider="youtube" data-id="dQw4w9WgXcQ">'
    '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener noreferrer nofollow">https://youtu.be/dQw4w9WgXcQ</a>'
    "</figure>"
)


def test_a_paragraph_that_is_only_a_providers_address_becomes_its_embed():
    assert embeds_stored("<p>https://youtu.be/dQw4w9WgXcQ</p>") == YOUTUBE
    linked = '<p><a href="https://youtu.be/dQw4w9WgXcQ" rel="noopener noreferrer nofollow">https://youtu.be/dQw4w9WgXcQ</a></p>'
    assert embeds_stored(linked) == YOUTUBE
    assert embeds_stored(YOUTUBE) == YOUTUBE


@pytest.mark.parametrize(
    "html",
    [
        "<p>Watch https://youtu.be/dQw4w9WgXcQ</p>",
        '<p><a href="https://youtu.be/dQw4w9WgXcQ" rel="noopener noreferrer nofollow">the interview</a></p>',
        # The text says one video, the link goes to another: neither is embedded.
        '<p><a href="https://youtu.be/aqz-KE-bpKQ" rel="noopener noreferrer nofollow">https://youtu.be/dQw4w9WgXcQ</a></p>',
        '<p><a href="https://evil.example/" rel="noopener noreferrer nofollow">https://youtu.be/dQw4w9WgXcQ</a></p>',
        "<p>https://evil.example/watch?v=dQw4w9WgXcQ</p>",
        "<p><strong>https://youtu.be/dQw4w9WgXcQ</strong></p>",
    ],
)
def test_a_link_among_words_or_to_somewhere_else_stays_as_it_is(html):
    assert embeds_stored(html) == html


def test_feeds_and_partners_get_the_plain_link():
    assert embeds_as_links(f"<p>Before</p>{YOUTUBE}<p>After</p>") == (
        '<p>Before</p><p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener noreferrer nofollow">'
        "https://youtu.be/dQw4w9WgXcQ</a></p><p>After</p>"
    )
