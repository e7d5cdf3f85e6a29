import pytest
from django.core.exceptions import ValidationError

from newsdesk.content.text import (
    clean_plain_text,
    lost_text,
    make_slug,
    paragraphs_to_html,
    sanitize_body,
    validate_plain_text,
)


def test_it_removes_scripts_styles_and_event_handlers():
    dirty = (
        '<p onclick="steal()">Hello<script>alert(1)</script></p><style>p{}</style>'
        '<img src="x.jpg" onerror="steal()" alt="x"><iframe src="https://evil.example"></iframe>'
    )
    clean = sanitize_body(dirty)
    assert "script" not in clean
    assert "alert" not in clean
    assert "onclick" not in clean and "onerror" not in clean
    assert "iframe" not in clean and "style" not in clean
    assert clean.startswith("<p>Hello</p>")


def test_it_drops_javascript_links_and_makes_links_safe():
    clean = sanitize_body('<p><a href="javascript:alert(1)">x</a> <a href="https://gov.kz">MFA</a></p>')
    assert "javascript" not in clean
    assert '<a href="https://gov.kz" rel="noopener noreferrer nofollow">MFA</a>' in clean


def test_it_reduces_word_markup_to_plain_structure():
    word = (
        '<p class="MsoNormal" style="margin:0cm"><span lang="RU" style="font-family:Calibri">'
        "Текст<o:p></o:p></span></p><h2 style='color:red'>Title</h2>"
    )
    assert sanitize_body(word) == "<p>Текст</p><h2>Title</h2>"


def test_it_keeps_the_structure_an_article_needs():
    html = "<h2>A</h2><ul><li>one</li></ul><blockquote><p>quote</p></blockquote><p><strong>b</strong> <em>i</em></p>"
    assert sanitize_body(html) == html


@pytest.mark.parametrize("title", ["<b>Bold</b> claim", "Click <a href='x'>here</a>", "</p>", "<script>x</script>"])
def test_it_refuses_markup_in_plain_text(title):
    with pytest.raises(ValidationError):
        validate_plain_text(title)


@pytest.mark.parametrize("title", ["Prices up 5% < inflation", "A > B in the polls", "Tokayev: “3 < 4”"])
def test_it_accepts_comparison_signs_in_plain_text(title):
    validate_plain_text(title)


def test_it_cleans_control_characters_and_spaces():
    assert clean_plain_text("  Cold\x00 spell\t to\n grip\u200b ") == "Cold spell to grip\u200b"


def test_slug_is_ascii_and_cut_at_a_word():
    assert make_slug("Kazakh Room Reopened at the Palais des Nations in Geneva") == (
        "kazakh-room-reopened-at-the-palais-des-nations-in-geneva"
    )
    long_slug = make_slug("word " * 100)
    assert len(long_slug) <= 120 and not long_slug.endswith("-")
    assert make_slug("!!!") == "news"


def test_paragraphs_are_escaped():
    assert paragraphs_to_html(["a < b & c", "", "<i>x</i>"]) == "<p>a &lt; b &amp; c</p><p>&lt;i&gt;x&lt;/i&gt;</p>"


@pytest.mark.parametrize(
    "src",
    [
        "/media/../en/news/52/seen.gif",
        "/media/%2e%2e/en/news/52/seen.gif",
        "/media/%2E%2E/en/news/52/views/",
        "/media/.%2e/en/news/52/seen.gif",
        "/media/photos/../../en/news/52/seen.gif",
        "/media/./../en/news/52/seen.gif",
        "/media/&#46;&#46;/en/news/52/seen.gif",
        "/media/%252e%252e/en/news/52/seen.gif",
        "/media/..%2fen/news/52/seen.gif",
        "/media\\..\\en/news/52/seen.gif",
        "/media/..\\en/news/52/seen.gif",
        "//media/photo.jpg",
        "/media//evil.example/photo.jpg",
        "/media/photo.jpg?next=/en/news/52/seen.gif",
        "https://evil.example/media/photo.jpg",
        "/mediaX/photo.jpg",
    ],
)
def test_an_image_must_resolve_inside_the_photo_library(src):
    assert "<img" not in sanitize_body(f'<p>Text</p><p><img src="{src}" alt="x"></p>')


@pytest.mark.parametrize(
    "src",
    [
        "/media/renditions/12/960.jpg",
        "/media/photos/2026/12/snow-in-astana.jpg",
        "/media/photos/2026/12/%D1%81%D0%BD%D0%B5%D0%B3.jpg",
    ],
)
def test_images_of_the_photo_library_are_kept(src):
    assert f'<img src="{src}"' in sanitize_body(f'<p><img src="{src}" alt="Snow"></p>')


def test_an_image_path_is_kept_as_a_browser_resolves_it():
    # A browser drops tabs and newlines inside a URL: what is kept is what it would load.
    assert '<img src="/media/photo.jpg"' in sanitize_body('<p><img src="/media/\tphoto.jpg" alt="Snow"></p>')


SWALLOWING = [
    "<math><mtext><table><mglyph><style>",
    "<svg><style>",
    "<noscript>",
    "<math><mi><style>",
    "<xmp>",
    "<textarea>",
]


@pytest.mark.parametrize("markup", SWALLOWING)
def test_markup_that_swallows_what_follows_keeps_the_text(markup):
    body = f"<p>First paragraph.</p>{markup}<p>Second paragraph that matters.</p><p>Third.</p>"
    cleaned = sanitize_body(body)
    assert "Second paragraph that matters." in cleaned and "Third." in cleaned, cleaned
    assert "<style" not in cleaned and "<math" not in cleaned and "<svg" not in cleaned
    assert not lost_text(body, cleaned)


