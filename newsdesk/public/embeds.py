"""A body's embeds as readers' pages show them: a placeholder that asks first.

The page holds no frame and no address of the provider in any `src`: only the provider's
name, the link (which works without JavaScript), a note that loading it tells the provider
about the reader, and a button. `static/newsdesk/embeds.js` shows the note and the button
and, on a click, puts in the frame whose address the placeholder carries
(`data-embed-frame`, built by content/embeds.py from the provider and the id).
"""

import re

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from newsdesk.content.embeds import STORED, Embed, embed_for_data


def _labels(embed: Embed) -> tuple[str, str]:
    """What the embed is, and what its button does, in the page's language."""
    name = {"provider": embed.provider.name}
    if embed.kind == "video":
        return _("Video on %(provider)s") % name, _("Load the video from %(provider)s") % name
    return _("Post on %(provider)s") % name, _("Load the post from %(provider)s") % name


def placeholder(embed: Embed, *, text: str) -> SafeString:
    """`text` is the stored link's, escaped already; every address is built from the embed."""
    what, load = _labels(embed)
    note = _(
        "Loading it connects your browser to %(provider)s, which then receives your IP address "
        "and browser details and may set cookies."
    ) % {"provider": embed.provider.name}
    return format_html(
        '<figure class="embed embed-{shape}" data-provider="{provider}" data-id="{id}">'
        '<div class="embed-placeholder" data-embed-frame="{frame}" data-embed-title="{what}">'
        '<p class="embed-what">{what}</p>'
        '<p class="embed-note" hidden>{note}</p>'
        '<button type="button" class="embed-load" hidden>{load}</button>'
        "</div>"
        '<figcaption><a href="{href}" rel="noopener noreferrer nofollow">{text}</a></figcaption>'
        "</figure>",
        shape=embed.shape,
        provider=embed.provider.key,
        id=embed.id,
        frame=embed.frame,
        what=what,
        note=note,
        load=load,
        href=embed.link,
        text=mark_safe(text),  # noqa: S308  (the sanitised body's own text)
    )


def _shown(found: re.Match[str]) -> str:
    embed = embed_for_data(found["provider"], found["id"])
    if embed is None:  # never stored so; shown as the plain link it holds
        return f'<p><a href="{found["href"]}" rel="noopener noreferrer nofollow">{found["text"]}</a></p>'
    return placeholder(embed, text=found["text"])


def embeds_for_readers(html: str) -> str:
    """Sanitised body HTML (in the edition's script) with each embed as its placeholder."""
    return STORED.sub(_shown, html)
