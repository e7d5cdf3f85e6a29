"""The site the fault tests put under load: a few stories, a draft, an editor-in-chief.

In the test's own process (the test database), or in a subprocess on another database:

    python tests/faults/site.py build|report [json arguments]

with DATABASE_URL (and TEST_DATABASE_NAME) in the environment; prints JSON.
"""

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    import django
    from django.conf import settings

    if "TEST_DATABASE_NAME" in os.environ:
        settings.DATABASES["default"]["NAME"] = os.environ["TEST_DATABASE_NAME"]
    django.setup()

from django.contrib.auth.models import Permission, User
from django.db.models import Sum
from django.utils import timezone

from newsdesk.audience.models import FlushLog, ViewDay, ViewHour, ViewTotal
from newsdesk.content import services
from newsdesk.content.models import Article, Section
from newsdesk.newsroom import services as workflow
from newsdesk.newsroom.models import DeskMember, Revision

EDITOR = "faults-chief"
PASSWORD = "a long password for the faults tests"
STORIES = [
    ("en", "Astana hosts the regional water summit"),
    ("en", "Grain harvest beats the forecast in the north"),
    ("en", "New rail link to open between Almaty and Bishkek"),
    ("ru", "В Астане открылся региональный саммит по воде"),
    ("kk", "Астанада су мәселесі жөніндегі өңірлік саммит ашылды"),
]


def site_build() -> dict:
    """Make the stories, the editor's draft and the editor; say which pages to read."""
    section = Section.objects.create(slug="politics", name_en="Politics", name_ru="Политика", name_kk="Саясат")
    published = timezone.now() - timedelta(hours=1)
    stories = []
    for language, title in STORIES:
        draft = services.article_create(
            by=None, language=language, title=title, body="<p>First paragraph.</p>", section=section
        )
        stories.append(workflow.article_publish(article=draft, by=None, at=published))
    draft = services.article_create(
        by=None, language="en", title="A draft the desk keeps editing", body="<p>Draft.</p>", section=section
    )
    workflow.revision_record(article=draft, by=None)
    # An editor of the draft's section, with an editor's permissions given one by one (the
    # roles' groups are made by a migration, which a test database emptied by an earlier
    # test no longer holds). Not a superuser nor a chief editor: they must sign in with
    # two-factor, which a load of edits does not need to exercise (tests/accounts does).
    editor = User.objects.create_user(EDITOR, password=PASSWORD, is_staff=True)
    editor.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="content",
            codename__in=["view_article", "change_article", "edit_others_article", "view_section", "view_photo"],
        )
    )
    DeskMember.objects.create(user=editor).sections.set([section])
    kazakh = stories[-1]
    pages = ["/en/", "/ru/", "/kk/", "/kk-latn/", section.get_absolute_url("en")]
    pages += [story.get_absolute_url() for story in stories]
    pages.append(kazakh.get_absolute_url().replace("/kk/", "/kk-latn/", 1))
    return {
        "pages": pages,
        # A story's address without its slug: a redirect found in the database, never stored.
        "needs_database": [f"/en/news/{story.pk}/" for story in stories[:3]],
        "beacon_articles": [story.pk for story in stories if story.language == "en"],
        "draft": {"id": draft.pk, "section": section.pk, "version": Article.objects.get(pk=draft.pk).version},
    }


def site_report(*, article_ids: list[int], draft_id: int) -> dict:
    """What is stored: the views (total, hourly, daily, flushed from Redis) and the draft's edits."""
    draft = Article.objects.get(pk=draft_id)
    revisions = Revision.objects.filter(article_id=draft_id).order_by("number")
    return {
        "total": ViewTotal.objects.filter(article_id__in=article_ids).aggregate(s=Sum("views"))["s"] or 0,
        "hours": ViewHour.objects.filter(article_id__in=article_ids).aggregate(s=Sum("views"))["s"] or 0,
        "days": ViewDay.objects.filter(article_id__in=article_ids).aggregate(s=Sum("views"))["s"] or 0,
        "flushed": FlushLog.objects.aggregate(s=Sum("views"))["s"] or 0,
        "draft": {"title": draft.title, "body": draft.body, "version": draft.version},
        "revisions": [{"number": r.number, "title": r.title, "body": r.body} for r in revisions],
    }


if __name__ == "__main__":
    what = sys.argv[1]
    arguments = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    print(json.dumps(site_build() if what == "build" else site_report(**arguments)))
