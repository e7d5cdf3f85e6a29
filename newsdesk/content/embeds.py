"""Videos and posts of other sites in a body: recognised from their address, kept as data.

A journalist pastes a link to a YouTube video or a Telegram post on a line of its own; the
body keeps it as

    <figure class="embed" data-provider="youtube" data-id="dQw4w9WgXcQ"><a href="…">…</a></figure>

and nothing else: no frame, no script. Readers' pages turn that into a placeholder that
loads the provider's frame only when the reader asks (public/embeds.py); feeds and
partners get the plain link.

Only the providers of `PROVIDERS` are recognised, and only by an exact reading of the
address: https, one of the provider's own host names (no user, no port, no lookalike),
a path of the provider's shapes. Every address the page or a frame uses is built here from
the provider and the id, never taken from what was pasted, so a forged attribute or a
crafted link cannot point a reader's browser anywhere else.

This module is plain Python (settings read `FRAME_SOURCES` for the CSP).
"""

import html as html_lib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, quote, urlsplit

Kind = Literal["video", "post"]
Shape = Literal["wide", "tall"]

# A pasted address longer than this is no provider's link (theirs are under 200).
URL_MAX_LENGTH = 500


@dataclass(frozen=True)
class Route:
    """One shape of a provider's addresses: a path matched whole (on `hosts` only, when
    given); the id from its `id` group, or from the query parameter `query_id`."""

    path: str
    query_id: str | None = None
    hosts: frozenset[str] | None = None


@dataclass(frozen=True)
class Provider:
    key: str  # data-provider
    name: str  # as readers know it
    hosts: frozenset[str]  # the host names a link may have, exactly
    id_pattern: str  # what data-id may hold, matched whole
    routes: tuple[Route, ...]
    link: Callable[[str], str]  # id → the address a reader follows
    frame: Callable[[str], str]  # id → the address of the frame loaded on request
    frame_source: str  # the frame's origin, for the CSP's frame-src
    kind: Callable[[str], Kind]
    shape: Callable[[str], Shape]


def _always[T](value: T) -> Callable[[str], T]:
    return lambda _id: value


_YOUTUBE_ID = r"[A-Za-z0-9_-]{11}"
_TELEGRAM_POST = r"[A-Za-z][A-Za-z0-9_]{3,31}/[0-9]{1,12}"
_X_POST = r"[A-Za-z0-9_]{1,15}/status/[0-9]{1,20}"
_INSTAGRAM_POST = r"(?:p|reel)/[A-Za-z0-9_-]{5,40}"
_FACEBOOK_POST = r"[A-Za-z0-9.-]{1,80}/(?:posts|videos)/[A-Za-z0-9]{1,80}"


def _facebook_frame(post: str) -> str:
    plugin = "video" if "/videos/" in post else "post"
    return f"https://www.facebook.com/plugins/{plugin}.php?href={quote(f'https://www.facebook.com/{post}', safe='')}"


