"""`manage.py renditions_sizes`: the byte size of every rendition made before sizes were
kept, so that feeds can give those photos an RSS enclosure. Safe to run again."""

from typing import Any

from django.core.management.base import BaseCommand

from newsdesk.content.services import renditions_sizes_fill


class Command(BaseCommand):
    help = "Store the byte size of renditions made before sizes were kept (for feeds' enclosures)."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = renditions_sizes_fill()
        self.stdout.write(f"{changed} photos given their renditions' sizes.")
