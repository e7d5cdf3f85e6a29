"""Requests that are not a reader looking at a page: crawlers, headless browsers, prefetch."""

import re

from django.http import HttpRequest

# Words that crawlers, monitors and HTTP libraries put in their user agents.
_NOT_A_BROWSER = re.compile(
    r"bot|crawl|spider|slurp|headless|lighthouse|curl|wget|python-|httpx|aiohttp|java/|go-http|okhttp|"
    r"facebookexternalhit|embedly|preview|monitor|pingdom|uptime",
    re.IGNORECASE,
)


def is_not_a_reader(request: HttpRequest) -> bool:
    user_agent = request.headers.get("User-Agent", "")
    if not user_agent or _NOT_A_BROWSER.search(user_agent):
        return True
    purpose = request.headers.get("Sec-Purpose", "") or request.headers.get("Purpose", "")
    return "prefetch" in purpose or "prerender" in purpose
