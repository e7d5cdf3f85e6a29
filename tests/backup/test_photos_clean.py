"""`manage.py photos_clean`: an existing install's stored files made as clean as new uploads."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

from newsdesk.content.models import Photo
from newsdesk.siteconfig.models import SiteSettings
from tests import photo_files
from tests.photo_files import ARTIST, COMMENT, SECRETS

TURNED = "photos/2025/11/IMG_0042.jpg"
MISNAMED = "photos/2025/11/chart.pdf"
ORPHAN = "photos/2025/10/replaced-by-the-desk.jpg"
LOGO = "site/logo.png"
NOT_AN_IMAGE = "photos/2025/11/notes.txt"


def _write(settings, name: str, data: bytes) -> str:
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return name


def _read(settings, name: str) -> bytes:
    return (Path(settings.MEDIA_ROOT) / name).read_bytes()


def _old_renditions(settings, photo_id: int) -> list[dict]:
    """As renditions were made before: the upload's comment went along into every JPEG."""
    made = []
    for width, image_format, extension, mime in (
        (320, "JPEG", "jpg", "image/jpeg"),
        (320, "WEBP", "webp", "image/webp"),
    ):
        buffer = io.BytesIO()
        options = {"comment": COMMENT} if image_format == "JPEG" else {}
        photo_files.two_halves((320, 480)).save(buffer, image_format, **options)
        name = _write(settings, f"renditions/{photo_id}/{width}.{extension}", buffer.getvalue())
        made.append({"width": width, "height": 480, "mime": mime, "name": name})
    return made


@pytest.fixture
def installed(settings, make_article):
    """What an install holds from before uploads were cleaned."""
    _write(settings, TURNED, photo_files.camera_jpeg(orientation=6))
    turned = Photo.objects.create(file=TURNED, alt_text="Astana", credit="KazTAG")
    Photo.objects.filter(pk=turned.pk).update(width=600, height=400, renditions=_old_renditions(settings, turned.pk))
    # A translation's copy shares the file and the renditions (as the demo makes them).
    copy = Photo.objects.create(file=TURNED, alt_text="Астана", credit="KazTAG")
    Photo.objects.filter(pk=copy.pk).update(
        width=600, height=400, renditions=Photo.objects.get(pk=turned.pk).renditions
    )
    _write(settings, MISNAMED, photo_files.camera_png())
    misnamed = Photo.objects.create(file=MISNAMED, alt_text="A chart", credit="KazTAG")
    article = make_article(photo=misnamed)
    _write(settings, ORPHAN, photo_files.camera_jpeg())
    _write(settings, LOGO, photo_files.camera_png(size=(240, 60), mode="RGBA"))
    SiteSettings.objects.update_or_create(pk=1, defaults={"logo": LOGO})
    _write(settings, NOT_AN_IMAGE, b"minutes of the meeting")
    return {"turned": turned, "copy": copy, "misnamed": misnamed, "article": article}


def _snapshot(settings) -> dict[str, tuple[bytes, int]]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """The command, with what it does after its commits (deleting replaced files) done."""

    def run(*args) -> str:
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("photos_clean", *args, stdout=out)
        return out.getvalue()

    return run


def test_it_cleans_originals_renditions_the_logo_and_forgotten_files_in_place(installed, settings, run):
    output = run()
    for name in (TURNED, ORPHAN, LOGO):
        stored = _read(settings, name)
        assert [secret for secret in SECRETS if secret in stored] == [], name
        assert name in output
    with Image.open(Path(settings.MEDIA_ROOT) / TURNED) as image:
        assert image.size == (400, 600) and 274 not in image.getexif()
        assert image.getexif()[315].encode("latin-1").decode() == ARTIST
    for photo in (installed["turned"], installed["copy"]):
        photo.refresh_from_db()
        assert photo.file.name == TURNED and (photo.width, photo.height) == (400, 600)
        for rendition in photo.renditions:
            assert COMMENT not in _read(settings, rendition["name"])
    assert _read(settings, NOT_AN_IMAGE) == b"minutes of the meeting" and NOT_AN_IMAGE in output


def test_a_file_whose_name_lies_gets_a_generated_one_and_the_rows_follow(installed, settings, client, run):
    run()
    photo = installed["misnamed"]
    photo.refresh_from_db()
    assert re.fullmatch(r"photos/2025/11/[0-9a-f]{32}\.png", photo.file.name)
    assert not (Path(settings.MEDIA_ROOT) / MISNAMED).exists()
    assert [secret for secret in SECRETS if secret in _read(settings, photo.file.name)] == []
    page = client.get(installed["article"].get_absolute_url()).content.decode()
    assert photo.file.url in page and MISNAMED not in page


def test_a_second_run_changes_nothing(installed, settings, run):
    run()
    before = _snapshot(settings)
    rows = list(Photo.objects.order_by("pk").values_list("file", "width", "height", "renditions"))
    output = run()
    assert _snapshot(settings) == before
    assert list(Photo.objects.order_by("pk").values_list("file", "width", "height", "renditions")) == rows
    assert "0 cleaned" in output


def test_a_dry_run_only_says_what_it_would_do(installed, settings, run):
    before = _snapshot(settings)
    output = run("--dry-run")
    assert _snapshot(settings) == before
    assert TURNED in output and MISNAMED in output and LOGO in output
    installed["misnamed"].refresh_from_db()
    assert installed["misnamed"].file.name == MISNAMED


def test_new_uploads_are_already_clean(make_photo, settings, run):
    photo = make_photo()
    before = _snapshot(settings)
    assert "0 cleaned" in run()
    assert _snapshot(settings) == before and photo.file.name in before
