"""Kazakh endings for search's light stemmer (kazakh.py): data only.

Each row lists the spellings of one ending (back vowel, then front: "ның нің") and what the
word left before it may end in, the letter classes that choose the ending's first consonant:
"-ты" follows a voiceless consonant, so "аты" (its name) is ат-ы, never а-ты.

The stemmer matches everything folded (ә as а, ң as н, і as и…, the letters readers type
without), so the classes below hold a letter and, when folded, what it folds to: "и" stands
for і too and "у" for ұ and ү, which is why both are vowels here and closing consonants as well.
"""

from typing import NamedTuple

# The Kazakh letters people type without their marks, and what they type instead.
FOLD_FROM = "әғқңөұүһі"
FOLD_TO = "агкноуухи"


class Row(NamedTuple):
    """Spellings of one ending that share what may precede them."""

    suffixes: str  # space-separated; a pair is back vowel then front vowel
    after: tuple[str, ...] = ()  # endings the word before it may have; empty: see `needs`
    not_participle: bool = False  # not where the word before it, with its "н", is a participle
    needs: str = ""  # a case that only follows a possessive: the possessive's person
    person: str = ""  # a possessive: whose ("1/2", "3", "pl")


# What the stem ends in.
VOWELS = tuple("аәеиоөұүуыіэюя")
NASALS = tuple("мнң")
SONORANTS = tuple("лрйуи")  # у and и close a syllable as й does: "суы", "таксиді"
SIBILANTS = tuple("жз")
# б в г д ғ end loans and take voiceless endings as the newsroom writes them: "клубқа".
VOICELESS = tuple("кқпстшфхһцчщбвгдғ")
VOICED = NASALS + SONORANTS + SIBILANTS
CONSONANTS = VOICED + VOICELESS
# Vowels that are only vowels (not у, и): "-сың" follows these.
OPEN_VOWELS = tuple("аәеоөэюя")
# The stems of two letters that end in a vowel (others are too short to be stems: "күні" is
# күн-і, not кү-ні).
SHORT_STEMS = ("су", "ми", "би")
# Before "-ны", "-ның": a vowel, but not о, ө, у, ұ, ү, after which the "н" is more often a
# stem's own with the 3rd person's "-ы" (регионы, миллионы, құны) than a case's.
UNROUNDED_VOWELS = tuple("аәеиыіэюя")
# Before the 3rd person's "-сы": a vowel, but "ы"/"і" only in a few stems ending so ("басшы",
# "қаржы", "жалақы"), since "жұмысы", "облысы" are "-с" stems with "-ы".
BEFORE_SY = (*OPEN_VOWELS, "шы", "ші", "жы", "жі", "қы", "кі")

# Person endings on a noun ("мұғаліммін", "қазақпыз"). Never after a vowel (nor у, и, which
# may be ұ, і), where they read as a possessive with "-н": "адамын", "білімін" are
# адам-ы-н, білім-і-н. 2sg only after an open vowel; the polite "-сыз" is left out, being
# also "without" (сусыз).
AFTER_SONORANT = (*NASALS, "л", "р", "й")
PREDICATIVES = (
    Row("мын мін", AFTER_SONORANT),  # 1sg
    Row("бын бін", SIBILANTS),
    Row("пын пін", VOICELESS),
    Row("сың сің", OPEN_VOWELS),  # 2sg
    Row("мыз міз", AFTER_SONORANT),  # 1pl
    Row("быз біз", SIBILANTS),
    Row("пыз піз", VOICELESS),
)

CASES = (
    # Genitive: whose.
    Row("ның нің", UNROUNDED_VOWELS + NASALS, not_participle=True),  # айтқанын (folded) is айтқан-ы-н
    Row("дың дің", SONORANTS + SIBILANTS),
    Row("тың тің", VOICELESS),
    # Dative: to, for.
    Row("ға ге", VOWELS + VOICED),
    Row("қа ке", VOICELESS),
    Row("на не", needs="3"),  # қаласына
    Row("а е", needs="1/2"),  # еліме, жеріңе
    # Accusative.
    Row("ны ні", UNROUNDED_VOWELS, not_participle=True),  # болғаны is болған-ы
    Row("ды ді", VOICED),
    Row("ты ті", VOICELESS),
    Row("н", needs="3"),  # қаласын, білімін
    # Locative: in, at.
    Row("да де", VOWELS + VOICED),
    Row("та те", VOICELESS),
    Row("нда нде", needs="3"),
    # Ablative: from.
    Row("дан ден", VOWELS + SONORANTS + SIBILANTS),
    Row("тан тен", VOICELESS),
    Row("нан нен", NASALS),
    Row("нан нен", needs="3"),
    # Instrumental: with (one spelling for both harmonies).
    Row("мен", VOWELS + NASALS + SONORANTS),
    Row("бен", SIBILANTS),
    Row("пен", VOICELESS),
    # Locative made adjective: which is in.
    Row("дағы дегі", VOWELS + VOICED),
    Row("тағы тегі", VOICELESS),
    Row("ндағы ндегі", needs="3"),
    # Relational adjective: of (жылғы, бүгінгі, ішкі). Only after a consonant: after a vowel
    # "-ғы" is a "-қ" stem's possessive (денсаулығы).
    Row("ғы гі", AFTER_SONORANT + SIBILANTS),
    Row("қы кі", VOICELESS),
)

