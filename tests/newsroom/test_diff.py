"""What changed between two revisions: words, not characters; what a reader reads, escaped;
the section, tags, photo, bylines and source as each revision recorded them."""

import pytest

from newsdesk.newsroom.diff import (
    FOLD_FROM,
    body_paragraphs,
    field_diffs,
    marked_words,
    paragraph_rows,
    revision_diff,
    tokens,
)
from newsdesk.newsroom.models import Revision
from newsdesk.newsroom.snapshots import Credit, Named, Snapshot


def test_words_keep_their_letters_in_any_script_and_punctuation_stands_apart():
    words = [t.text for t in tokens("Қасым-Жомарт Тоқаев: «бюджет 34,5 млрд теңге», 10:30.")]
    assert words == ["Қасым-Жомарт", "Тоқаев", ":", "«", "бюджет", "34,5", "млрд", "теңге", "»", ",", "10:30", "."]


def test_a_russian_sentence_marks_the_changed_words_only():
    before, after = marked_words(
        "Морозы до минус 35 градусов ожидаются в Астане.", "Морозы до минус 25 градусов ожидаются в Астане и Караганде."
    )
    assert before == "Морозы до минус <del>35</del> градусов ожидаются в Астане."
    assert after == "Морозы до минус <ins>25</ins> градусов ожидаются в Астане <ins>и Караганде</ins>."


def test_a_kazakh_sentence_marks_whole_words_not_letters():
    before, after = marked_words("Астанада қар жауады.", "Астанада қатты қар жауды.")
    assert before == "Астанада қар <del>жауады</del>."
    assert after == "Астанада <ins>қатты</ins> қар <ins>жауды</ins>."


def test_punctuation_is_marked_against_its_word():
    before, after = marked_words("The minister said.", "The minister said, on Friday.")
    assert before == "The minister said."
    assert after == "The minister said<ins>, on Friday</ins>."


def test_a_replaced_word_is_deleted_on_the_left_and_inserted_on_the_right():
    before, after = marked_words("Snow in Astana today", "Snow in Almaty today")
    assert (before, after) == ("Snow in <del>Astana</del> today", "Snow in <ins>Almaty</ins> today")


def test_markup_in_the_text_is_escaped_word_by_word():
    before, after = marked_words("Safe text", "Safe <script>alert(1)</script> text")
    assert "<script>" not in after and "&lt;script&gt;alert(1)&lt;/script&gt;" in after.replace("</ins>", "").replace(
        "<ins>", ""
    )
    assert before == "Safe text"


def test_the_body_is_compared_as_readers_read_it():
    body = "<p>Snow &amp; fog.</p><h2>Roads</h2><ul><li>Closed</li></ul><script>alert(1)</script><p>&lt;b&gt;</p>"
    assert body_paragraphs(body) == ["Snow & fog.", "Roads", "Closed", "<b>"]


def test_paragraphs_are_paired_with_their_rewritten_selves():
    before = ["The akim spoke.", "Schools close on Friday in Astana.", "Roads are icy."]
    after = ["The akim spoke.", "A new paragraph about buses.", "Schools close on Monday in Astana.", "Roads are icy."]
    rows = paragraph_rows(before, after)
    assert [row.changed for row in rows] == [False, True, True, False]
    assert rows[1].before is None and rows[1].after == "<ins>A new paragraph about buses.</ins>"
    assert rows[2].before == "Schools close on <del>Friday</del> in Astana."
    assert rows[2].after == "Schools close on <ins>Monday</ins> in Astana."


def test_a_paragraph_rewritten_beyond_recognition_shows_beside_its_replacement():
    rows = paragraph_rows(["Snow."], ["Completely different words here."])
    assert len(rows) == 1 and rows[0].before == "<del>Snow.</del>"
    assert rows[0].after == "<ins>Completely different words here.</ins>"


def _revision(number, *, title="Snow in Astana", lead="", body="<p>Snow.</p>", snapshot=None) -> Revision:
    return Revision(number=number, title=title, lead=lead, body=body, snapshot=snapshot)


