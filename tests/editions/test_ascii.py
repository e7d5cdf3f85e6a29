import pytest

from newsdesk.content.text import make_slug
from newsdesk.editions.ascii import normalize


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Казахстан и ВОЗ укрепляют сотрудничество", "kazakhstan-i-voz-ukrepliaiut-sotrudnichestvo"),
        ("Қазақстан мен ДДСҰ ынтымақтастықты нығайтады", "qazaqstan-men-ddsu-yntymaqtastyqty-nygaitady"),
        ("Щучинск — 2025: съезд", "shchuchinsk-2025-sezd"),
        ("Kazakh Room Reopened at the Palais des Nations", "kazakh-room-reopened-at-the-palais-des-nations"),
        ("«Астана Опера» в Омане", "astana-opera-v-omane"),
    ],
)
def test_slugs_from_any_edition_are_readable_ascii(title, slug):
    assert make_slug(title) == slug


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Қазақстaн", "Қазақстан"),  # a Latin a
        ("бiлiм берy", "білім беру"),  # Latin i and y
        ("Əлем жаңалықтары", "Әлем жаңалықтары"),  # the schwa of Latin keyboards
        ("Google және COVID-19", "Google және COVID-19"),  # Latin words stay Latin
        ("Astana Opera", "Astana Opera"),
        ("Azərbaycan және Qazaqstan", "Azərbaycan және Qazaqstan"),  # a Latin schwa in a Latin word stays
    ],
)
def test_what_people_type_is_normalised_for_search_and_slugs(typed, meant):
    assert normalize(typed) == meant


def test_a_mistyped_title_gives_the_same_slug_as_a_clean_one():
    assert make_slug("Қазақстaн бiлiм") == make_slug("Қазақстан білім")
