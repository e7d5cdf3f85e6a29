"""The demo agency's pages (about, contacts, policies…) in each language, its legal
details and its social links, from `data/pages.toml`; every page ends with the demo
text note. Loading again replaces the demo's pages of those kinds."""

import tomllib
from pathlib import Path

from django.db import transaction

from newsdesk.content.text import paragraphs_to_html
from newsdesk.editions.definition import ARTICLE_LANGUAGES
from newsdesk.siteconfig.models import AgencyPage, SiteSettings

PAGES_FILE = Path(__file__).parent / "data" / "pages.toml"
DEMO_PAGE_NOTE = {
    "en": "Demo text: written for the Newsdesk demo; the agency, its people and addresses are invented.",
    "ru": "Демонстрационный текст: написан для демо-версии Newsdesk; агентство, люди и адреса вымышлены.",
    "kk": "Демонстрациялық мәтін: Newsdesk демо-нұсқасы үшін жазылған; "
    "агенттік, адамдар мен мекенжайлар ойдан алынған.",
}


def read_pages(path: Path = PAGES_FILE) -> dict:
    with path.open("rb") as file:
        return tomllib.load(file)


@transaction.atomic
def demo_pages_load(site: SiteSettings) -> None:
    """The pages, and the legal details and social links set on `site` (saved by the caller)."""
    data = read_pages()
    for field, value in data["legal"].items():
        setattr(site, field, value)
    for network, url in data["social"].items():
        setattr(site, f"social_{network}", url)
    for item in data["page"]:
        for language in ARTICLE_LANGUAGES:
            AgencyPage.objects.filter(edition=language, kind=item["kind"]).delete()
            page = AgencyPage(
                edition=language,
                kind=item["kind"],
                title=item[f"title_{language}"],
                body=paragraphs_to_html([*item[f"body_{language}"], DEMO_PAGE_NOTE[language]]),
                position=item["position"],
                published=True,
            )
            page.full_clean()
            page.save()
