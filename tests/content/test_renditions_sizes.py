"""Renditions made before their sizes were kept get them, once, from the storage."""

from django.core.files.storage import default_storage
from django.core.management import call_command

from newsdesk.content.models import Photo


def _as_made_before(photo: Photo) -> None:
    Photo.objects.filter(pk=photo.pk).update(
        renditions=[{k: v for k, v in r.items() if k != "bytes"} for r in photo.renditions]
    )


def test_old_renditions_get_their_true_sizes_and_a_second_run_changes_nothing(make_photo, capsys):
    photo = make_photo()
    sizes = {r["name"]: r["bytes"] for r in photo.renditions}
    _as_made_before(photo)
    call_command("renditions_sizes")
    assert "1 photos" in capsys.readouterr().out
    photo.refresh_from_db()
    assert {r["name"]: r["bytes"] for r in photo.renditions} == sizes
    assert all(default_storage.size(name) == size for name, size in sizes.items())
    call_command("renditions_sizes")
    assert "0 photos" in capsys.readouterr().out


def test_a_rendition_whose_file_is_gone_is_left_without_a_size(make_photo):
    photo = make_photo()
    _as_made_before(photo)
    gone = photo.renditions[0]["name"]
    default_storage.delete(gone)
    call_command("renditions_sizes")
    photo.refresh_from_db()
    by_name = {r["name"]: r for r in photo.renditions}
    assert "bytes" not in by_name[gone]
    assert all("bytes" in r for name, r in by_name.items() if name != gone)
