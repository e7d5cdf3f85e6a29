"""The desk in the back office, driven through HTTP as staff use it."""

import html
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from newsdesk.content.models import Article, Photo
from newsdesk.newsroom import admin as newsroom_admin
from newsdesk.newsroom import services
from newsdesk.newsroom.models import AuditEntry, Revision
from tests.accounts.helpers import two_factor_on
from tests.conftest import jpeg_bytes


def _form(section, article=None, **overrides) -> dict:
    data = {
        "language": "en",
        "title": "Cold spell to grip Kazakhstan",
        "slug": "",
        "lead": "Kazhydromet warns of a cold week.",
        "body": "<p>Snow and fog are forecast.</p>",
        "section": section.pk,
        "source": "",
        "photo": "",
        "embargo_until_0": "",
        "embargo_until_1": "",
        "expected_version": article.version if article else "",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
    }
    return data | overrides


def _change(article) -> str:
    return f"/admin/content/article/{article.pk}/change/"


def _messages(response) -> str:
    """The messages the page shows, read from its HTML as the person reads them (the test
    client's captured context is not always there when live servers ran before)."""
    lists = re.findall(r'<ul class="messagelist">(.*?)</ul>', response.content.decode(), re.S)
    return " ".join(" ".join(html.unescape(re.sub(r"<[^>]+>", " ", found)).split()) for found in lists)


def test_a_journalist_uploads_a_photo_and_writes_a_draft(client, journalist, section):
    client.force_login(journalist)
    upload = SimpleUploadedFile("snow.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(
        "/admin/content/photo/add/", {"file": upload, "alt_text": "Snow in Astana", "credit": "Depositphotos"}
    )
    assert response.status_code == 302, response.content
    photo = Photo.objects.get()
    assert photo.renditions and photo.uploaded_by == journalist
    uploaded = AuditEntry.objects.get(action=AuditEntry.Action.PHOTO_UPLOADED)
    assert uploaded.actor == journalist and uploaded.target == "Snow in Astana"
    listing = client.get("/admin/content/photo/").content.decode()
    assert "/320.jpg" in listing and photo.file.url not in listing  # thumbnails are the small rendition
    response = client.post("/admin/content/article/add/", _form(section, photo=photo.pk))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT and article.created_by == journalist and article.photo == photo
    assert Revision.objects.filter(article=article).count() == 1
    assert AuditEntry.objects.filter(article=article, action="created", actor=journalist).exists()


