"""Write the Kazakh Latin catalogues (kk_Latn) from the Kazakh Cyrillic ones.

    python manage.py latin_catalogue      # `make messages` runs it after compiling kk

Nobody translates the Latin edition's interface by hand: every Kazakh string is
transliterated, so the two can never fall out of step (a test checks they have not).
"""

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

from newsdesk.editions.latin import to_latin

DOMAINS = ("django", "djangojs")


def latin_catalogue(source: polib.POFile) -> polib.POFile:
    latin = polib.POFile(wrapwidth=79)
    latin.metadata = {**source.metadata, "Language": "kk_Latn", "Language-Team": "Kazakh (Latin)"}
    for entry in source:
        if entry.obsolete:
            continue
        latin.append(
            polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                msgstr=to_latin(entry.msgstr),
                msgstr_plural={n: to_latin(text) for n, text in entry.msgstr_plural.items()},
                flags=[flag for flag in entry.flags if flag != "fuzzy"],
            )
        )
    return latin


def catalogue_pairs() -> list[tuple[Path, Path]]:
    """(Cyrillic source, Latin target) for every Kazakh catalogue of ours."""
    pairs = []
    for locale_dir in settings.LOCALE_PATHS:
        for domain in DOMAINS:
            source = Path(locale_dir) / "kk" / "LC_MESSAGES" / f"{domain}.po"
            if source.exists():
                pairs.append((source, Path(locale_dir) / "kk_Latn" / "LC_MESSAGES" / f"{domain}.po"))
    return pairs


class Command(BaseCommand):
    help = "Transliterate the Kazakh catalogues into the Latin edition's (kk_Latn)."

    def handle(self, *args: Any, **options: Any) -> None:
        for source, target in catalogue_pairs():
            target.parent.mkdir(parents=True, exist_ok=True)
            latin = latin_catalogue(polib.pofile(str(source)))
            latin.save(str(target))
            latin.save_as_mofile(str(target.with_suffix(".mo")))
            self.stdout.write(f"{target}: {len(latin)} messages")