def test_a_script_in_a_revision_shows_as_text_and_never_as_markup():
    older = _revision(1, body="<p>Safe.</p>")
    newer = _revision(2, title="<script>alert('t')</script>", body="<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    texts = revision_diff(older, newer).texts
    shown = str(texts[0].blocks[0].rows[0].after) + str(texts[2].blocks[0].rows[0].after)
    assert "<script>" not in shown
    assert "&lt;script&gt;" in shown and "alert" in shown


def test_long_runs_of_unchanged_paragraphs_are_folded():
    same = [f"<p>Paragraph {n}.</p>" for n in range(FOLD_FROM + 2)]
    older = _revision(1, body="".join(same))
    newer = _revision(2, body="".join([*same, "<p>One more.</p>"]))
    body = revision_diff(older, newer).texts[2]
    assert body.changed and [(block.folded, len(block.rows)) for block in body.blocks] == [
        (True, FOLD_FROM + 2),
        (False, 1),
    ]
    title = revision_diff(older, newer).texts[0]
    assert not title.changed and not title.blocks[0].folded  # one unchanged line: shown plainly


POLITICS, ECONOMY = Named(1, "Politics"), Named(2, "Economy")
WHO, HEALTH = Named(10, "WHO"), Named(11, "Health")
AIGERIM, DANIYAR = Named(5, "Aigerim Sarsenova"), Named(6, "Daniyar Omarov")


def _snapshot(**fields) -> Snapshot:
    defaults = {
        "section": POLITICS,
        "tags": (WHO,),
        "photo": Named(7, "The meeting", "gov.kz"),
        "source": None,
        "bylines": (Credit(AIGERIM, "reported", 0),),
    }
    return Snapshot(**(defaults | fields))


def _field(diffs, label):
    return next(diff for diff in diffs if diff.label == label)


def test_each_field_is_compared_and_its_values_shown_before_and_after():
    older = _snapshot()
    newer = _snapshot(
        section=ECONOMY,
        tags=(HEALTH, WHO),
        photo=None,
        source=Named(3, "Kazinform"),
        bylines=(Credit(AIGERIM, "reported", 0), Credit(DANIYAR, "photo", 1)),
    )
    diffs = field_diffs(older, newer)
    assert [d.label for d in diffs] == ["Section", "Tags", "Photo", "Bylines", "Source"]
    assert all(diff.changed for diff in diffs)
    section = _field(diffs, "Section")
    assert [(s.text, s.changed) for s in section.before] == [("Politics", True)]
    assert [(s.text, s.changed) for s in section.after] == [("Economy", True)]
    tags = _field(diffs, "Tags")
    assert [(s.text, s.changed) for s in tags.after] == [("Health", True), ("WHO", False)]
    photo = _field(diffs, "Photo")
    assert [s.text for s in photo.before] == ["The meeting (gov.kz)"] and photo.after == []
    bylines = _field(diffs, "Bylines")
    assert [(s.text, s.changed) for s in bylines.after] == [
        ("Reported by Aigerim Sarsenova", False),
        ("Photo by Daniyar Omarov", True),
    ]


def test_a_tag_renamed_since_shows_what_each_revision_called_it_and_is_no_change():
    diffs = field_diffs(_snapshot(tags=(Named(10, "WHO"),)), _snapshot(tags=(Named(10, "World Health Organization"),)))
    tags = _field(diffs, "Tags")
    assert not tags.changed
    assert [s.text for s in tags.before] == ["WHO"] and [s.text for s in tags.after] == ["World Health Organization"]


def test_bylines_in_another_order_are_a_change_with_no_one_added():
    first = (Credit(AIGERIM, "reported", 0), Credit(DANIYAR, "reported", 1))
    diffs = field_diffs(_snapshot(bylines=first), _snapshot(bylines=tuple(reversed(first))))
    bylines = _field(diffs, "Bylines")
    assert bylines.changed and not any(s.changed for s in bylines.before + bylines.after)


@pytest.mark.parametrize("side", ["older", "newer", "both"])
def test_a_revision_that_recorded_nothing_is_not_recorded_not_different(side):
    recorded = _snapshot()
    older = None if side in ("older", "both") else recorded
    newer = None if side in ("newer", "both") else _snapshot(section=ECONOMY)
    for diff in field_diffs(older, newer):
        assert not diff.changed
        assert (diff.before is None) == (older is None) and (diff.after is None) == (newer is None)


def test_an_old_revision_without_a_snapshot_compares_its_text_all_the_same():
    older = _revision(1, body="<p>Snow.</p>")
    newer = _revision(2, body="<p>Snow and ice.</p>", snapshot={"section": {"id": 1, "name": "Politics"}, "tags": []})
    diff = revision_diff(older, newer)
    assert not diff.older_recorded and diff.newer_recorded
    assert diff.texts[2].changed and not any(field.changed for field in diff.fields)
    assert _field(diff.fields, "Section").before is None
    assert [s.text for s in _field(diff.fields, "Section").after] == ["Politics"]


def test_a_whole_long_body_rewritten_is_paired_in_order_in_good_time():
    before = [f"Old paragraph number {n} about the weather in Astana." for n in range(150)]
    after = [f"New paragraph number {n} about the roads in Almaty." for n in range(120)]
    rows = paragraph_rows(before, after)
    assert len(rows) == 150 and rows[0].before.startswith("<del>Old</del>") and rows[-1].after is None


def test_an_embed_is_a_paragraph_of_its_own():
    from newsdesk.content.text import sanitize_body
    from newsdesk.newsroom.diff import body_paragraphs

    body = sanitize_body("<p>Before.</p><p>https://t.me/durov/142</p><p>After.</p>")
    assert body_paragraphs(body) == ["Before.", "https://t.me/durov/142", "After."]
