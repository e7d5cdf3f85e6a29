"""`manage.py backup` and `restore`, as `make backup` and `make restore` run them."""

from contextlib import closing

from django.core.management import call_command

from tests.backup.conftest import tables


def test_backup_writes_into_backup_dir_and_says_where(db, tmp_path, settings, capsys):
    settings.BACKUP_DIR = tmp_path / "copies"
    call_command("backup")
    said = capsys.readouterr().out
    (archive,) = (tmp_path / "copies").iterdir()
    assert f"Backup written: {archive}" in said and "no SECRET_KEY" in said


def test_a_refused_restore_says_why_in_one_line_and_exits_non_zero(empty_install, tmp_path):
    install = empty_install()
    damaged = tmp_path / "newsdesk-20260101T000000Z.tar"
    damaged.write_bytes(b"not an archive")
    for archive, reason in ((damaged, "is not a tar archive"), (tmp_path / "missing.tar", "is not a file")):
        refused = install.manage("restore", str(archive))
        assert refused.returncode == 1
        assert refused.stderr.startswith("CommandError:") and reason in refused.stderr
        assert "Traceback" not in refused.stderr
    assert not install.media_root.exists()
    with closing(install.connect()) as target:
        assert tables(target) == []
