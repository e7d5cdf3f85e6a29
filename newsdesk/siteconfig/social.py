"""The agency's accounts on social networks: which networks, and the addresses each may have.

The footer shows them as plain links; nothing is ever loaded from the networks.
"""

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The networks the footer links to, with the hosts each one's addresses may have: a link
# to another host under a network's name would mislead readers. The networks' own names,
# but VK's, which Russian and Kazakh readers know as «ВКонтакте».
SOCIAL_NETWORKS: dict[str, tuple["StrOrPromise", tuple[str, ...]]] = {
    "telegram": ("Telegram", ("t.me", "telegram.me")),
    "instagram": ("Instagram", ("instagram.com", "www.instagram.com")),
    "facebook": ("Facebook", ("facebook.com", "www.facebook.com", "m.facebook.com")),
    "youtube": ("YouTube", ("youtube.com", "www.youtube.com", "m.youtube.com")),
    "x": ("X", ("x.com", "twitter.com")),
    "vk": (_("VK"), ("vk.com", "vk.ru")),
}


@deconstructible
class SocialUrlValidator:
    """An https address on one of the network's hosts."""

    def __init__(self, network: str) -> None:
        self.network = network

    def __call__(self, value: str) -> None:
        label, hosts = SOCIAL_NETWORKS[self.network]
        URLValidator(schemes=["https"], message=_("Enter an https:// address."))(value)
        host = (urlsplit(value).hostname or "").lower()
        # A reserved example host (RFC 2606) is no one's: the demo's and tests' addresses.
        if host not in hosts and not host.endswith(".example"):
            raise ValidationError(
                _("A %(network)s address is on %(hosts)s."),
                code="wrong_host",
                params={"network": label, "hosts": ", ".join(hosts)},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SocialUrlValidator) and other.network == self.network

    def __hash__(self) -> int:
        return hash(self.network)


def social_url(network: str) -> models.CharField:
    label, hosts = SOCIAL_NETWORKS[network]
    return models.CharField(
        label,
        max_length=300,
        blank=True,
        validators=[SocialUrlValidator(network)],
        help_text=format_lazy(_("The agency's page there: an https:// address on {hosts}."), hosts=", ".join(hosts)),
    )
