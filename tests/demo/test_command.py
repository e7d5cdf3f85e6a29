from django.core.management import call_command

from newsdesk.content.models import Article, Author
from newsdesk.demo import desk
from newsdesk.demo.accounts import accounts_file
from newsdesk.editions.definition import EDITION_CODES
from newsdesk.siteconfig import schedule
from tests.demo.conftest import LOADED_AT


def test_the_command_loads_once_and_its_printed_accounts_log_in(db, client, capsys, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("load_demo", "--generated", "3", "--no-stream", "--now", LOADED_AT.isoformat())
    first = capsys.readouterr().out
    count = Article.objects.count()
    call_command("load_demo", "--if-empty")
    again = capsys.readouterr().out
    # Each reference story in three languages, and the desk's work in progress (demo/desk.py).
    assert Article.objects.count() == count == 23 * 3 + 3 + desk.STORIES
    assert "not loaded again" in again
    # Loaded for another day, the schedule is made again for this one: the block says Live.
    assert all(schedule.on_air(edition=edition).live for edition in EDITION_CODES)
    assert "Incoming desk (wires): https://news.example.kz/admin/wires/wireitem/" in first
    assert "/admin/wires/wireitem/" in again
    assert oct(accounts_file().stat().st_mode & 0o777) == "0o600"
    for line in accounts_file().read_text().splitlines():
        username, _role, password = line.split("\t")
        assert username in first and password in again
        author = Author.objects.get(user__username=username)  # the loader's, with its role: not a second one
        assert author.job_title_en and Author.objects.filter(name=author.name).count() == 1
        assert client.login(username=username, password=password), username
        response = client.get("/admin/content/article/")
        if username == "chief":  # two-factor is required of chief editors: enrolment comes first
            assert response.status_code == 302 and response["Location"].startswith("/admin/two-factor/")
            assert client.get(response["Location"]).status_code == 200
        else:
            assert response.status_code == 200
        client.logout()


def test_the_printed_curl_lists_the_latest_stories_and_the_webhook_is_received(
    db, client, capsys, settings, tmp_path, django_capture_on_commit_callbacks
):
    from newsdesk.demo.partners import key_file
    from newsdesk.partners.models import Delivery

    settings.DATA_DIR = tmp_path
    call_command("load_demo", "--generated", "3", "--no-stream")
    printed = capsys.readouterr().out
    key = key_file().read_text().strip()
    assert f"Authorization: Bearer {key}" in printed and "/api/v1/items?edition=en" in printed
    assert oct(key_file().stat().st_mode & 0o777) == "0o600"
    items = client.get("/api/v1/items", {"edition": "en", "limit": 3}, HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert len(items["items"]) == 3 and items["items"][0]["pubStatus"] == "usable"
    # The loaded archive is not pushed to the webhook; a story published now is.
    assert not Delivery.objects.exists()
    from newsdesk.newsroom import services as workflow

    story = Article.objects.filter(language="en").first()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_save(article=story, by=None, correction_note="A demo correction.")
    assert Delivery.objects.get().webhook.url == settings.SITE_URL + "/demo/webhook/"
    assert client.post("/demo/webhook/", b"{}", content_type="application/json").status_code == 204
    assert client.get("/demo/webhook/").json()["received"][0]["bytes"] == 2
