"""The demo's desk: a morning's work in progress, so the front page, notifications and
calendar have something to show (a story sent back with a comment, one waiting for
review, one scheduled for later today). Made through the workflow's services, as people
would; a second load leaves what the first made."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from newsdesk.content.models import Article, Section
from newsdesk.newsroom import services

# In Russian, as most of the desk writes.
SENT_BACK = "Степной пожар под Карагандой локализован"
WAITING = "В Астане открывается новая линия LRT"
SCHEDULED = "Нацбанк объявит базовую ставку"
STORIES = 3


def desk_day_create() -> None:
    User = get_user_model()
    journalist = User.objects.filter(username="journalist").first()
    editor = User.objects.filter(username="editor").first()
    section = Section.objects.order_by("position", "pk").first()
    if journalist is None or editor is None or section is None:
        return
    if Article.objects.filter(title__in=[SENT_BACK, WAITING, SCHEDULED]).exists():
        return

    def written(title: str, body: str) -> Article:
        article = Article(language="ru", title=title, body=f"<p>{body}</p>", section=section)
        return services.article_save(article=article, by=journalist)

    returned = written(SENT_BACK, "Пожарные работали всю ночь.")
    services.article_submit(article=returned, by=journalist)
    services.article_send_back(article=returned, by=editor, comment="Сколько гектаров сгорело и кто назвал цифру?")
    services.article_submit(article=written(WAITING, "Первые поезда пойдут в понедельник."), by=journalist)
    scheduled = written(SCHEDULED, "Решение ожидается в полдень.")
    services.article_submit(article=scheduled, by=journalist)
    services.article_publish(article=scheduled, by=editor, at=timezone.now() + timedelta(hours=3))
