"""schema.org JSON-LD of every public page, read back as search engines read it."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.templatetags.static import static
from django.utils import timezone

from newsdesk.content.models import Article, Author, Byline, Correction, Photo, Tag
from newsdesk.public.structured_data import json_ld
from tests.conftest import SITE, jpeg_bytes
from tests.public.heads import read

ALMATY = ZoneInfo("Asia/Almaty")
HOSTILE_TITLE = '</script><script>alert(1)</script> <!-- x --> \u2028 line \u2029 para & "quoted" \\ back'


@pytest.fixture
def reporter(db) -> Author:
    return Author.objects.create(name="Aigerim Sultan", job_title_en="Health correspondent")


def _article_data(client, article: Article) -> dict:
    page = read(client.get(article.get_absolute_url()))
    return page.single("NewsArticle")


def test_the_serialiser_leaves_nothing_that_ends_a_script_and_reads_back_exactly():
    data = {"headline": HOSTILE_TITLE, "nested": [{"text": "<!--<script>"}], "n": 1}
    text = str(json_ld(data))
    for unsafe in ("<", ">", "&", "\u2028", "\u2029"):
        assert unsafe not in text
    assert "\\u003c/script\\u003e" in text and "\\u2028" in text and "\\u0026" in text
    assert json.loads(text) == data


def test_an_article_is_a_news_article_field_by_field(client, story, reporter):
    Byline.objects.create(article=story, author=reporter, role=Byline.Role.REPORTED_BY)
    Article.objects.filter(pk=story.pk).update(lead="The parties discussed health.")
    story.refresh_from_db()
    url = f"{SITE}{story.get_absolute_url()}"
    data = _article_data(client, story)
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == story.title
    assert data["description"] == "The parties discussed health."
    assert data["datePublished"] == "2025-12-11T20:30:00+05:00"
    assert data["dateModified"] == "2025-12-11T20:30:00+05:00"  # never corrected or updated
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["url"] == url
    assert data["inLanguage"] == "en"
    assert data["articleSection"] == "Politics"
    assert data["keywords"] == ["WHO"]
    assert data["author"] == [{"@type": "Person", "name": "Aigerim Sultan", "url": f"{SITE}/en/author/aigerim-sultan/"}]
    assert data["sourceOrganization"] == {
        "@type": "Organization",
        "name": "Qazinform News Agency",
        "url": "https://qazinform.com",
    }
    assert data["copyrightNotice"] == ("This information may not be reproduced without reference to Kazakhstan Today.")
    assert "correction" not in data  # none yet
    publisher = data["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization" and publisher["name"] == "Kazakhstan Today"
    assert publisher["url"] == f"{SITE}/en/"
    # No logo uploaded: the bundled one, with its size.
    assert publisher["logo"] == {
        "@type": "ImageObject",
        "url": f"{SITE}/static/newsdesk/logo-default.png",
        "contentUrl": f"{SITE}/static/newsdesk/logo-default.png",
        "width": 512,
        "height": 512,
    }
    [image] = data["image"]
    photo = story.photo
    assert image["@type"] == "ImageObject"
    assert image["url"] == f"{SITE}/media/{photo.renditions[-1]['name']}" and image["url"].endswith(".jpg")
    assert (image["width"], image["height"]) == (640, 360)
    assert image["caption"] == "The meeting"  # no caption: what the photo shows
    assert image["creditText"] == "gov.kz" and image["copyrightNotice"] == "gov.kz"
    assert "license" not in image  # the photo has no licence


def test_the_photos_caption_and_licence_url_or_text(client, story, django_capture_on_commit_callbacks):
    Photo.objects.filter(pk=story.photo_id).update(
        caption="The ministers met in Astana.", licence="https://creativecommons.org/licenses/by/4.0/"
    )
    image = _article_data(client, story)["image"][0]
    assert image["caption"] == "The ministers met in Astana."
    assert image["license"] == "https://creativecommons.org/licenses/by/4.0/"
    photo = Photo.objects.get(pk=story.photo_id)
    photo.licence = "All rights reserved"
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()  # the story's kept parts show the photo: dropped
    image = _article_data(client, story)["image"][0]
    assert image["license"] == {"@type": "CreativeWork", "name": "All rights reserved"}


def test_the_sites_own_logo_when_one_is_uploaded(client, story, agency):
    agency.logo = ContentFile(jpeg_bytes((300, 80), "white"), name="logo.jpg")
    agency.save()
    logo = _article_data(client, story)["publisher"]["logo"]
    assert logo["url"] == f"{SITE}{agency.logo.url}" and (logo["width"], logo["height"]) == (300, 80)


def test_every_byline_role_has_its_property(client, story, reporter):
    people = {role: Author.objects.create(name=f"Person {role}") for role in Byline.Role.values}
    for position, (role, author) in enumerate(people.items()):
        Byline.objects.create(article=story, author=author, role=role, position=position)
    data = _article_data(client, story)
    names = {
        prop: [p["name"] for p in data.get(prop, [])] for prop in ("author", "translator", "editor", "contributor")
    }
    assert names == {
        "author": ["Person reported", "Person written"],
        "translator": ["Person translated"],
        "editor": ["Person edited"],
        "contributor": ["Person photo"],
    }
    assert all(p["@type"] == "Person" and p["url"].startswith(f"{SITE}/en/author/") for p in data["author"])


def test_a_story_without_a_reporter_is_the_agencys_own(client, story):
    data = _article_data(client, story)
    assert data["author"] == [
        {"@id": f"{SITE}/#organization", "@type": "NewsMediaOrganization", "name": "Kazakhstan Today"}
    ]
    assert data["publisher"]["@id"] == f"{SITE}/#organization"


def test_corrections_and_the_modified_time(client, story):
    corrected = timezone.now() - timedelta(minutes=5)
    Correction.objects.create(article=story, note="The minister's name was misspelt.", created_at=corrected)
    Article.objects.filter(pk=story.pk).update(corrected_at=corrected, revised_at=corrected)
    data = _article_data(client, story)
    local = timezone.localtime(corrected, ALMATY).replace(microsecond=0)
    assert data["dateModified"] == local.isoformat()
    assert data["datePublished"] == "2025-12-11T20:30:00+05:00"
    assert data["correction"] == [
        {"@type": "CorrectionComment", "text": "The minister's name was misspelt.", "datePublished": local.isoformat()}
    ]


def test_a_hostile_title_stays_inside_its_script_and_round_trips(client, story):
    Article.objects.filter(pk=story.pk).update(title=HOSTILE_TITLE, lead=HOSTILE_TITLE)
    Tag.objects.filter(slug="who").update(name="</script><!--")
    story.refresh_from_db()
    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    page = read(response)
    # Only the page's own scripts: none was opened by the title.
    assert html.count("<script") == len(page.scripts) + 1  # + site.js
    assert "alert(1)</script>" not in html
    data = page.single("NewsArticle")
    assert data["headline"] == HOSTILE_TITLE and data["description"] == HOSTILE_TITLE
    assert data["keywords"] == ["</script><!--"]
    crumbs = page.single("BreadcrumbList")["itemListElement"]
    assert crumbs[-1]["name"] == HOSTILE_TITLE


def test_breadcrumbs_go_from_the_editions_home_to_the_section_and_the_story(client, story):
    crumbs = read(client.get(story.get_absolute_url())).single("BreadcrumbList")["itemListElement"]
    assert crumbs == [
        {"@type": "ListItem", "position": 1, "name": "Kazakhstan Today", "item": f"{SITE}/en/"},
        {"@type": "ListItem", "position": 2, "name": "Politics", "item": f"{SITE}/en/section/politics/"},
        {"@type": "ListItem", "position": 3, "name": story.title, "item": f"{SITE}{story.get_absolute_url()}"},
    ]


def test_the_home_is_a_website_of_a_news_organisation_with_its_other_pages(client, story, agency):
    agency.same_as = "https://t.me/kaztoday\n\n  https://x.com/kaztoday  \n"
    agency.save()
    page = read(client.get("/ru/"))
    site = page.single("WebSite")
    assert site["name"] == "Kazakhstan Today" and site["url"] == f"{SITE}/ru/" and site["inLanguage"] == "ru"
    organisation = page.single("NewsMediaOrganization")
    assert organisation["sameAs"] == ["https://t.me/kaztoday", "https://x.com/kaztoday"]
    assert organisation["logo"]["url"] == f"{SITE}/static/newsdesk/logo-default.png"
    assert organisation["@id"] == f"{SITE}/#organization" and site["publisher"] == {"@id": organisation["@id"]}
    assert not page.of_type("NewsArticle")


@pytest.mark.parametrize(
    ("path", "name", "crumb"),
    [
        ("/en/section/politics/", "Politics", "/en/section/politics/"),
        ("/en/tag/who/", "Tag: WHO", "/en/tag/who/"),
        ("/en/2025/12/11/", "News of 11 December 2025", "/en/2025/12/11/"),
    ],
)
def test_listings_are_collection_pages_under_the_home(client, story, path, name, crumb):
    page = read(client.get(path))
    collection = page.single("CollectionPage")
    assert collection["name"] == name and collection["url"] == f"{SITE}{path}"
    assert collection["inLanguage"] == "en" and collection["description"] == page.one("description")
    assert collection["isPartOf"] == {"@id": f"{SITE}/en/#website"}
    crumbs = page.single("BreadcrumbList")["itemListElement"]
    assert [(c["name"], c["item"]) for c in crumbs] == [("Kazakhstan Today", f"{SITE}/en/"), (name, f"{SITE}{crumb}")]


def test_the_live_page_is_a_live_broadcast(client, agency):
    page = read(client.get("/en/live/"))
    video = page.single("VideoObject")
    assert video["name"] == "Kazakhstan Today Live"
    assert video["description"] == page.one("description") and video["description"]
    assert video["thumbnailUrl"] == [f"{SITE}/static/newsdesk/live-poster.jpg"]  # the player's poster frame
    assert video["contentUrl"] == "https://stream.example.kz/live/index.m3u8"
    assert video["url"] == f"{SITE}/en/live/"
    # No schedule: the stream runs around the clock, one broadcast with no time.
    assert video["publication"] == {"@type": "BroadcastEvent", "isLiveBroadcast": True, "name": "Kazakhstan Today Live"}


def test_a_stream_on_this_site_is_given_by_its_absolute_address(client, agency):
    agency.live_stream_url = "/live/stream.m3u8"
    agency.live_stream_title_en = agency.live_stream_title_ru = agency.live_stream_title_kk = ""
    agency.save()
    video = read(client.get("/en/live/")).single("VideoObject")
    assert video["contentUrl"] == f"{SITE}/live/stream.m3u8" and video["name"] == "Internet TV"


def test_error_and_withdrawn_pages_carry_no_structured_data(client, story):
    from newsdesk.newsroom import services

    assert read(client.get("/en/no-such-page/")).scripts == []
    services.article_withdraw(article=story, by=None)
    assert read(client.get(story.get_absolute_url())).scripts == []


def test_the_latin_edition_says_it_all_in_latin(client, make_article, agency, reporter):
    at = datetime(2025, 12, 11, 20, 30, tzinfo=ALMATY)
    agency.name_kk = "Қазақстан Бүгін"
    agency.reprint_notice_kk = "Сілтемесіз көшіруге болмайды."
    agency.save()
    tag = Tag.objects.create(language="kk", name="денсаулық", slug="densaulyq")
    story = make_article("Денсаулық сақтау туралы", language="kk", at=at, lead="Министр кездесті.", tags=[tag])
    reporter.name = "Айгерім Сұлтан"
    reporter.save()
    Byline.objects.create(article=story, author=reporter)
    Correction.objects.create(article=story, note="Аты түзетілді.")
    Article.objects.filter(pk=story.pk).update(corrected_at=timezone.now())
    page = read(client.get(f"/kk-latn/news/{story.pk}-{story.slug}/"))
    data = page.single("NewsArticle")
    assert data["headline"] == "Densaulyq saqtau turaly" and data["inLanguage"] == "kk-Latn"
    assert data["author"][0]["name"] == "Aigerım Sūltan"
    assert data["author"][0]["url"] == f"{SITE}/kk-latn/author/{reporter.slug}/"
    texts = json.dumps(page.data, ensure_ascii=False)
    assert "Qazaqstan Bügın" in texts and "densaulyq" in texts
    from tests.editions.test_editions import CYRILLIC

    assert not CYRILLIC.findall(texts), texts


def test_a_story_without_a_photo_shows_the_sites_share_image(client, make_article, agency):
    article = make_article("Parliament passes the budget")
    data = _article_data(client, article)
    assert [image["url"] for image in data["image"]] == [SITE + static("newsdesk/share-default.png")]
    assert data["image"][0]["width"] == 1200 and data["image"][0]["height"] == 630
