"""Write the Kazakh Latin catalogues (kk_Latn) from the Kazakh Cyrillic ones.

    python manage.py latin_catalogue      # `make messages` runs it after compiling kk

Nobody translates the Latin edition's interface by hand: every Kazakh string is
transliterated, so the two can never fall out of step (a test checks they have not).

Django's own strings too: for kk_Latn, gettext falls back to each app's kk catalogue,
so the back office would show Django's Cyrillic ("Сақтау") among Latin words. Our
`locale_django/kk_Latn` therefore holds every Kazakh string Django and its apps ship,
with our completion and overrides (`locale_django/kk`) on top, all transliterated; it is
in LOCALE_PATHS, which win over the apps' catalogues.
"""

from pathlib import Path
from typing import Any

import django
import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand

from newsdesk.editions.latin import to_latin

DOMAINS = ("django", "djangojs")
DJANGO_OVERRIDES = "locale_django"


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


def djangos_kazakh(domain: str) -> list[Path]:
    """Django's own Kazakh catalogues, in the order Django merges them (later ones win)."""
    ours = {Path(path).resolve() for path in settings.LOCALE_PATHS}
    candidates = [Path(django.__file__).parent / "conf" / "locale"]
    candidates += [Path(config.path) / "locale" for config in reversed(list(apps.get_app_configs()))]
    found = []
    for locale_dir in candidates:
        source = locale_dir / "kk" / "LC_MESSAGES" / f"{domain}.po"
        if locale_dir.resolve() not in ours and source.exists() and source not in found:
            found.append(source)
    return found


def kazakh_source(locale_dir: Path, domain: str) -> polib.POFile:
    """The Kazakh catalogue the Latin one is made from: ours, and for Django's strings
    every translated entry of Django's catalogues under ours."""
    ours = polib.pofile(str(locale_dir / "kk" / "LC_MESSAGES" / f"{domain}.po"))
    if locale_dir.name != DJANGO_OVERRIDES:
        return ours
    merged: dict[tuple[str | None, str], polib.POEntry] = {}
    for path in djangos_kazakh(domain):
        for entry in polib.pofile(str(path)).translated_entries():
            if entry.msgid:
                merged[(entry.msgctxt, entry.msgid)] = entry
    for entry in ours.translated_entries():
        merged[(entry.msgctxt, entry.msgid)] = entry
    source = polib.POFile(wrapwidth=79)
    source.metadata = dict(ours.metadata)
    for key in sorted(merged, key=lambda k: (k[1], k[0] or "")):
        source.append(merged[key])
    return source


def catalogue_pairs() -> list[tuple[polib.POFile, Path]]:
    """(Kazakh Cyrillic source, Latin target) for every Kazakh catalogue of ours."""
    pairs = []
    for locale_dir in map(Path, settings.LOCALE_PATHS):
        for domain in DOMAINS:
            if (locale_dir / "kk" / "LC_MESSAGES" / f"{domain}.po").exists():
                target = locale_dir / "kk_Latn" / "LC_MESSAGES" / f"{domain}.po"
                pairs.append((kazakh_source(locale_dir, domain), target))
    return pairs


class Command(BaseCommand):
    help = "Transliterate the Kazakh catalogues into the Latin edition's (kk_Latn)."

    def handle(self, *args: Any, **options: Any) -> None:
        for source, target in catalogue_pairs():
            target.parent.mkdir(parents=True, exist_ok=True)
            latin = latin_catalogue(source)
            latin.save(str(target))
            latin.save_as_mofile(str(target.with_suffix(".mo")))
            self.stdout.write(f"{target}: {len(latin)} messages")
