"""Tags typed into the story's form: made in the story's language when it is saved, found
again rather than doubled, and only by those who may add tags."""

from django.contrib.auth.models import Permission

from newsdesk.content.models import Article, Tag
from tests.newsroom.test_admin import _change, _form


def test_a_typed_tag_is_made_in_the_storys_language_when_it_is_saved(client, journalist, draft_by, section):
    article = draft_by(journalist)
    Tag.objects.create(language="kk", name="дипломатия", slug="diplomatiia")
    client.force_login(journalist)
    data = _form(section, article, language="ru", tags=["дипломатия", "  Дипломатия ", "Арктика"])
    response = client.post(_change(article), data)
    assert response.status_code == 302, response.content
    tags = sorted((t.language, t.name) for t in Article.objects.get(pk=article.pk).tags.all())
    assert tags == [("ru", "Арктика"), ("ru", "дипломатия")]
    assert Tag.objects.filter(slug="diplomatiia").count() == 2  # one per language, never mixed


def test_a_refused_form_makes_no_tag(client, journalist, draft_by, section):
    article = draft_by(journalist)
    client.force_login(journalist)
    response = client.post(_change(article), _form(section, article, title="", tags=["Арктика"]))
    assert response.status_code == 200 and not Tag.objects.exists()


def test_an_existing_tag_is_found_not_doubled(client, journalist, draft_by, section):
    article = draft_by(journalist)
    tag = Tag.objects.create(language="en", name="Arctic", slug="arctic")
    client.force_login(journalist)
    client.post(_change(article), _form(section, article, tags=[str(tag.pk), "arctic"]))
    assert list(Article.objects.get(pk=article.pk).tags.all()) == [tag]
    assert Tag.objects.count() == 1


def test_without_the_right_to_add_tags_a_typed_name_is_a_form_error(client, journalist, draft_by, section):
    journalist.groups.first().permissions.remove(Permission.objects.get(codename="add_tag"))
    article = draft_by(journalist)
    client.force_login(journalist)
    response = client.post(_change(article), _form(section, article, tags=["Арктика"]))
    assert response.status_code == 200 and "tags" in response.context["adminform"].form.errors
    assert not Tag.objects.exists()


def test_a_flood_of_new_tags_is_refused(client, journalist, draft_by, section):
    article = draft_by(journalist)
    client.force_login(journalist)
    response = client.post(_change(article), _form(section, article, tags=[f"tag {n}" for n in range(11)]))
    assert response.status_code == 200 and "tags" in response.context["adminform"].form.errors
    assert not Tag.objects.exists()


def test_tags_are_named_with_their_language_in_the_back_office(db):
    assert str(Tag(language="kk", name="дипломатия")) == "дипломатия · Kazakh"


def test_a_new_story_has_its_author_in_the_byline_already(client, journalist, section):
    from newsdesk.content.authors import Author

    author = Author.objects.create(name="Journalist Aigerim", user=journalist)
    client.force_login(journalist)
    form = client.get("/admin/content/article/add/").context["inline_admin_formsets"][0].formset.forms[0]
    assert form["author"].value() == author.pk
    row = {"bylines-TOTAL_FORMS": "1", "bylines-0-author": str(author.pk), "bylines-0-role": "reported"}
    response = client.post("/admin/content/article/add/", _form(section) | row | {"bylines-0-position": "0"})
    assert response.status_code == 302, response.content
    assert [b.author for b in Article.objects.get().bylines.all()] == [author]


def test_a_removed_author_row_is_not_saved(client, journalist, section):
    from newsdesk.content.authors import Author

    Author.objects.create(name="Journalist Aigerim", user=journalist)
    client.force_login(journalist)
    assert client.post("/admin/content/article/add/", _form(section)).status_code == 302  # the row was removed
    assert not Article.objects.get().bylines.exists()
