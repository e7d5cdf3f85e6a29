"""The breaking news banner: on every page of an edition while an editor's announcement lasts.

Pages are stored for a minute, and browsers and CDNs keep them as long, so the banner a
page was rendered with may be older than the announcement: the page's script asks
`/<edition>/breaking.json` (kept BREAKING_SECONDS by browsers, CDNs and each process) and
shows, changes or removes the banner by its answer. A page rendered afresh carries the
banner itself, so it is there without JavaScript too. The announcement ends by the clock
(content.front_page.breaking_story), and a stored page never outlives it (pagecache).
"""

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from newsdesk.content.front_page import breaking_story
from newsdesk.content.selectors import ArticleLink
from newsdesk.editions.editions import article_url, content_language, in_capitals, in_script
from newsdesk.lib.memo import KeyedProcessMemo

BREAKING_SECONDS = 5
# Per language: the story announced now, or None (in a tuple, so that None is kept too).
_current: KeyedProcessMemo[str, tuple[ArticleLink | None]] = KeyedProcessMemo(capacity=8)


def breaking_now(language: str) -> ArticleLink | None:
    """The story `language`'s editions announce now, read at most once per BREAKING_SECONDS."""
    kept = _current.get(language)
    if kept is None:
        kept = (breaking_story(language=language),)
        _current.put(language, kept, BREAKING_SECONDS)
    return kept[0]


def breaking_forget(language: str) -> None:
    """An announcement started or ended: this process shows it at once, others within
    BREAKING_SECONDS."""
    _current.forget([language])


def breaking_banner(story: ArticleLink | None) -> dict[str, str] | None:
    """What the banner shows: the label in the edition's capitals, the title, the link."""
    if story is None:
        return None
    url = article_url(story)  # type: ignore[arg-type]  # a read-only pk is all it reads
    return {"label": in_capitals(_("Breaking")), "title": in_script(story.title), "url": url}


def breaking_json(request: HttpRequest) -> JsonResponse:
    """`/<edition>/breaking.json`: the banner, or null. No cookie, kept a few seconds."""
    response = JsonResponse({"breaking": breaking_banner(breaking_now(content_language()))})
    response["Cache-Control"] = f"public, max-age={BREAKING_SECONDS}"
    return response
