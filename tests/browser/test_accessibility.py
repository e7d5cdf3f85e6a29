"""Every public page passes axe-core in real Chromium: light and dark, desktop and phone,
in every edition (Cyrillic and Latin letters run to different lengths), on the demo's content.

axe-core is a test-only asset: `bin/fetch-static-assets` puts it under tests/browser/vendor/
(never a static directory), and each page gets it injected here.
"""

from pathlib import Path

import pytest
from django.test import override_settings

from newsdesk.content.authors import Author
from newsdesk.content.models import Article, Byline
from newsdesk.demo.loader import load_demo
from newsdesk.newsroom import services as workflow

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WINDOWS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# A word no story of the demo carries, for the search page's "nothing found".
NOWHERE = "qwzxqvbnm"


@pytest.fixture
def demo_site(transactional_db, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        load_demo(generated_count=10, live_stream_url="https://stream.example.kz/live/index.m3u8")
        yield


def _in_edition(path: str, edition: str) -> str:
    """An article's path in `edition` (the Latin edition shows the Kazakh articles)."""
    rest = path.lstrip("/").split("/", 1)[1]
    return f"/{edition}/{rest}"


def pages_of(edition: str) -> dict[str, str]:
    """The paths of every kind of public page of `edition`, from the demo's content."""
    language = "kk" if edition == "kk-latn" else edition
    published = Article.objects.filter(language=language, status=Article.Status.PUBLISHED)
    article = published.filter(photo__isnull=False, tags__isnull=False).order_by("-published_at").first()
    assert article is not None, f"the demo has no {language} article with a photo and a tag"
    # The demo's bylines are on its generated (Russian) stories: lend the article one.
    if not article.bylines.exists():
        Byline.objects.create(article=article, author=Author.objects.first(), role=Byline.Role.REPORTED_BY)
    if not article.corrections.exists():
        workflow.article_save(article=article, by=None, correction_note="The minister's title was wrong.")
    tag = article.tags.first()
    author = article.bylines.first().author
    day = article.published_at.astimezone()
    word = next(word for word in article.title.split() if len(word) > 4)
    return {
        "home": f"/{edition}/",
        "article": _in_edition(article.get_absolute_url(), edition),
        "section": f"/{edition}/section/{article.section.slug}/",
        "tag": f"/{edition}/tag/{tag.slug}/",
        "author": f"/{edition}/author/{author.slug}/",
        "day": f"/{edition}/{day:%Y/%m/%d}/",
        "month": f"/{edition}/{day:%Y/%m}/",
        "year": f"/{edition}/{day:%Y}/",
        "search with results": f"/{edition}/search/?q={word}",
        "search with none": f"/{edition}/search/?q={NOWHERE}",
        "most viewed": f"/{edition}/most-viewed/",
        "corrections": f"/{edition}/corrections/",
        "live": f"/{edition}/live/",
        "agency page": f"/{edition}/page/about/",
        "not found": f"/{edition}/news/999999999/",
    }


def axe_violations(page) -> list[dict]:
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
            }));
        }"""
    )


# One walk through every edition: the demo is loaded once (half a minute), not per edition.
EDITIONS = ["en", "ru", "kk", "kk-latn"]


def test_every_page_passes_axe_in_light_and_dark_on_desktop_and_phone(live_server, browser, demo_site):
    assert AXE.exists(), "axe-core is missing: run bin/fetch-static-assets"
    found: list[str] = []
    for edition in EDITIONS:
        pages = pages_of(edition)
        assert all(pages.values()), f"the demo lacks a page: {pages}"
        for window, viewport in WINDOWS.items():
            found += _walk(live_server, browser, pages, window=window, viewport=viewport)
    assert not found, "axe found violations:\n" + "\n".join(found)


def _walk(live_server, browser, pages: dict[str, str], *, window: str, viewport: dict) -> list[str]:
    """Every page of one edition in one window, light and dark: what axe finds."""
    found = []
    # The pages' Content-Security-Policy forbids the injected script (as it should).
    context = browser.new_context(viewport=viewport, is_mobile=window == "phone", bypass_csp=True)
    page = context.new_page()
    try:
        for name, path in pages.items():
            response = page.goto(f"{live_server.url}{path}")
            expected = 404 if name == "not found" else 200
            assert response is not None and response.status == expected, f"{path}: {response and response.status}"
            if name == "article":
                for part in (".story-photo img", ".bylines", ".corrections", ".relevant"):
                    assert page.locator(part).count(), f"the article lacks {part}: axe would not see it"
            assert page.locator(".breaking-banner").is_visible(), f"{path}: no breaking banner to check"
            if name == "search with results":
                page.locator(".search-options summary").click()  # axe skips what is folded away
            page.add_script_tag(path=str(AXE))
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)
                for violation in axe_violations(page):
                    found.append(
                        f"{name} ({path}), {scheme}, {window}: {violation['id']} [{violation['impact']}] "
                        f"{violation['help']} at {violation['targets']}"
                    )
    finally:
        context.close()
    return found
