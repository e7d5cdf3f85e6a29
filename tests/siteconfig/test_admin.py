"""The site's logo, uploaded in the back office, is stored as cleanly as a photo."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from newsdesk.siteconfig.models import SiteSettings
from tests import photo_files
from tests.accounts.helpers import two_factor_on


@pytest.fixture
def chief_client(client, django_user_model):
    SiteSettings.objects.get_or_create(pk=1)
    chief = django_user_model.objects.create_superuser("chief", password="a long chief password")
    two_factor_on(chief)  # superusers must
    client.force_login(chief)
    return client


def _form(logo) -> dict:
    return {
        "name_en": "Kazakhstan Today", "name_ru": "", "name_kk": "", "logo": logo,
        "reprint_notice_en": "", "reprint_notice_ru": "", "reprint_notice_kk": "",
        "time_zone": "Asia/Almaty", "live_stream_url": "",
        "live_stream_title_ru": "", "live_stream_title_kk": "", "live_stream_title_en": "",
    }  # fmt: skip


@pytest.mark.parametrize("name", ["logo.xbm", "logo.ps", "logo.pdf", "logo.png"])
def test_the_logo_is_stored_under_a_generated_name_without_its_metadata(chief_client, settings, name):
    upload = SimpleUploadedFile(name, photo_files.camera_png(size=(240, 60), mode="RGBA"), content_type="image/png")
    response = chief_client.post("/admin/siteconfig/sitesettings/1/change/", _form(upload))
    assert response.status_code == 302, response.content
    logo = SiteSettings.objects.get(pk=1).logo
    assert re.fullmatch(r"site/[0-9a-f]{32}\.png", logo.name)
    stored = (Path(settings.MEDIA_ROOT) / logo.name).read_bytes()
    assert [secret for secret in photo_files.SECRETS if secret in stored] == []
    assert not set(photo_files.png_chunks(stored)) & {b"tEXt", b"zTXt", b"tIME", b"prIv"}
    served = chief_client.get(logo.url)
    assert served["Content-Type"] == "image/png" and served["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("image_format", ["GIF", "BMP", "TIFF", "ICO", "XBM"])
def test_the_logo_must_be_a_jpeg_png_or_webp(chief_client, image_format):
    buffer = io.BytesIO()
    Image.new("1" if image_format == "XBM" else "RGB", (64, 64)).save(buffer, image_format)
    upload = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")
    response = chief_client.post("/admin/siteconfig/sitesettings/1/change/", _form(upload))
    assert response.status_code == 200
    assert "JPEG, PNG or WebP" in response.content.decode()
    assert not SiteSettings.objects.get(pk=1).logo
