import io
import os
import shutil
import signal
import socket
import subprocess
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import redis
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from PIL import Image

from newsdesk.audience import identity, rankings
from newsdesk.audience import views as audience_views
from newsdesk.audience.services import views_add
from newsdesk.content import selectors as content_selectors
from newsdesk.content import services
from newsdesk.content.models import Article, Photo, Section, Source, Tag
from newsdesk.editions.editions import forget_corrections
from newsdesk.newsroom import services as workflow
from newsdesk.public import breaking, fragments, frame, pagecache, previews
from newsdesk.siteconfig.models import SiteSettings
from newsdesk.siteconfig.pages import forget_pages
from newsdesk.siteconfig.schedule import forget_schedule
from newsdesk.siteconfig.selectors import forget_site_settings

ALMATY = ZoneInfo("Asia/Almaty")
# The site's configured address in tests: absolute URLs come from it, never from the Host.
SITE = "https://news.example.kz"


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Each test: its own media folder, an empty cache, and lazy loads that fail loudly."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = SITE
    # Staff accounts are made in many tests; a real hasher costs a third of a second each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Sign-in hashing slots of their own, not those of a server running from the same folder.
    settings.STAFF_SIGNIN = {**settings.STAFF_SIGNIN, "LOCK_DIR": tmp_path / "locks"}
    # Wires' drop folders of its own (the demo writes its files there), not the data folder's.
    settings.WIRES = {**settings.WIRES, "DROP_DIR": str(tmp_path / "wires")}
    # Pages are rendered afresh in every test but the page cache's own (tests/public/test_pagecache.py).
    settings.NEWSDESK = {**settings.NEWSDESK, "STRICT_FETCH": True, "PAGE_CACHE": False}
    _forget_process_memos()
    cache.clear()
    forget_site_settings()
    forget_schedule()
    forget_pages()
    forget_corrections()
    # The site's main language, whatever an earlier test left active: code that runs with no
    # request (the worker, services called directly) speaks whatever is active.
    with translation.override(settings.LANGUAGE_CODE):
        yield
    cache.clear()


def _forget_process_memos() -> None:
    """What a process keeps of earlier tests' rows, which are rolled back (and whose ids
    come again), through each memo's own API (the table of caches in docs/architecture.md lists them all)."""
    identity._salts.clear()
    audience_views._visible.clear()
    breaking._current.clear()
    fragments._kept.clear()
    frame._kept.clear()
    rankings._kept.clear()
    pagecache._recent.clear()
    previews._sizes.clear()
    content_selectors._menu.forget()


def jpeg_bytes(size: tuple[int, int] = (640, 360), colour: str = "navy", fmt: str = "JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.fixture
def section(db) -> Section:
    return Section.objects.create(slug="politics", name_en="Politics", name_ru="Политика", name_kk="Саясат")


@pytest.fixture
def source(db) -> Source:
    return Source.objects.create(name_en="Qazinform News Agency", url="https://qazinform.com")


@pytest.fixture
def make_photo(db):
    def make(credit: str = "gov.kz", alt_text: str = "A meeting in Astana") -> Photo:
        return services.photo_create(
            by=None, file=ContentFile(jpeg_bytes(), name="photo.jpg"), alt_text=alt_text, credit=credit
        )

    return make


@pytest.fixture
def make_article(db, section):
    """Build an article through the services; published `ago` before now unless told otherwise."""

    def make(
        title: str = "Kazakhstan and World Health Organization Strengthen Cooperation",
        *,
        language: str = "en",
        body: str = "<p>First paragraph.</p><p>Second paragraph.</p>",
        ago: timedelta | None = timedelta(hours=1),
        at: datetime | None = None,
        section: Section = section,
        tags: list[Tag] = (),
        **fields,
    ) -> Article:
        article = services.article_create(
            by=None, language=language, title=title, body=body, section=section, tags=tags, **fields
        )
        if at is not None or ago is not None:
            article = workflow.article_publish(article=article, by=None, at=at or timezone.now() - ago)
        return article

    return make


@pytest.fixture
def agency(db) -> SiteSettings:
    """The reference page's agency, with a live stream configured."""
    site = SiteSettings.objects.get_or_create(pk=1)[0]
    site.name_en = "Kazakhstan Today"
    site.reprint_notice_en = "This information may not be reproduced without reference to Kazakhstan Today."
    site.live_stream_url = "https://stream.example.kz/live/index.m3u8"
    site.live_stream_title_en = "Kazakhstan Today Live"
    site.save()
    return site


@pytest.fixture
def story(make_article, make_photo, source, agency) -> Article:
    """The reference article: 11.12.2025, 20:30, 14706 views, a credited photo, a source and a tag."""
    tag = Tag.objects.create(language="en", name="WHO", slug="who")
    article = make_article(
        "Kazakhstan and World Health Organization Strengthen Cooperation",
        at=datetime(2025, 12, 11, 20, 30, tzinfo=ALMATY),
        body="<p>First Deputy Minister met WHO.</p><p>The parties discussed health.</p>",
        photo=make_photo(credit="gov.kz", alt_text="The meeting"),
        source=source,
        tags=[tag],
    )
    views_add(article_id=article.pk, views=14706, at=timezone.now(), zone=ALMATY)
    return article


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """A redis-server of our own, with AOF, that tests may stop and restart."""

    def __init__(self, directory):
        self.port = _free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "yes", "--appendfsync", "always", "--dir", str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            try:
                redis.Redis(port=self.port).ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        """As a crash: SIGKILL, no goodbye."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


@pytest.fixture
def private_redis(tmp_path, settings):
    if shutil.which("redis-server") is None:
        if os.environ.get("NEWSDESK_REQUIRE_REDIS") == "1":
            pytest.fail("NEWSDESK_REQUIRE_REDIS=1 but redis-server is not installed")
        pytest.skip("redis-server is not installed")
    server = PrivateRedis(tmp_path)
    server.start()
    settings.REDIS_URL = server.url  # a client of its own, dropped again when the test ends
    settings.NEWSDESK = {**settings.NEWSDESK, "COUNT_THROUGH_REDIS": True}
    yield server
    if server.process.poll() is None:
        server.process.terminate()
        server.process.wait()


@pytest.fixture
def admin_user(db, django_user_model):
    """pytest-django's superuser (for `admin_client`), with two-factor on as superusers must."""
    from tests.accounts.helpers import two_factor_on

    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "a long admin password")
    two_factor_on(user)
    return user


def shared_folder() -> Path | None:
    """The industry's schemas and samples (sitemaps' XSD, ninjs, NewsML-G2) kept beside
    the project in a folder `shared/` of one of its parents, or where NEWSDESK_SHARED_DIR
    says. They are read from there, never copied into the repository."""

    if os.environ.get("NEWSDESK_SHARED_DIR"):
        return Path(os.environ["NEWSDESK_SHARED_DIR"])
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared" / "xsd").is_dir():
            return parent / "shared"
    return None


@pytest.fixture(scope="session")
def shared_dir():
    found = shared_folder()
    if found is None:
        pytest.skip("the shared schemas and samples (../shared) are not beside this checkout")
    return found
