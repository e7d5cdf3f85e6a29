"""Stories as the feeds show them: a byline of two people, a tag, a credited photo with a
caption, a source, a lead, and a correction."""

from datetime import datetime

import feedparser
import pytest
from django.core.files.base import ContentFile

from newsdesk.content import services
from newsdesk.content.models import Article, Author, Byline, Tag
from newsdesk.newsroom import services as workflow
from tests.conftest import ALMATY, jpeg_bytes
from tests.syndication.sitemap_schemas import Schemas


def parsed(response) -> feedparser.FeedParserDict:
    """The feed as a feed reader reads it; a reader's complaint fails the test."""
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.fixture
def people(db) -> tuple[Author, Author]:
    return Author.objects.create(name="Aigerim Sadykova"), Author.objects.create(name="Daniyar Ospanov")


def add_bylines(article: Article, *authors: Author) -> None:
    roles = [Byline.Role.WRITTEN_BY, Byline.Role.PHOTO_BY, Byline.Role.EDITED_BY]
    for position, (author, role) in enumerate(zip(authors, roles, strict=False)):
        Byline.objects.create(article=article, author=author, role=role, position=position)


@pytest.fixture
def make_story(make_article, source, agency, people):
    """A story with everything an item carries, in `language`."""

    def make(
        title: str = "Astana hosts the summit",
        *,
        language: str = "en",
        corrected: bool = True,
        authors: tuple[Author, ...] | None = None,
        **fields,
    ):
        photo = services.photo_create(
            by=None,
            file=ContentFile(jpeg_bytes((1600, 900)), name="summit.jpg"),
            alt_text=fields.pop("alt_text", "Delegates in the hall"),
            credit=fields.pop("credit", "Akorda press service"),
            caption=fields.pop("caption", "Delegates arrive at the Palace of Independence"),
        )
        tag_name = fields.pop("tag_name", "Summit")
        tag = Tag.objects.get_or_create(language=language, slug=fields.pop("tag_slug", "summit"), name=tag_name)[0]
        article = make_article(
            title,
            language=language,
            at=fields.pop("at", datetime(2025, 12, 11, 20, 30, tzinfo=ALMATY)),
            lead=fields.pop("lead", "Leaders of the region met in Astana."),
            body=fields.pop("body", '<p>The summit opened.</p><p><img src="/media/photos/x.jpg" alt="x"></p>'),
            photo=photo,
            source=fields.pop("source", source),
            tags=[tag],
            **fields,
        )
        add_bylines(article, *(people if authors is None else authors))
        if corrected:
            article.refresh_from_db()
            article = workflow.article_save(
                article=article, by=None, correction_note="An earlier version misstated the date."
            )
        return Article.objects.get(pk=article.pk)

    return make


@pytest.fixture(scope="session")
def schemas(shared_dir, tmp_path_factory) -> Schemas:
    return Schemas(shared_dir, tmp_path_factory.mktemp("xsd"))


@pytest.fixture
def announced(django_capture_on_commit_callbacks):
    """Run what a change announces after its commit (the receivers), as a real commit would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def limit(settings):
    """A tiny per-child limit, to see months split into days and tags into pages."""

    def set_limit(value: int) -> None:
        settings.NEWSDESK = {**settings.NEWSDESK, "SITEMAP_URLS": value}

    return set_limit


@pytest.fixture
def publish_story(make_article, django_capture_on_commit_callbacks):
    """make_article, with what its publication announces run as after a real commit
    (the counts and the sitemaps' cache hear it)."""

    def make(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return make_article(*args, **kwargs)

    return make
