""" "Tell a friend": share links for e-mail and the networks readers in the region use.

Plain links: nothing from another host loads until the reader clicks one.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ShareLink:
    key: str
    label: str
    url: str


def _link(base: str, **params: str) -> str:
    return base + "?" + urlencode(params, quote_via=quote)


def share_links(*, url: str, title: str) -> list[ShareLink]:
    text = f"{title} {url}"
    return [
        ShareLink("email", _("E-mail"), _link("mailto:", subject=title, body=text)),
        ShareLink("whatsapp", "WhatsApp", _link("https://wa.me/", text=text)),
        ShareLink("telegram", "Telegram", _link("https://t.me/share/url", url=url, text=title)),
        ShareLink("facebook", "Facebook", _link("https://www.facebook.com/sharer/sharer.php", u=url)),
        ShareLink("vk", _("VK"), _link("https://vk.com/share.php", url=url, title=title)),
        ShareLink("x", "X", _link("https://x.com/intent/post", url=url, text=title)),
    ]
