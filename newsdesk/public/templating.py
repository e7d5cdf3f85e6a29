"""The Jinja2 environment of the public site.

Templates wrap every string readers see in `_()`, so `makemessages` finds them,
and `|format(name=…)` for values inside a translated sentence.
"""

from typing import Any

from django.templatetags.static import static
from django.utils import translation
from jinja2 import Environment

from newsdesk.editions.editions import article_url, edition_label, edition_url, html_in_script, in_capitals, in_script
from newsdesk.lib import formatting
from newsdesk.public.embeds import embeds_for_readers
from newsdesk.public.fragments import ranked_html, teaser_html, top_html, views_from, views_shown, views_to
from newsdesk.public.frame import brand_html, footer_html, sections_html
from newsdesk.public.live import clock, live_block
from newsdesk.public.pagination import cursor_to_param
from newsdesk.public.structured_data import iso, json_ld


def environment(**options: Any) -> Environment:
    # Django's Jinja2 backend passes autoescape=True in `options`.
    env = Environment(  # noqa: S701
        extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True, **options
    )
    env.install_gettext_translations(translation, newstyle=False)  # type: ignore[attr-defined]  # by jinja2.ext.i18n
    env.globals.update(
        static=static,
        url=edition_url,
        get_language=translation.get_language,
        edition_label=edition_label,
        cursor_param=cursor_to_param,
        article_url=article_url,
        teaser_html=teaser_html,
        top_html=top_html,
        views_shown=views_shown,
        views_from=views_from,
        views_to=views_to,
        ranked_html=ranked_html,
        # The frame every page shares, kept per edition (public/frame.py).
        brand_html=brand_html,
        sections_html=sections_html,
        footer_html=footer_html,
        thousands_separator=formatting.thousands_separator,
        # The sidebar's live block: on air, next, or neither, by the edition's schedule.
        live_block=live_block,
    )
    env.filters.update(
        feed_datetime=formatting.feed_datetime,
        iso_datetime=formatting.iso_datetime,
        views=formatting.views_count,
        full_date=formatting.full_date,
        clock=clock,
        # Structured data and link previews: the one safe serialiser, ISO 8601 with the zone.
        json_ld=json_ld,
        ld_datetime=iso,
        # Content in the edition's script: Latin on the Kazakh Latin edition.
        script=lambda text: in_script(text or ""),
        script_html=lambda html: html_in_script(html or ""),
        # A body's embeds as placeholders that load the provider only when asked.
        embeds=embeds_for_readers,
        # Text the CSS shows in capitals (badges, the sidebar's headings): on the Latin
        # edition written in capitals here, by the Latin alphabet.
        capitals=lambda text: in_capitals(str(text or "")),
    )
    return env