# Possessives. 1sg and 2sg only before the dative "-а/-е", the one case that tells them from
# a stem's own "-м", "-н" (білімнің is білім's, ауданның аудан's), and only after a consonant:
# after a vowel "-ма", "-ңа" end бағдарлама, аурухана, Астана.
POSSESSIVES = (
    Row("ым ім", CONSONANTS, person="1/2"),  # 1sg
    Row("ың ің", CONSONANTS, person="1/2"),  # 2sg
    Row("сы сі", BEFORE_SY, person="3"),  # 3rd
    Row("ы і", CONSONANTS, person="3"),
    Row("мыз міз", VOWELS, person="pl"),  # 1pl
    Row("ымыз іміз", CONSONANTS, person="pl"),
    Row("ңыз ңіз", VOWELS, person="pl"),  # 2pl and polite 2sg
    Row("ыңыз іңіз", CONSONANTS, person="pl"),
)

PLURALS = (
    Row("лар лер", (*VOWELS, "р", "й", "у", "и")),
    Row("дар дер", ("л", *NASALS, *SIBILANTS)),
    Row("тар тер", VOICELESS),
)

# Participle: who did, which was done (болған, келгендер), before any nominal ending.
PARTICIPLES = (
    Row("ған ген", VOWELS + VOICED),
    Row("қан кен", VOICELESS),
)
# Converb: having done (болып, жасап). It takes nothing after it: only where the word ends so.
CONVERBS = (
    Row("ып іп", CONSONANTS),
    Row("п", VOWELS),
)

# The stem's last consonant voiced before a vowel (кітап, кітабы), undone at every stem's end
# so that loans meet too (клуб, клубы).
VOICING = {"ғ": "қ", "г": "к", "б": "п"}

# Stems that drop their last vowel before one (халық, халқы): the stem left, folded, and the
# stem as it is written.
DROPPED_VOWEL = {
    "халк": "халық",
    "нарк": "нарық",
    "кулк": "құлық",
    "ырк": "ырық",
    "ерк": "ерік",
    "мулк": "мүлік",
    "орн": "орын",
    "касипорн": "кәсіпорын",
    "ерн": "ерін",
    "мурн": "мұрын",
    "карн": "қарын",
    "мойн": "мойын",
    "койн": "қойын",
    "ауз": "ауыз",
    "даус": "дауыс",
    "баур": "бауыр",
    "гумр": "ғұмыр",
    "парз": "парыз",
    "конл": "көңіл",
    "арп": "әріп",
}

# Words that merely end like an ending. None is cut into, whatever follows it ("ақынның" is
# ақын's, not ақ's with a 2sg possessive), and what follows one is an ending whatever its
# first letter ("жартысы" is жарты-сы, though "-сы" rarely follows "-ы").
PROTECTED = frozenset(
    [
        # Names in -стан: "-тан" after "-с" is an ablative (облыстан).
        "қазақстан",
        "казахстан",
        "өзбекстан",
        "қырғызстан",
        "тәжікстан",
        "түрікменстан",
        "ауғанстан",
        "пәкістан",
        "үндістан",
        "түркістан",
        "дағыстан",
        "татарстан",
        "башқұртстан",
        # Places and names that end like a case or a plural when bare.
        "алматы",
        "қарағанды",
        "қызылорда",
        "өскемен",
        "канада",
        "бейжің",
        "берлин",
        "путин",
        "байден",
        "мұхтар",
        # "-ын/-ін" read as a possessive with the accusative "-н".
        "ақын",
        "орын",
        "кәсіпорын",
        "бүгін",
        "үшін",
        "кейін",
        "дейін",
        "бұрын",
        "жақын",
        "ойын",
        "тегін",
        "мұрын",
        "ерін",
        "қарын",
        "мойын",
        "жауын",
        "тұрғын",
        "келін",
        "жалын",
        "ұзын",
        "еркін",
        "толқын",
        "жиын",
        "шығын",
        "ағын",
        "тасқын",
        "егін",
        "дайын",
        "сайын",
        "қиын",
        "іні",
        "шағын",
        "науқан",
        # "-н" stems whose possessive "-ы/-і" would read as the accusative "-ны/-ні".
        "аудан",
        "заман",
        "отан",
        "отбасы",
        "маман",
        "кезең",
        "дүкен",
        "өзен",
        "арман",
        "өлең",
        "екен",
        "қазан",
        # "-с" stems whose "-ы/-і" would read as the 3rd person's "-сы/-сі".
        "кеңес",
        "күрес",
        "науқас",
        "қатынас",
        "бизнес",
        "үлес",
        # "-ған" as if a participle.
        "орган",
        "ураган",
        "қорған",
        "жалған",
        # "-п/-ып" as if a converb.
        "кітап",
        "мектеп",
        "талап",
        "есеп",
        "зардап",
        "әдеп",
        "сауап",
        "жауап",
        "себеп",
        "тарап",
        "азап",
        "шарап",
        "айып",
        "кәсіп",
        "өнеркәсіп",
        "әріп",
        "құлып",
        "принцип",
        # A case or a plural.
        "теңге",
        "бірге",
        "өзге",
        "команда",
        "олимпиада",
        "сауда",
        "дәптер",
        "салдар",
        "мақта",
        "орда",
        "апта",
        "кесте",
        "ескі",
        "қатты",
        "гектар",
        "тендер",
        "онда",
        "мұнда",
        "сонда",
        # The 3rd person's "-ы/-і".
        "тағы",
        "ақы",
        "әлі",
        "әрі",
        "әрине",
        "әлде",
        "ұлы",
        "ірі",
        "жарты",
        # Numbers.
        "екі",
        "алты",
        "жеті",
    ]
)
