"""The Kazakh Latin alphabet of 2021, on whole sentences."""

import pytest

from newsdesk.editions.latin import html_to_latin, latin_upper, to_latin


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        (
            "Қазақстан Республикасының Президенті Қасым-Жомарт Тоқаев Астанада сөз сөйледі.",
            "Qazaqstan Respublikasynyñ Prezidentı Qasym-Jomart Toqaev Astanada söz söiledı.",
        ),
        ("Ұлы дала елі – біздің ортақ үйіміз.", "Ūly dala elı – bızdıñ ortaq üiımız."),
        ("Шығыс Қазақстан облысында қар жауды.", "Şyğys Qazaqstan oblysynda qar jaudy."),
        # І is I, and i in lower case is the dotless ı; И and Й are İ, and i.
        ("Інжу мен Ирина ИІС сезді: иіс, ійін.", "Inju men İrina İIS sezdı: iıs, ıiın."),
        # Letters outside the alphabet: Ё, Ю, Я, Ц, Ч, Щ, Э; Ъ and Ь are dropped.
        (
            "Юрий Ясауи мен Ёлка, Цемент, Чемпион, Щучинск, Экспо.",
            "İurii İasaui men İolka, Tsement, Tşempion, Şşutşinsk, Ekspo.",
        ),
        ("Съезд пен пальто.", "Sezd pen palto."),
        # A word in capitals stays in capitals, two-letter sounds included.
        ("ЧАЙ ІШТІ. ЮНЕСКО мен ЦСКА.", "TŞAİ IŞTI. İUNESKO men TSSKA."),
        ("Hello, 2025 жыл! COVID-19.", "Hello, 2025 jyl! COVID-19."),
    ],
)
def test_sentences(cyrillic, latin):
    assert to_latin(cyrillic) == latin


def test_every_kazakh_letter_has_an_upper_and_a_lower_form():
    text = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
    latin = to_latin(text)
    assert not any("А" <= ch <= "я" or ch in "ӘәҒғҚқҢңӨөҰұҮүҺһІіЁё" for ch in latin)
    assert latin == ("AÄBVGĞDEİOJZİİKQLMNÑOÖPRSTUŪÜFHHTSTŞŞŞŞYIEİUİA aäbvgğdeiojziikqlmnñoöprstuūüfhhtstşşşşyıeiuia")


def test_the_capitals_of_yo_yu_ya_begin_with_the_dotted_i():
    assert to_latin("Мелитта Якаб, Юникод, ЯНВАРЬ, Ёлка") == "Melitta İakab, İunikod, İANVAR, İolka"


def test_editors_corrections_stick_and_follow_the_case():
    corrections = {"тоқаев": "toqaev", "нұр-сұлтан": "nur-sultan"}
    assert to_latin("Тоқаев, ТОҚАЕВ және тоқаев", corrections) == "Toqaev, TOQAEV jäne toqaev"


def test_latin_capitals_of_i_and_dotless_i_are_written_out():
    assert latin_upper("iı") == "İI"


def test_html_keeps_tags_and_addresses_and_transliterates_text_and_alt():
    html = '<p>Сәлем, <a href="https://gov.kz/қазақ">Астана</a> <img src="/media/a.jpg" alt="Бәйтерек"></p>'
    assert html_to_latin(html) == (
        '<p>Sälem, <a href="https://gov.kz/қазақ">Astana</a> <img src="/media/a.jpg" alt="Bäiterek"></p>'
    )


@pytest.mark.parametrize(
    "latin",
    [
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        'toqaev" onerror="alert(1)',
        "a&amp;b",
        "<b>toqaev</b>",
    ],
)
def test_a_spelling_is_text_in_html_whatever_it_holds(latin):
    """Spellings are refused with markup; one stored before that is still only text."""
    html = '<p>Тоқаев сөйледі.</p><p><img src="/media/a.jpg" alt="Тоқаев"></p>'
    out = html_to_latin(html, {"тоқаев": latin})
    assert "<meta" not in out and "<b>" not in out and 'onerror="' not in out
    assert out.count('"') == html.count('"')  # nothing broke out of an attribute
    assert out.startswith("<p>") and "söiledı." in out


def test_the_back_office_refuses_markup_in_a_spelling(admin_client):
    from newsdesk.editions.models import Transliteration

    for latin in ('<meta http-equiv="refresh" content="0">', 'toqaev" onerror="x', "toq&aev", "toqaev<"):
        response = admin_client.post("/admin/editions/transliteration/add/", {"cyrillic": "тоқаев", "latin": latin})
        assert response.status_code == 200 and "errornote" in response.content.decode(), latin
    assert not Transliteration.objects.exists()
    response = admin_client.post("/admin/editions/transliteration/add/", {"cyrillic": "тоқаев", "latin": "Toqaev"})
    assert response.status_code == 302
    assert Transliteration.objects.get().latin == "toqaev"  # stored in lower case, as the help text asks


# The 2021 alphabet (and this site's choices for the letters outside it: ё ю я, ц ч щ,
# э, ъ ь), written out independently of latin.LETTERS: Cyrillic lower case → the Latin
# letter in lower case, at the start of a capitalised word, and inside a word in capitals.
ALPHABET_2021 = """
а a A A        ә ä Ä Ä        б b B B        в v V V        г g G G        ғ ğ Ğ Ğ
д d D D        е e E E        ё io İo İO     ж j J J        з z Z Z        и i İ İ
й i İ İ        к k K K        қ q Q Q        л l L L        м m M M        н n N N
ң ñ Ñ Ñ        о o O O        ө ö Ö Ö        п p P P        р r R R        с s S S
т t T T        у u U U        ұ ū Ū Ū        ү ü Ü Ü        ф f F F        х h H H
һ h H H        ц ts Ts TS     ч tş Tş TŞ     ш ş Ş Ş        щ şş Şş ŞŞ     ъ - - -
ы y Y Y        і ı I I        ь - - -        э e E E        ю iu İu İU     я ia İa İA
"""
CASE_FORMS = {
    cyrillic: tuple("" if form == "-" else form for form in forms)
    for cyrillic, *forms in (
        cell.split() for line in ALPHABET_2021.strip().splitlines() for cell in line.split("  ") if cell.strip()
    )
}


def test_the_table_covers_every_letter_of_kazakh_and_russian_cyrillic():
    assert "".join(sorted(CASE_FORMS)) == "".join(sorted("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"))


@pytest.mark.parametrize("cyrillic", sorted(CASE_FORMS))
def test_every_letter_in_its_three_case_forms(cyrillic):
    """In lower case, at the start of a capitalised word (Якаб → İakab) and in a word in
    capitals (ЯНВАРЬ → İANVAR): I is the capital of ı (і) and İ of i (и, й, and so the
    first letter of ё, ю, я)."""
    lower, title, upper = CASE_FORMS[cyrillic]
    capital = cyrillic.upper()
    assert to_latin(f"б{cyrillic}б") == f"b{lower}b"
    assert to_latin(f"{capital}бб") == f"{title}bb"
    assert to_latin(f"Б{capital}Б") == f"B{upper}B"
    assert to_latin(f"{capital}ББ") == f"{upper}BB"
    assert latin_upper(lower) == upper  # the server's capitals (the `capitals` filter) agree
