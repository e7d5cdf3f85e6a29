"""The translation desk: the list's filter and column for missing and outdated
translations, the original beside a translation with what changed since, the
translation's own slug and its tags in its language."""

from newsdesk.content.models import Article, Tag
from newsdesk.newsroom import services
from newsdesk.newsroom.translations import translation_mark_current, translation_start
from tests.newsroom.test_admin import _change, _form


def _listed(client, query: str) -> list[str]:
    response = client.get(f"/admin/content/article/?{query}")
    return sorted(a.title for a in response.context["cl"].result_list)


def test_the_list_filters_missing_and_outdated_translations(client, editor, draft_by):
    lonely = draft_by(editor, title="Only in English")
    paired = draft_by(editor, title="In English and Russian")
    russian = translation_start(article=paired, language="ru", by=editor)
    client.force_login(editor)
    assert _listed(client, "translation=missing:ru") == ["Only in English"]
    assert _listed(client, "translation=missing:kk") == ["In English and Russian", "Only in English"]
    assert _listed(client, "translation=outdated") == []
    paired.title = "In English and Russian, changed"
    services.article_save(article=paired, by=editor)
    assert [a.pk for a in client.get("/admin/content/article/?translation=outdated").context["cl"].result_list] == [
        russian.pk
    ]
    translation_mark_current(article=Article.objects.get(pk=russian.pk), by=editor)
    assert _listed(client, "translation=outdated") == []
    assert client.get("/admin/content/article/?translation=missing:xx").status_code == 200  # nonsense: no filter
    assert lonely.pk


def test_the_column_says_which_languages_are_there(client, editor, draft_by):
    original = draft_by(editor)
    translation_start(article=original, language="kk", by=editor)
    original.title = "Changed after translation"
    services.article_save(article=original, by=editor)
    client.force_login(editor)
    page = client.get("/admin/content/article/").content.decode()
    assert '<span class="translation-outdated">kk outdated</span>' in page
    assert '<span class="translation-missing">ru —</span>' in page


def test_a_translation_shows_its_original_and_what_changed_since(client, editor, draft_by):
    original = draft_by(editor, body="<p>Snow is forecast.</p>")
    translation = translation_start(article=original, language="ru", by=editor)
    client.force_login(editor)
    page = client.get(_change(translation)).content.decode()
    assert "The original (English)" in page and "has changed since" not in page
    original.body = "<p>Snow and fog are forecast.</p>"
    services.article_save(article=original, by=editor)
    response = client.get(_change(translation))
    beside = response.context["beside"]
    assert beside.outdated and any(part.changed for part in beside.changes.texts)
    assert "The original has changed since this translation followed it." in response.content.decode()


def test_a_translation_gets_its_own_slug_from_its_own_title(client, editor, draft_by, section):
    original = draft_by(editor, title="Cold spell to grip Kazakhstan")
    translation = translation_start(article=original, language="ru", by=editor)
    assert translation.slug == "cold-spell-to-grip-kazakhstan"
    client.force_login(editor)
    data = _form(section, translation, language="ru", title="Казахстан ждут морозы", slug=translation.slug)
    assert client.post(_change(translation), data).status_code == 302
    assert Article.objects.get(pk=translation.pk).slug == "kazakhstan-zhdut-morozy"


def test_a_slug_chosen_by_hand_or_published_stays(client, editor, draft_by, section):
    story = draft_by(editor, title="Cold spell")
    client.force_login(editor)
    client.post(_change(story), _form(section, story, title="Cold spell", slug="my-own"))
    story = Article.objects.get(pk=story.pk)
    client.post(_change(story), _form(section, story, title="Colder spell", slug="my-own"))
    assert Article.objects.get(pk=story.pk).slug == "my-own"
    published = services.article_publish(article=draft_by(editor, title="Published once"), by=editor)
    client.post(_change(published), _form(section, published, title="Published, retitled", slug=published.slug))
    assert Article.objects.get(pk=published.pk).slug == "published-once"  # its address is public now


def test_a_translation_keeps_the_storys_tags_in_its_language(editor, draft_by):
    english = Tag.objects.create(language="en", name="diplomacy", slug="diplomacy")
    shared = Tag.objects.create(language="kk", name="дипломатия", slug="diplomatiia")
    russian_tag = Tag.objects.create(language="ru", name="дипломатия", slug="diplomatiia")
    original = draft_by(editor, language="kk")
    original.tags.set([shared])
    from newsdesk.newsroom.translations import tags_to_translate

    translation = translation_start(article=original, language="ru", by=editor)
    assert list(translation.tags.all()) == [russian_tag]
    original.tags.add(Tag.objects.create(language="kk", name="Арктика", slug="arktika"))
    assert [t.name for t in tags_to_translate(translation=translation)] == ["Арктика"]
    assert english.pk
