"""Search in each edition's language and script: Russian word forms, Kazakh suffixes and
letters typed without their marks, Latin Kazakh read as Cyrillic and answered in Latin."""

import re

import pytest


def titles(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r'<h2 class="teaser-title"><a [^>]*>(.*?)</a>', html)]


@pytest.fixture
def russian(make_article, agency):
    return {
        "who": make_article(
            "Казахстан и ВОЗ укрепляют сотрудничество в здравоохранении",
            language="ru",
            body="<p>Министерство здравоохранения подписало дорожную карту с Всемирной организацией"
            " здравоохранения.</p>",
        ),
        "budget": make_article(
            "Мажилис одобрил бюджет Казахстана",
            language="ru",
            body="<p>Депутаты проголосовали за республиканский бюджет на три года.</p>",
        ),
        "toqaev": make_article(
            "Токаеву вручили верительные грамоты",
            language="ru",
            body="<p>Президент принял послов.</p>",
        ),
    }


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("здравоохранение", {"who"}),  # the story has "здравоохранении", "здравоохранения"
        ("Казахстан", {"who", "budget"}),  # "Казахстан", "Казахстана"
        ("КАЗАХСТАНЕ", {"who", "budget"}),
        ("бюджета", {"budget"}),
        ("Токаев", {"toqaev"}),  # "Токаеву": the surname's "-ев" is not a plural
        ("сотрудничества ВОЗ", {"who"}),
        ("сотрудничество бюджет", set()),  # every word must match
    ],
)
def test_russian_words_are_found_in_any_form(client, russian, query, found):
    html = client.get("/ru/search/", {"q": query}).content.decode()
    assert set(titles(html)) == {russian[name].title for name in found}


def test_the_russian_page_speaks_russian(client, russian):
    html = client.get("/ru/search/", {"q": "бюджет"}).content.decode()
    assert "Результаты поиска по запросу «бюджет»" in html
    assert "<mark>бюджет</mark>" in html
    html = client.get("/ru/search/", {"q": "ледник"}).content.decode()
    assert "Нет материалов, в которых есть все эти слова." in html


@pytest.fixture
def kazakh(make_article, agency):
    return {
        "health": make_article(
            "Денсаулық сақтау саласындағы ынтымақтастық",
            language="kk",
            body="<p>Қазақстан мен ДДСҰ халықтың денсаулығын нығайту жөніндегі жол картасына қол қойды.</p>",
        ),
        "hospitals": make_article(
            "Астанада жаңа ауруханалар ашылды",
            language="kk",
            body="<p>Ауруханалар елорда тұрғындарының денсаулығына қызмет етеді.</p>",
        ),
        "budget": make_article(
            "Мәжіліс Қазақстанның бюджетін мақұлдады",
            language="kk",
            body="<p>Депутаттар үш жылдық бюджетке дауыс берді.</p>",
        ),
    }


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("денсаулық", {"health", "hospitals"}),  # "денсаулығын", "денсаулығына"
        ("денсаулыгы", {"health", "hospitals"}),  # typed without ғ
        ("Қазақстан", {"health", "budget"}),  # "Қазақстан", "Қазақстанның"
        ("казакстан", {"health", "budget"}),
        ("бюджеттің", {"budget"}),
        ("аурухана", {"hospitals"}),
    ],
)
def test_kazakh_words_are_found_in_any_form(client, kazakh, query, found):
    html = client.get("/kk/search/", {"q": query}).content.decode()
    assert set(titles(html)) == {kazakh[name].title for name in found}


def test_latin_kazakh_finds_the_kazakh_stories_and_answers_in_latin(client, kazakh):
    response = client.get("/kk-latn/search/", {"q": "densaulyq"})
    assert response.status_code == 200
    html = response.content.decode()
    assert set(titles(html)) == {"Densaulyq saqtau salasyndağy yntymaqtastyq", "Astanada jaña auruhanalar aşyldy"}
    assert "<mark>Densaulyq</mark>" in html
    assert not re.search("[а-яәғқңөұүһі]", html.split('<main id="main"')[1].split("</main>")[0], re.I)
    # typed on a plain keyboard, and as the 2017 apostrophes wrote it
    assert set(titles(client.get("/kk-latn/search/", {"q": "Qazaqstan"}).content.decode())) == {
        "Densaulyq saqtau salasyndağy yntymaqtastyq",
        "Mäjılıs Qazaqstannyñ biudjetın maqūldady",
    }


def test_each_edition_searches_its_own_language(client, kazakh, russian, make_article):
    make_article("Kazakhstan approves the budget", language="en")
    assert titles(client.get("/en/search/", {"q": "budget"}).content.decode()) == ["Kazakhstan approves the budget"]
    assert titles(client.get("/kk/search/", {"q": "бюджет"}).content.decode()) == [kazakh["budget"].title]
    assert titles(client.get("/ru/search/", {"q": "бюджет"}).content.decode()) == [russian["budget"].title]