PROVIDERS: tuple[Provider, ...] = (
    Provider(
        key="youtube",
        name="YouTube",
        hosts=frozenset(
            {
                "youtube.com",
                "www.youtube.com",
                "m.youtube.com",
                "youtu.be",
                "youtube-nocookie.com",
                "www.youtube-nocookie.com",
            }
        ),
        id_pattern=_YOUTUBE_ID,
        routes=(
            Route(r"/watch/?", query_id="v"),
            Route(rf"/(?:embed|shorts|live)/(?P<id>{_YOUTUBE_ID})/?"),
            Route(rf"/(?P<id>{_YOUTUBE_ID})/?", hosts=frozenset({"youtu.be"})),
        ),
        link=lambda id: f"https://www.youtube.com/watch?v={id}",
        frame=lambda id: f"https://www.youtube-nocookie.com/embed/{id}?autoplay=1",
        frame_source="https://www.youtube-nocookie.com",
        kind=_always("video"),
        shape=_always("wide"),
    ),
    Provider(
        key="vimeo",
        name="Vimeo",
        hosts=frozenset({"vimeo.com", "www.vimeo.com", "player.vimeo.com"}),
        id_pattern=r"[0-9]{1,12}",
        routes=(
            Route(r"/(?P<id>[0-9]{1,12})/?", hosts=frozenset({"vimeo.com", "www.vimeo.com"})),
            Route(r"/video/(?P<id>[0-9]{1,12})/?", hosts=frozenset({"player.vimeo.com"})),
        ),
        link=lambda id: f"https://vimeo.com/{id}",
        frame=lambda id: f"https://player.vimeo.com/video/{id}?dnt=1&autoplay=1",
        frame_source="https://player.vimeo.com",
        kind=_always("video"),
        shape=_always("wide"),
    ),
    Provider(
        key="telegram",
        name="Telegram",
        hosts=frozenset({"t.me"}),
        id_pattern=_TELEGRAM_POST,
        routes=(Route(rf"/(?P<id>{_TELEGRAM_POST})/?"),),
        link=lambda id: f"https://t.me/{id}",
        frame=lambda id: f"https://t.me/{id}?embed=1",
        frame_source="https://t.me",
        kind=_always("post"),
        shape=_always("tall"),
    ),
    Provider(
        key="x",
        name="X",
        hosts=frozenset({"x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com", "mobile.x.com"}),
        id_pattern=_X_POST,
        routes=(Route(rf"/(?P<id>{_X_POST})/?"),),
        link=lambda id: f"https://x.com/{id}",
        frame=lambda id: f"https://platform.twitter.com/embed/Tweet.html?id={id.rsplit('/', 1)[1]}&dnt=true",
        frame_source="https://platform.twitter.com",
        kind=_always("post"),
        shape=_always("tall"),
    ),
    Provider(
        key="instagram",
        name="Instagram",
        hosts=frozenset({"instagram.com", "www.instagram.com"}),
        id_pattern=_INSTAGRAM_POST,
        routes=(Route(rf"/(?P<id>{_INSTAGRAM_POST})/?"),),
        link=lambda id: f"https://www.instagram.com/{id}/",
        frame=lambda id: f"https://www.instagram.com/{id}/embed/",
        frame_source="https://www.instagram.com",
        kind=lambda id: "video" if id.startswith("reel/") else "post",
        shape=_always("tall"),
    ),
    Provider(
        key="facebook",
        name="Facebook",
        hosts=frozenset({"facebook.com", "www.facebook.com", "m.facebook.com"}),
        id_pattern=_FACEBOOK_POST,
        routes=(Route(rf"/(?P<id>{_FACEBOOK_POST})/?"),),
        link=lambda id: f"https://www.facebook.com/{id}",
        frame=_facebook_frame,
        frame_source="https://www.facebook.com",
        kind=lambda id: "video" if "/videos/" in id else "post",
        shape=lambda id: "wide" if "/videos/" in id else "tall",
    ),
)
BY_KEY = {provider.key: provider for provider in PROVIDERS}
BY_HOST = {host: provider for provider in PROVIDERS for host in provider.hosts}
# What the CSP's frame-src allows besides this site: the frames of the providers, no more.
FRAME_SOURCES = tuple(provider.frame_source for provider in PROVIDERS)


@dataclass(frozen=True)
class Embed:
    provider: Provider
    id: str

    @property
    def link(self) -> str:
        return self.provider.link(self.id)

    @property
    def frame(self) -> str:
        return self.provider.frame(self.id)

    @property
    def kind(self) -> Kind:
        return self.provider.kind(self.id)

    @property
    def shape(self) -> Shape:
        return self.provider.shape(self.id)


# Anything outside printable ASCII: spaces, controls, and the letters of lookalike hosts.
_NOT_PLAIN = re.compile(r"[^\x21-\x7e]|\\")


