"""The demo's desk: work in progress on the front page, made once."""

from django.utils import timezone

from newsdesk.content.models import Article, Section
from newsdesk.demo.accounts import create_demo_accounts
from newsdesk.demo.desk import SCHEDULED, SENT_BACK, WAITING, desk_day_create
from newsdesk.newsroom.desk_home import desk_home
from newsdesk.newsroom.models import Notification
from tests.conftest import ALMATY


def test_the_demo_desk_has_a_story_sent_back_one_waiting_and_one_scheduled(db, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    Section.objects.create(slug="politics", name_en="Politics")
    create_demo_accounts()
    desk_day_create()
    desk_day_create()  # a second load adds nothing
    assert Article.objects.filter(title__in=[SENT_BACK, WAITING, SCHEDULED]).count() == 3
    journalist = Article.objects.get(title=SENT_BACK).created_by
    desk = desk_home(user=journalist, now=timezone.now(), zone=ALMATY)
    assert [a.title for a in desk.sent_back.stories] == [SENT_BACK]
    assert Notification.objects.filter(recipient=journalist, kind=Notification.Kind.SENT_BACK).exists()
