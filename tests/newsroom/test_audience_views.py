from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from newsdesk.audience import selectors as charts
from newsdesk.audience.services import views_add
from newsdesk.newsroom.audience_views import bar_chart_svg
from tests.newsroom.conftest import staff

ALMATY = ZoneInfo("Asia/Almaty")


def test_an_article_chart_has_hours_for_two_days_then_days(make_article):
    published = (timezone.now() - timedelta(days=5)).replace(minute=0, second=0, microsecond=0)
    article = make_article(at=published)
    views_add(article_id=article.pk, views=40, at=published + timedelta(minutes=10), zone=ALMATY)
    views_add(article_id=article.pk, views=7, at=published + timedelta(hours=30), zone=ALMATY)
    views_add(article_id=article.pk, views=3, at=published + timedelta(days=4), zone=ALMATY)
    hours = charts.article_hours(article=article, zone=ALMATY)
    assert len(hours) == 48 and hours[0].views == 40 and sum(b.views for b in hours) == 47
    days = charts.article_days(article=article, zone=ALMATY)
    assert sum(b.views for b in days) == 3
    svg = bar_chart_svg(hours, title="Views <per> hour")
    assert svg.startswith("<svg") and "Views &lt;per&gt; hour" in svg and svg.count("<rect") == 48


def test_the_top_list_sums_any_period(make_article):
    a, b = make_article("A"), make_article("B")
    today = timezone.localdate(timezone=ALMATY)
    views_add(article_id=a.pk, views=10, at=timezone.now() - timedelta(days=20), zone=ALMATY)
    views_add(article_id=b.pk, views=4, zone=ALMATY)
    assert [(e.article.title, e.views) for e in charts.top_articles(start=today, end=today)] == [("B", 4)]
    month = charts.top_articles(start=today - timedelta(days=30), end=today)
    assert [(e.article.title, e.views) for e in month] == [("A", 10), ("B", 4)]


def test_editors_see_the_chart_and_the_top_list_in_the_back_office(client, make_article):
    from newsdesk.newsroom import roles

    article = make_article()
    views_add(article_id=article.pk, views=12, zone=ALMATY)
    client.force_login(staff("editor", roles.EDITOR))
    chart = client.get(f"/admin/content/article/{article.pk}/views/")
    assert chart.status_code == 200 and "<svg" in chart.content.decode() and "12 views in all" in chart.content.decode()
    top = client.get("/admin/content/article/most-viewed/?start=bogus&end=2026-13-01&language=xx")
    assert top.status_code == 200 and article.title in top.content.decode()
