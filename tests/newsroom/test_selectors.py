"""The newsroom's reads."""

from newsdesk.newsroom import selectors, services


def test_the_last_send_back_is_the_latest_comment(journalist, editor, draft_by):
    story = draft_by(journalist)
    for comment in ("Add a source.", "Shorter title, please."):
        services.article_submit(article=story, by=journalist)
        services.article_send_back(article=story, by=editor, comment=comment)
    entry = selectors.last_send_back(article=story)
    assert entry is not None and entry.message == "Shorter title, please." and entry.actor == editor


def test_photos_are_found_by_alt_text_caption_or_credit_newest_first(make_photo):
    older = make_photo(alt_text="Parliament in Astana", credit="gov.kz")
    newer = make_photo(alt_text="Astana at night", credit="Kazinform")
    newer.caption = "From the tower"
    newer.save()
    assert selectors.photos_matching(query="astana") == [newer, older]
    assert selectors.photos_matching(query="tower") == [newer]
    assert selectors.photos_matching(query="gov.kz") == [older]
    assert selectors.photos_matching(query="") == [newer, older]
