"""Requests that are not a reader looking at a page: crawlers, headless browsers, prefetch."""

import re

from crawlerdetect import CrawlerDetect
from django.http import HttpRequest

from newsdesk.lib.memo import BoundedMemo

# What crawlerdetect's list may miss: HTTP libraries, monitors and headless browsers.
_NOT_A_BROWSER = re.compile(
    r"headless|phantomjs|selenium|puppeteer|playwright|lighthouse|curl|wget|python-|httpx|aiohttp|java/|"
    r"go-http|okhttp|libwww|monitor|pingdom|uptime",
    re.IGNORECASE,
)
_detector = CrawlerDetect()
# A verdict depends on the user agent alone and the lists are fixed while the process
# runs, so nothing ever clears one; the bound keeps endless made-up agents from growing it.
_verdicts: BoundedMemo[str, bool] = BoundedMemo(capacity=20_000)


def is_crawler_agent(user_agent: str) -> bool:
    """A kept verdict: the full list costs about a millisecond per new user agent."""
    verdict = _verdicts.get(user_agent)
    if verdict is None:
        verdict = _verdict(user_agent)
        _verdicts.put(user_agent, verdict)
    return verdict


def _verdict(user_agent: str) -> bool:
    if not user_agent or (not user_agent.startswith("Mozilla/") and "Opera" not in user_agent):
        return True
    return bool(_NOT_A_BROWSER.search(user_agent)) or _detector.isCrawler(user_agent)


def is_not_a_reader(request: HttpRequest) -> bool:
    if is_crawler_agent(request.headers.get("User-Agent", "")[:512]):
        return True
    purpose = (request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", "")).lower()
    return "prefetch" in purpose or "prerender" in purpose
