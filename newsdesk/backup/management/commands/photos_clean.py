"""Make the images an install already holds as clean as new uploads (content/image_cleaning.py).

Walks photos/, renditions/ and site/ under MEDIA_ROOT (files no row refers to any more
included: a replaced photo's old file is still public under its URL) and every file a
photo or the logo refers to. A file `image_inspection` finds fault with is cleaned:

- in place, under its own name, when the name's extension fits its format, so every
  published URL (pages, sharing cards, partners' links, renditions in story bodies) still
  works; the new file replaces the old one in a single rename, never half-written;
- under a new generated name when the extension lies (a PNG named .pdf, which /media/
  now serves as a download): the rows follow, the old file is deleted after the commit
  and the stories that show it are announced as updated (content.events).

Rows whose width and height no longer match their file (a turned photo, now upright) are
corrected. A file already clean is not touched, so a second run changes nothing.
"""

import os
import shutil
import stat
import tempfile
from collections import Counter
from collections.abc import Iterable
from contextlib import suppress
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from PIL import Image

from newsdesk.content.events import Change, story_change_announce
from newsdesk.content.image_cleaning import clean_image
from newsdesk.content.image_inspection import inspect_stored_image
from newsdesk.content.images import UNREADABLE
from newsdesk.content.models import Article, Photo
from newsdesk.siteconfig.models import SiteSettings
from newsdesk.siteconfig.selectors import forget_site_settings

DIRECTORIES = ("photos", "renditions", "site")
TEMPORARY_PREFIX = ".photos_clean-"


class Command(BaseCommand):
    help = "Remove personal metadata (GPS, serial numbers, history…) from stored photos, renditions and the logo."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Say what would be cleaned; change nothing.")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        try:
            default_storage.path("")
        except NotImplementedError:
            raise CommandError("photos_clean rewrites files in place and needs MEDIA_ROOT on a file system.") from None
        referenced = set(Photo.objects.exclude(file="").values_list("file", flat=True))
        referenced |= set(SiteSettings.objects.exclude(logo="").values_list("logo", flat=True))
        names = sorted(set(_stored_files(DIRECTORIES)) | referenced)
        counts = Counter(self._clean(name, dry_run=dry_run) for name in names)
        counts["rows"] = self._correct_dimensions(dry_run=dry_run)
        would = "would be " if dry_run else ""
        self.stdout.write(
            f"{counts['cleaned'] + counts['renamed']} {would}cleaned ({counts['renamed']} under a new name), "
            f"{counts['clean']} already clean, {counts['left']} left as they are; "
            f"{counts['rows']} photos' dimensions {would}corrected."
        )
        if counts["cleaned"] and not dry_run:
            self.stdout.write("Files were rewritten under their own URLs: purge them from any CDN in front of /media/.")

    def _clean(self, name: str, *, dry_run: bool) -> str:
        try:
            with default_storage.open(name, "rb") as file:
                data = file.read()
        except OSError as error:
            self.stderr.write(f"{name}: cannot be read ({error.strerror or error}); left as it is")
            return "left"
        inspection = inspect_stored_image(data, name=name)
        problems = "; ".join(inspection.problems)
        if not inspection.problems:
            return "clean"
        if not inspection.cleanable:
            self.stdout.write(f"{name}: {problems}; left as it is")
            return "left"
        outcome = "renamed" if inspection.needs_new_name else "cleaned"
        if dry_run:
            self.stdout.write(f"{name}: {problems}")
            return outcome
        try:
            with clean_image(ContentFile(data)) as cleaned:
                if inspection.needs_new_name:
                    new_name = default_storage.save(f"{os.path.dirname(name)}/{cleaned.name}", cleaned)
                else:
                    _replace_in_place(default_storage.path(name), cleaned)
        except ValidationError as error:
            self.stdout.write(f"{name}: {'; '.join(error.messages)}; left as it is")
            return "left"
        if inspection.needs_new_name:
            _rename_rows(name, new_name)
            self.stdout.write(f"{name}: removed {problems}; now {new_name}")
        else:
            self.stdout.write(f"{name}: removed {problems}")
        return outcome

    def _correct_dimensions(self, *, dry_run: bool) -> int:
        corrected = 0
        for name in Photo.objects.exclude(file="").order_by("file").values_list("file", flat=True).distinct():
            try:
                with default_storage.open(name, "rb") as file, Image.open(file) as image:
                    width, height = image.size
            except UNREADABLE:
                continue
            stale = Photo.objects.filter(file=name).exclude(width=width, height=height)
            if dry_run:
                corrected += stale.count()
            else:
                corrected += stale.update(width=width, height=height)
        return corrected


def _stored_files(directories: Iterable[str]) -> list[str]:
    names = []
    for directory in directories:
        if not default_storage.exists(directory):
            continue
        folders, files = default_storage.listdir(directory)
        names += [f"{directory}/{file}" for file in files if not file.startswith(TEMPORARY_PREFIX)]
        names += _stored_files(f"{directory}/{folder}" for folder in folders)
    return names


def _replace_in_place(path: str, cleaned: File) -> None:
    """Write the cleaned image beside the old one, then rename it over it in one step."""
    mode = stat.S_IMODE(os.stat(path).st_mode)
    descriptor, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=TEMPORARY_PREFIX)
    try:
        with os.fdopen(descriptor, "wb") as output:
            shutil.copyfileobj(cleaned, output)
            output.flush()
            os.fsync(output.fileno())
        os.chmod(temporary, mode)  # mkstemp makes it private; the web server must read it
        os.replace(temporary, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


@transaction.atomic
def _rename_rows(old: str, new: str) -> None:
    Photo.objects.filter(file=old).update(file=new)
    if SiteSettings.objects.filter(logo=old).update(logo=new):
        transaction.on_commit(forget_site_settings)
    transaction.on_commit(lambda: default_storage.delete(old))
    for article in Article.objects.filter(photo__file=new).select_related("section"):
        story_change_announce(article=article, change=Change.UPDATED)