def embed_for_url(url: str) -> Embed | None:
    """The provider's video or post `url` links to, or None for any other address."""
    url = url.strip()
    if len(url) > URL_MAX_LENGTH or _NOT_PLAIN.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed "[" in the host
        return None
    # The host is the whole authority: no user before an "@", no port after a ":".
    host = parts.netloc.lower()
    provider = BY_HOST.get(host)
    if parts.scheme.lower() != "https" or provider is None:
        return None
    for route in provider.routes:
        found = re.fullmatch(route.path, parts.path)
        if found is None or (route.hosts is not None and host not in route.hosts):
            continue
        if route.query_id is None:
            return embed_for_data(provider.key, found["id"])
        values = parse_qs(parts.query).get(route.query_id, [])
        return embed_for_data(provider.key, values[0]) if len(values) == 1 else None
    return None


def embed_for_data(provider: str, id: str) -> Embed | None:
    """The embed a stored figure's data attributes name, if they are valid."""
    known = BY_KEY.get(provider)
    if known is None or re.fullmatch(known.id_pattern, id) is None:
        return None
    return Embed(known, id)


# The patterns below read the sanitiser's own output, which is regular: attributes in
# double quotes, `"` `<` `>` `&` escaped in values and text.
_LINK = r'<a href="(?P<href>[^"]*)"(?: [a-z-]+="[^"]*")*>(?P<text>[^<]*)</a>'
_IN_FIGURE = re.compile(rf'<figure class="embed">\s*{_LINK}\s*</figure>')
_IN_PARAGRAPH = re.compile(rf"<p>\s*(?:{_LINK}|(?P<bare>[^<\s]+))\s*(?:<br>)?\s*</p>")
_UNMATCHED = '<figure class="embed">'
# An embed as stored (groups provider, id, href, text), for those who show it.
STORED = re.compile(
    rf'<figure class="embed" data-provider="(?P<provider>[a-z]+)" data-id="(?P<id>[^"]*)">{_LINK}</figure>'
)


def _same_embed(href: str | None, text: str) -> Embed | None:
    """The embed a link stands for: its text must be the address of the same one, so a
    link written as words ("watch the interview") stays a link."""
    shown = embed_for_url(html_lib.unescape(text))
    if shown is None or (href is not None and embed_for_url(html_lib.unescape(href)) != shown):
        return None
    return shown


def stored_figure(embed: Embed, text: str) -> str:
    """The embed as a body keeps it; `text` is the link's text, escaped, as typed."""
    return (
        f'<figure class="embed" data-provider="{embed.provider.key}" data-id="{html_lib.escape(embed.id)}">'
        f'<a href="{html_lib.escape(embed.link)}" rel="noopener noreferrer nofollow">{text}</a></figure>'
    )


def embeds_stored(html: str) -> str:
    """Sanitised body HTML with every embed in its stored form, its data derived again
    from its link: a paragraph that is only a provider's address (linked or not) becomes
    one; a figure that claims to be one and is not becomes a plain figure.

    The link's text is kept as typed, so no word of the body is lost (text.lost_text
    finds none) and the editor, which shows a stored embed as a paragraph with its link,
    sends back what is stored again."""

    def replaced(found: re.Match[str]) -> str:
        groups = found.groupdict()
        text = groups["text"] if groups["text"] is not None else groups["bare"]
        embed = _same_embed(groups["href"], text)
        return stored_figure(embed, text) if embed is not None else found[0]

    html = _IN_PARAGRAPH.sub(replaced, _IN_FIGURE.sub(replaced, html))
    return html.replace(_UNMATCHED, "<figure>")


def embeds_as_links(html: str) -> str:
    """A body for copies read elsewhere (feeds, partners): each embed a plain link
    paragraph, with no figure and no data."""
    return STORED.sub(
        lambda found: f'<p><a href="{found["href"]}" rel="noopener noreferrer nofollow">{found["text"]}</a></p>', html
    )
