"""The public pages' words as a native reader of Russian and Kazakh reviewed them
(bylines' roles as nouns, the share block, the pager, Most viewed's lists)."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from newsdesk.audience.services import views_add
from newsdesk.content.authors import Author
from newsdesk.content.models import Byline

ROLES = {
    "ru": ["Корреспондент", "Автор", "Переводчик", "Фотограф", "Редактор"],
    "kk": ["Тілші", "Автор", "Аудармашы", "Фототілші", "Редактор"],
    "kk-latn": ["Tılşı", "Avtor", "Audarmaşy", "Fototılşı", "Redaktor"],
}


@pytest.mark.parametrize("edition", ["ru", "kk", "kk-latn"])
def test_bylines_name_the_role_with_a_noun(client, make_article, agency, edition):
    article = make_article("Жаңалық", language=edition.removesuffix("-latn"))
    for position, role in enumerate(Byline.Role):
        author = Author.objects.create(name=f"Асқар {position}")
        Byline.objects.create(article=article, author=author, role=role, position=position)
    html = client.get(f"/{edition}/news/{article.pk}-{article.slug}/").content.decode()
    roles = re.findall(r'<span class="byline">([^<]+?) <a', html)
    assert roles == ROLES[edition]
    assert "Хабарлаған" not in html and "Xabarlağan" not in html  # the participle the review refused


@pytest.mark.parametrize(("edition", "share"), [("ru", "Поделиться"), ("kk", "Бөлісу"), ("kk-latn", "Bölısu")])
def test_the_share_block_says_share(client, make_article, agency, edition, share):
    article = make_article("Жаңалық", language=edition.removesuffix("-latn"))
    html = client.get(f"/{edition}/news/{article.pk}-{article.slug}/").content.decode()
    assert f'<h2 id="share-heading">{share}</h2>' in html


@pytest.mark.parametrize(
    ("edition", "newer", "older"),
    [("ru", "Более свежие", "Более ранние"), ("kk", "Кейінгі жаңалықтар", "Бұрынғы жаңалықтар")],
)
def test_the_pager_reads_naturally(client, make_article, settings, edition, newer, older):
    settings.NEWSDESK = {**settings.NEWSDESK, "FEED_PAGE_SIZE": 2, "FRONT_SECONDARY": 1}
    for n in range(5):  # the top story, a secondary one, then two in the feed and older ones
        make_article(f"Жаңалық {n}", language=edition, ago=timedelta(hours=n + 1))
    first = client.get(f"/{edition}/").content.decode()
    assert f">{older}</a>" in first and newer not in first
    second = client.get(f"/{edition}/" + re.search(r'href="(\?before=[^"]+)"', first)[1]).content.decode()
    assert 'rel="prev" href="?after=' in second and f">{newer}</a>" in second
    assert "более новые новости" not in second.lower() and "Жаңарақ" not in second


@pytest.mark.parametrize(
    ("edition", "lists"),
    [
        ("ru", ["За сутки", "За неделю", "За месяц"]),
        ("kk", ["Тәулік", "Апта", "Ай"]),
        ("kk-latn", ["Täulık", "Apta", "Ai"]),
    ],
)
def test_most_viewed_names_its_lists_as_news_sites_do(client, make_article, edition, lists):
    article = make_article("Жаңалық", language=edition.removesuffix("-latn"))
    views_add(article_id=article.pk, views=3, zone=ZoneInfo("Asia/Almaty"))
    html = client.get(f"/{edition}/").content.decode()
    most_viewed = html[html.index('<section class="most-viewed"') :]
    assert re.findall(r"<h3>([^<]+)</h3>", most_viewed)[:3] == lists