def test_the_form_explains_what_is_wrong_and_keeps_the_input(client, journalist, section):
    client.force_login(journalist)
    response = client.post(
        "/admin/content/article/add/", _form(section, title="<b>Cold</b> spell", body="<script>alert(1)</script>")
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Use plain text here" in html and "The body has no text" in html
    assert "&lt;b&gt;Cold&lt;/b&gt; spell" in html
    assert not Article.objects.exists()


def test_a_stale_save_is_refused_with_a_message_and_nothing_typed_is_lost(client, journalist, editor, draft_by):
    article = draft_by(journalist)
    services.article_submit(article=article, by=journalist)
    article.refresh_from_db()
    stale_version = article.version
    client.force_login(editor)
    first = client.post(_change(article), _form(article.section, article, title="Editor's version"))
    assert first.status_code == 302
    second = client.post(
        _change(article), _form(article.section, article, title="Second tab's version", expected_version=stale_version)
    )
    html = second.content.decode()
    assert second.status_code == 200
    assert "after you opened it" in html and "Second tab&#x27;s version" in html
    assert Article.objects.get(pk=article.pk).title == "Editor's version"


def test_a_journalist_cannot_publish_even_with_a_crafted_request(client, journalist, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    client.force_login(journalist)
    response = client.post(f"/admin/content/article/{article.pk}/workflow/publish/", follow=True)
    assert "You may not publish this article" in _messages(response)
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW
    assert AuditEntry.objects.filter(action="refused", actor=journalist).exists()


def test_a_journalist_only_views_other_peoples_stories(client, journalist, other_journalist, draft_by, editor, section):
    theirs = services.article_publish(article=draft_by(other_journalist), by=editor)
    client.force_login(journalist)
    response = client.get(_change(theirs))
    assert response.status_code == 200 and 'name="_save"' not in response.content.decode()
    assert client.post(_change(theirs), _form(section, theirs, title="Hijacked")).status_code == 403
    assert Article.objects.get(pk=theirs.pk).title == "Cold spell to grip Kazakhstan"


def _embargoed_in_sport(draft_by, author, sport) -> Article:
    article = draft_by(author, title="Olympic team named", section=sport)
    article.embargo_until = timezone.now() + timedelta(hours=3)
    article.save(update_fields=["embargo_until"])
    return services.article_publish(article=article, by=None)


BACK_OFFICE_VIEWS_OF_A_STORY = ["change/", "preview/", "history/", "compare/?a=1&b=1", "views/"]


@pytest.mark.parametrize("view", BACK_OFFICE_VIEWS_OF_A_STORY)
def test_staff_outside_a_story_cannot_read_it_before_readers_can(
    client, journalist, other_journalist, editor, sport, draft_by, view
):
    embargoed = _embargoed_in_sport(draft_by, other_journalist, sport)
    draft = draft_by(other_journalist, title="Colleague's draft", section=sport)
    for outsider in (journalist, editor):  # another journalist; the editor of Politics, not Sport
        client.force_login(outsider)
        for story in (embargoed, draft):
            response = client.get(f"/admin/content/article/{story.pk}/{view}")
            assert response.status_code == 403, (outsider, story, view)
            assert story.title not in response.content.decode()


@pytest.mark.parametrize("view", BACK_OFFICE_VIEWS_OF_A_STORY)
def test_the_author_the_sections_editor_and_the_chief_read_it(
    client, other_journalist, sport_editor, chief, sport, draft_by, view
):
    embargoed = _embargoed_in_sport(draft_by, other_journalist, sport)
    for insider in (other_journalist, sport_editor, chief):
        client.force_login(insider)
        response = client.get(f"/admin/content/article/{embargoed.pk}/{view}")
        assert response.status_code == 200, (insider, view)


def test_history_of_a_published_story_stays_with_those_who_work_on_it(client, journalist, editor, draft_by, section):
    published = services.article_publish(article=draft_by(editor), by=editor)
    client.force_login(journalist)
    assert client.get(f"/admin/content/article/{published.pk}/preview/").status_code == 200  # readers see it too
    assert client.get(f"/admin/content/article/{published.pk}/history/").status_code == 403
    assert client.get(f"/admin/content/article/{published.pk}/compare/?a=1&b=1").status_code == 403


def test_the_desk_lists_colleagues_drafts_only_to_those_who_work_on_them(
    client, journalist, other_journalist, editor, draft_by
):
    draft_by(other_journalist, title="Colleague's draft")
    client.force_login(journalist)
    assert "Colleague&#x27;s draft" not in client.get("/admin/content/article/").content.decode()
    client.force_login(editor)  # the editor of the draft's section
    assert "Colleague&#x27;s draft" in client.get("/admin/content/article/").content.decode()


def test_a_journalist_cannot_translate_a_story_they_may_not_read(client, journalist, other_journalist, sport, draft_by):
    embargoed = _embargoed_in_sport(draft_by, other_journalist, sport)
    client.force_login(journalist)
    response = client.post(f"/admin/content/article/{embargoed.pk}/translate/", {"language": "ru"})
    assert response.status_code == 403
    assert not Article.objects.filter(language="ru").exists()


def test_send_back_shows_the_comment_to_the_author(client, journalist, editor, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    client.force_login(editor)
    client.post(f"/admin/content/article/{article.pk}/workflow/send_back/", {"comment": "Add the forecast's source."})
    client.force_login(journalist)
    html = client.get(_change(article)).content.decode()
    assert "Add the forecast&#x27;s source." in html and "Submit for review" in html


def test_an_editor_schedules_in_the_agencys_local_time(client, journalist, editor, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    client.force_login(editor)
    local = timezone.localtime(timezone.now() + timedelta(days=1), timezone.get_fixed_timezone(5 * 60))
    at = local.strftime("%Y-%m-%dT%H:%M")
    response = client.post(f"/admin/content/article/{article.pk}/workflow/schedule/", {"at": at}, follow=True)
    assert "Scheduled for" in _messages(response)
    article.refresh_from_db()
    assert article.is_scheduled
    assert timezone.localtime(article.published_at, timezone.get_fixed_timezone(300)).strftime("%Y-%m-%dT%H:%M") == at
    assert "Scheduled for" in client.get("/admin/content/article/?desk=scheduled").content.decode()


@pytest.mark.parametrize(
    "at", ["", "tomorrow", "2020-01-01T10:00", "2026-13-45T99:99", "0001-01-01T00:00", "9999-12-31T23:59"]
)
def test_a_bad_schedule_time_is_a_message_not_an_error(client, journalist, editor, draft_by, at):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    client.force_login(editor)
    response = client.post(f"/admin/content/article/{article.pk}/workflow/schedule/", {"at": at}, follow=True)
    assert response.status_code == 200 and _messages(response)
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW


def test_preview_shows_a_draft_as_readers_will_see_it_but_uncounted(client, journalist, draft_by):
    article = draft_by(journalist)
    client.force_login(journalist)
    response = client.get(f"/admin/content/article/{article.pk}/preview/")
    html = response.content.decode()
    assert response.status_code == 200 and article.title in html and "Preview: readers cannot see" in html
    assert "data-beacon" not in html and response["X-Robots-Tag"].startswith("noindex")
    client.logout()
    assert client.get(f"/admin/content/article/{article.pk}/preview/").status_code == 302  # to the login page


def test_preview_shows_an_embed_as_the_placeholder_readers_get(client, journalist, draft_by):
    article = draft_by(journalist, body="<p>Intro.</p><p>https://youtu.be/dQw4w9WgXcQ</p>")
    client.force_login(journalist)
    html = client.get(f"/admin/content/article/{article.pk}/preview/").content.decode()
    assert "Load the video from YouTube" in html and "/static/newsdesk/embeds.js" in html and "<iframe" not in html


def test_history_compares_two_revisions_and_restores_one(client, journalist, draft_by, section):
    article = draft_by(journalist)
    client.force_login(journalist)
    client.post(_change(article), _form(section, article, body="<p>Snow, fog and ice are forecast.</p>"))
    html = client.get(f"/admin/content/article/{article.pk}/history/").content.decode()
    assert "Compare the two chosen revisions" in html
    diff = client.get(f"/admin/content/article/{article.pk}/compare/?a=1&b=2").content.decode()
    assert "<ins>Snow, fog and ice are forecast.</ins>" in diff and "<del>First paragraph.</del>" in diff
    assert client.get(f"/admin/content/article/{article.pk}/compare/?a=x").status_code == 302
    client.post(f"/admin/content/article/{article.pk}/restore/1/")
    assert Article.objects.get(pk=article.pk).body == "<p>First paragraph.</p><p>Second paragraph.</p>"


def test_the_desk_lists_my_drafts_and_what_waits_for_review(client, journalist, other_journalist, editor, draft_by):
    mine = draft_by(journalist, title="Snowfall in Astana")
    draft_by(other_journalist, title="Grain exports rise")
    waiting = services.article_submit(article=draft_by(other_journalist, title="Budget hearing"), by=other_journalist)
    client.force_login(journalist)
    html = client.get("/admin/content/article/?desk=mine").content.decode()
    assert mine.title in html and "Grain exports rise" not in html
    client.force_login(editor)
    html = client.get("/admin/content/article/?desk=review").content.decode()
    assert waiting.title in html and mine.title not in html


def test_the_desk_never_counts_more_than_the_cap(client, chief, draft_by, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(newsroom_admin, "COUNT_CAP", 3)
    for n in range(6):
        draft_by(chief, title=f"Story {n}")
    client.force_login(chief)
    # Sections and authors: one query each for the page, whatever its length (no N+1);
    # one more asks whether the account still needs two-factor (accounts/site.py); one
    # reads the page's translations (translation_desk.translations_of_page); one tells
    # the drafts sent back (selectors.sent_back_notes); one counts the header's unread
    # notifications (accounts/site.py).
    with django_assert_max_num_queries(18):
        response = client.get("/admin/content/article/")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 4  # 3 + 1 means "more than 3"


def test_photo_search_for_the_editor(client, journalist, make_photo):
    make_photo(alt_text="Snow in Astana", credit="Depositphotos")
    make_photo(alt_text="Parliament session", credit="gov.kz")
    client.force_login(journalist)
    found = client.get("/admin/content/article/photos/search/?q=snow").json()["photos"]
    assert [p["alt"] for p in found] == ["Snow in Astana"] and found[0]["src"].endswith(".jpg")


def test_a_story_embargoed_after_publication_is_on_the_desk_as_scheduled(client, journalist, editor, draft_by):
    article = services.article_publish(article=draft_by(journalist, title="Budget figures"), by=editor)
    article.embargo_until = timezone.now() + timedelta(hours=2)
    services.article_save(article=article, by=editor)
    client.force_login(editor)
    assert "Budget figures" in client.get("/admin/content/article/?desk=scheduled").content.decode()
    assert "Budget figures" not in client.get("/admin/content/article/?desk=live").content.decode()


def test_only_a_superuser_makes_superusers(client, chief, django_user_model):
    client.force_login(chief)
    html = client.get(f"/admin/auth/user/{chief.pk}/change/").content.decode()
    assert 'name="groups"' in html and 'name="is_superuser"' not in html and 'name="user_permissions"' not in html
    root = django_user_model.objects.create_superuser("root", password="a long root password")
    two_factor_on(root)
    client.force_login(root)
    html = client.get(f"/admin/auth/user/{chief.pk}/change/").content.decode()
    assert 'name="is_superuser"' in html


def test_an_editor_posting_a_story_into_another_section_gets_the_form_back(client, journalist, editor, sport, draft_by):
    article = services.article_submit(article=draft_by(journalist), by=journalist)
    client.force_login(editor)
    response = client.post(_change(article), _form(sport, article, title="Moved"))
    assert response.status_code == 200
    assert "section" in response.context["adminform"].form.errors
    assert "Moved" in response.content.decode()  # the text is kept
    stored = Article.objects.get(pk=article.pk)
    assert stored.section.slug == "politics" and stored.title == "Cold spell to grip Kazakhstan"
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.CORRECTED).exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"embargo_until_0": "0001-01-01", "embargo_until_1": "00:00:00"},
        {"embargo_until_0": "9999-12-31", "embargo_until_1": "23:59:59"},
        {"embargo_until_0": "2026-02-30", "embargo_until_1": "25:61"},
        {"tags": ["1", "abc", "99999999999999999999999"]},
        {"section": "abc"},
        {"section": "99999999999999999999999"},
        {"photo": "-1"},
        {"source": "1 OR 1=1"},
        {"language": "xx"},
        {"title": "x" * 301},
        {"expected_version": "abc"},
        {"bylines-TOTAL_FORMS": "abc"},
        {"bylines-TOTAL_FORMS": "1", "bylines-0-author": "abc", "bylines-0-role": "nonsense"},
    ],
)
def test_nonsense_in_the_article_form_is_a_form_error(client, journalist, draft_by, section, overrides):
    article = draft_by(journalist)
    client.force_login(journalist)
    for url, data in (
        (_change(article), _form(section, article) | overrides),
        ("/admin/content/article/add/", _form(section) | overrides),
    ):
        response = client.post(url, data)
        assert response.status_code == 200, (url, overrides, response.status_code)  # the form, with the error
        assert "errornote" in response.content.decode()
    assert Article.objects.get(pk=article.pk).version == article.version
    assert Article.objects.count() == 1


def test_a_flood_of_bylines_is_refused_without_building_them(client, journalist, draft_by, section):
    article = draft_by(journalist)
    client.force_login(journalist)
    response = client.post(_change(article), _form(section, article) | {"bylines-TOTAL_FORMS": "100000"})
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert len(formset.forms) <= newsroom_admin.BylineInline.max_num
    assert "Please submit at most" in response.content.decode()
    assert len(response.content) < 300_000
    assert Article.objects.get(pk=article.pk).version == article.version


def test_the_editor_is_told_what_text_sanitising_would_remove(client, journalist, draft_by, section):
    article = draft_by(journalist)
    client.force_login(journalist)
    body = "<p>Kept.</p><object><p>A paragraph inside an object.</p></object>"
    response = client.post(_change(article), _form(section, article, body=body))
    html = response.content.decode()
    assert response.status_code == 200 and "A paragraph inside an object." in html
    assert "would remove this text" in html
    assert Article.objects.get(pk=article.pk).version == article.version


def test_markup_that_would_swallow_the_rest_of_the_body_loses_nothing(client, journalist, draft_by, section):
    article = draft_by(journalist)
    client.force_login(journalist)
    body = "<p>First.</p><math><mtext><table><mglyph><style><p>Second, which matters.</p>"
    response = client.post(_change(article), _form(section, article, body=body))
    assert response.status_code == 302
    stored = Article.objects.get(pk=article.pk).body
    assert "Second, which matters." in stored and "<style" not in stored and "<math" not in stored


def test_a_providers_link_pasted_on_its_own_line_is_saved_as_an_embed(client, journalist, draft_by, section):
    """The editor sends what Quill writes: the pasted address as text, or as a link."""
    article = draft_by(journalist)
    client.force_login(journalist)
    body = (
        "<p>Intro.</p><p>https://youtu.be/dQw4w9WgXcQ?si=Gs9xw2bAqLk</p>"
        '<p><a href="https://t.me/durov/142" rel="noopener noreferrer" target="_blank">https://t.me/durov/142</a></p>'
    )
    response = client.post(_change(article), _form(section, article, body=body))
    assert response.status_code == 302
    stored = Article.objects.get(pk=article.pk).body
    assert '<figure class="embed" data-provider="youtube" data-id="dQw4w9WgXcQ">' in stored
    assert '<figure class="embed" data-provider="telegram" data-id="durov/142">' in stored
    assert "https://youtu.be/dQw4w9WgXcQ?si=Gs9xw2bAqLk</a>" in stored  # as typed, nothing lost
    assert 'class="help embed-help"' in client.get(_change(article)).content.decode()


def test_the_photo_form_stores_the_photo_without_location_or_serials(client, journalist, settings):
    from pathlib import Path

    from PIL import Image
    from PIL.ExifTags import IFD

    from tests import photo_files

    client.force_login(journalist)
    upload = SimpleUploadedFile("IMG_0042.JPG", photo_files.camera_jpeg(orientation=6), content_type="image/jpeg")
    response = client.post("/admin/content/photo/add/", {"file": upload, "alt_text": "Astana", "credit": "KazTAG"})
    assert response.status_code == 302, response.content
    photo = Photo.objects.get()
    assert "IMG_0042" not in photo.file.name and photo.file.name.endswith(".jpg")
    assert (photo.width, photo.height) == (400, 600)
    stored = (Path(settings.MEDIA_ROOT) / photo.file.name).read_bytes()
    assert [secret for secret in photo_files.SECRETS if secret in stored] == []
    with Image.open(Path(settings.MEDIA_ROOT) / photo.file.name) as image:
        assert not image.getexif().get_ifd(IFD.GPSInfo)
        assert image.getexif()[315].encode("latin-1").decode() == photo_files.ARTIST


def test_replacing_a_photos_file_in_the_form_cleans_the_new_one(client, chief, make_photo, settings):
    from pathlib import Path

    from tests import photo_files

    photo = make_photo()
    client.force_login(chief)
    upload = SimpleUploadedFile("chart.pdf", photo_files.camera_png(), content_type="application/pdf")
    response = client.post(
        f"/admin/content/photo/{photo.pk}/change/",
        {"file": upload, "alt_text": photo.alt_text, "credit": photo.credit, "caption": "", "licence": ""},
    )
    assert response.status_code == 302, response.content
    photo.refresh_from_db()
    assert photo.file.name.endswith(".png") and "chart" not in photo.file.name
    stored = (Path(settings.MEDIA_ROOT) / photo.file.name).read_bytes()
    assert [secret for secret in photo_files.SECRETS if secret in stored] == []


def test_the_photo_form_refuses_what_it_cannot_store(client, journalist):
    import io

    from PIL import Image

    client.force_login(journalist)
    buffer = io.BytesIO()
    Image.new("1", (200, 200)).save(buffer, "XBM")
    upload = SimpleUploadedFile("x.png", buffer.getvalue(), content_type="image/png")
    response = client.post("/admin/content/photo/add/", {"file": upload, "alt_text": "x", "credit": "y"})
    assert response.status_code == 200 and not Photo.objects.exists()
    assert "JPEG, PNG or WebP" in response.content.decode()


def test_an_editor_changes_a_photos_caption_without_uploading_it_again(client, editor, make_photo):
    photo = make_photo()
    client.force_login(editor)
    response = client.post(
        f"/admin/content/photo/{photo.pk}/change/",
        {"alt_text": "Snow in Astana", "credit": "Depositphotos", "caption": "The first snow.", "licence": ""},
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "The first snow." and photo.alt_text == "Snow in Astana"
    response = client.post(f"/admin/content/photo/{photo.pk}/change/", {"alt_text": "", "credit": "x"})
    assert response.status_code == 200 and "errornote" in response.content.decode()


def test_the_desk_finds_a_draft_by_a_phrase_of_its_text_in_any_form(client, journalist, draft_by):
    draft_by(journalist, title="Weather", body="<p>Heavy snowfalls are forecast for the north.</p>")
    draft_by(journalist, title="Сильные морозы", language="ru", body="<p>В Казахстане похолодает.</p>")
    draft_by(journalist, title="Budget", body="<p>Deputies voted.</p>")
    client.force_login(journalist)

    def found(query: str) -> set[str]:
        page = client.get("/admin/content/article/", {"q": query}).content.decode()
        return set(re.findall(r'<th class="field-title"><a [^>]*>(.*?)</a>', page))

    assert found("forecasting snowfall") == {"Weather"}  # a draft, found by words of its body
    assert found("КАЗАХСТАН") == {"Сильные морозы"}  # Cyrillic in any case, any ending
    assert found("'); DROP TABLE content_article; --") == set()
    assert found("NEAR(snow fog) OR *") == set()


def test_the_desks_search_keeps_others_drafts_hidden(client, journalist, other_journalist, draft_by):
    draft_by(other_journalist, title="Colleague's scoop", body="<p>Secret glacier survey.</p>")
    client.force_login(journalist)
    page = client.get("/admin/content/article/", {"q": "glacier"}).content.decode()
    assert "scoop" not in page
