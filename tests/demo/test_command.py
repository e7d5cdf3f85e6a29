from django.core.management import call_command

from newsdesk.content.models import Article, Author
from newsdesk.demo.accounts import accounts_file
from tests.demo.conftest import LOADED_AT


def test_the_command_loads_once_and_its_printed_accounts_log_in(db, client, capsys, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("load_demo", "--generated", "3", "--no-stream", "--now", LOADED_AT.isoformat())
    first = capsys.readouterr().out
    count = Article.objects.count()
    call_command("load_demo", "--if-empty")
    again = capsys.readouterr().out
    assert Article.objects.count() == count == 23 * 3 + 3  # each reference story in three languages
    assert "not loaded again" in again
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
