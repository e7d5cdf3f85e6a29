""""Tell a friend": share links for e-mail and the networks readers in the region use.

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


def share_links(*, url: str, title: str) -> list[ShareLink]:
    text = f"{title} {url}"
    return [
        ShareLink("email", _("E-mail"), "mailto:?" + urlencode({"subject": title, "body": text}, quote_via=quote)),
        ShareLink("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": text}, quote_via=quote)),
        ShareLink("telegram", "Telegram", "https://t.me/share/url?" + urlencode({"url": url, "text": title}, quote_via=quote)),
        ShareLink("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}, quote_via=quote)),
        ShareLink("vk", _("VK"), "https://vk.com/share.php?" + urlencode({"url": url, "title": title}, quote_via=quote)),
        ShareLink("x", "X", "https://x.com/intent/post?" + urlencode({"url": url, "text": title}, quote_via=quote)),
    ]