def test_the_text_a_sanitiser_drops_is_named():
    body = "<p>Kept.</p><object><p>Inside an object.</p></object><script>alert(1)</script>"
    cleaned = sanitize_body(body)
    assert lost_text(body, cleaned) == "Inside an object."  # not the script: never text
    assert lost_text("<div>one</div><div>two</div>", sanitize_body("<div>one</div><div>two</div>")) == ""


def test_a_style_or_a_script_is_dropped_with_its_content_and_nothing_else():
    body = "<p>One.</p><style>p { color: red }</style><p>Two.</p><script>alert(1)</script><p>Three.</p>"
    assert sanitize_body(body) == "<p>One.</p><p>Two.</p><p>Three.</p>"


# A provider's video or post (content/embeds.py), as the body keeps it.
EMBED = (
    '<figure class="embed" data-provider="telegram" data-id="durov/142">'
    '<a href="https://t.me/durov/142" rel="noopener noreferrer nofollow">https://t.me/durov/142</a></figure>'
)


@pytest.mark.parametrize(
    "typed",
    [
        "<p>https://t.me/durov/142</p>",  # pasted as text
        '<p><a href="https://t.me/durov/142" rel="noopener noreferrer" target="_blank">https://t.me/durov/142</a></p>',
        "<p> https://t.me/durov/142 <br></p>",
        EMBED,
    ],
)
def test_a_providers_address_alone_in_a_paragraph_is_kept_as_an_embed_and_stays_one(typed):
    body = f"<p>Before.</p>{typed}<p>After.</p>"
    cleaned = sanitize_body(body)
    assert cleaned == f"<p>Before.</p>{EMBED}<p>After.</p>"
    assert sanitize_body(cleaned) == cleaned
    assert not lost_text(body, cleaned)


def test_what_was_typed_of_the_address_is_kept_as_the_links_text():
    cleaned = sanitize_body("<p>https://youtu.be/dQw4w9WgXcQ?si=Gs9xw2bAqLk&t=42</p>")
    assert cleaned == (
        '<figure class="embed" data-provider="youtube" data-id="dQw4w9WgXcQ">'
        '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener noreferrer nofollow">'
        "https://youtu.be/dQw4w9WgXcQ?si=Gs9xw2bAqLk&amp;t=42</a></figure>"
    )
    assert not lost_text("<p>https://youtu.be/dQw4w9WgXcQ?si=Gs9xw2bAqLk&t=42</p>", cleaned)


TELEGRAM_LINK = '<a href="https://t.me/durov/142">https://t.me/durov/142</a>'


@pytest.mark.parametrize(
    "forged",
    [
        # Data that disagrees with the link: the link decides.
        f'<figure class="embed" data-provider="youtube" data-id="AAAAAAAAAAA">{TELEGRAM_LINK}</figure>',
        f'<figure class="embed" data-provider="evil" data-id="&quot; onload=&quot;alert(1)">{TELEGRAM_LINK}</figure>',
        '<figure class="embed" data-frame="https://evil.example/" data-provider="telegram" data-id="durov/142" '
        'onclick="x()" style="x"><a href="https://t.me/durov/142" title="t" onclick="x()">https://t.me/durov/142</a>'
        "</figure>",
        f'<figure class="embed"><iframe src="https://evil.example/"></iframe>{TELEGRAM_LINK}'
        "<script>alert(1)</script></figure>",
        f'<p>{TELEGRAM_LINK}<iframe src="https://t.me/durov/142?embed=1"></iframe></p>',
    ],
)
def test_forged_embed_data_cannot_smuggle_anything(forged):
    cleaned = sanitize_body(forged)
    assert cleaned == EMBED
    for word in ("iframe", "script", "onload", "onclick", "style", "evil", "AAAA", "data-frame"):
        assert word not in cleaned


CLAIMED = '<figure class="embed" data-provider="youtube" data-id="dQw4w9WgXcQ">'
REL = 'rel="noopener noreferrer nofollow"'


@pytest.mark.parametrize(
    ("claimed", "kept"),
    [
        # Not an embed's link: a plain figure with its text, never data.
        (
            f'{CLAIMED}<a href="https://evil.example/">https://youtu.be/dQw4w9WgXcQ</a></figure>',
            f'<figure><a href="https://evil.example/" {REL}>https://youtu.be/dQw4w9WgXcQ</a></figure>',
        ),
        (
            f'{CLAIMED}<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Watch</a></figure>',
            f'<figure><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" {REL}>Watch</a></figure>',
        ),
        (f"{CLAIMED}Nothing linked</figure>", "<figure>Nothing linked</figure>"),
        (
            '<figure class="photo embed"><img src="/media/photos/a.jpg" alt="A"></figure>',
            '<figure><img src="/media/photos/a.jpg" alt="A"></figure>',
        ),
        ('<p class="embed">https://x.example/</p>', "<p>https://x.example/</p>"),
    ],
)
def test_a_figure_that_only_claims_to_be_an_embed_keeps_its_text_and_loses_the_claim(claimed, kept):
    cleaned = sanitize_body(claimed)
    assert cleaned == kept
    assert not lost_text(claimed, cleaned)


def test_an_embed_iframe_pasted_from_a_provider_is_dropped_whole():
    pasted = (
        '<p>Intro.</p><iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" '
        "allowfullscreen></iframe>"
    )
    assert sanitize_body(pasted) == "<p>Intro.</p>"
