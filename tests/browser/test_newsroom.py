"""The newsroom's whole path in real Chromium: write, review, schedule, publish, correct."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from newsdesk.content.models import Article
from tests.conftest import jpeg_bytes
from tests.newsroom.conftest import PASSWORD, roles_create, staff

pytestmark = pytest.mark.browser


@pytest.fixture
def newsroom(transactional_db, section, agency):
    from newsdesk.newsroom import roles

    roles_create()
    return {
        "journalist": staff("journalist", roles.JOURNALIST),
        "editor": staff("editor", roles.EDITOR, [section]),
    }


def _login(browser, live_server, username, **context_options):
    """A staff member signed in, in a desktop browser of their own (`context_options`
    such as timezone_id go to Playwright's new_context)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, **context_options)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def _pick(page, field: str, text: str) -> None:
    """Choose `text` in an autocomplete (select2) field of the admin."""
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_a_story_goes_from_the_journalist_through_the_editor_to_readers(live_server, browser, newsroom, tmp_path):
    # The journalist adds a photo to the library and writes the story around it.
    journalist = _login(browser, live_server, "journalist")
    photo_file = tmp_path / "snow.jpg"
    photo_file.write_bytes(jpeg_bytes(size=(1200, 800)))
    journalist.goto(f"{live_server.url}/admin/content/photo/add/")
    journalist.set_input_files("#id_file", str(photo_file))
    journalist.fill("#id_alt_text", "Snow on a street in Astana")
    journalist.fill("#id_credit", "Depositphotos")
    journalist.click("input[name=_save]")
    journalist.wait_for_url("**/admin/content/photo/")

    journalist.goto(f"{live_server.url}/admin/content/article/add/")
    journalist.fill("#id_title", "Cold spell to grip Kazakhstan")
    journalist.fill("#id_lead", "Kazhydromet warns of a cold week.")
    editor_box = journalist.locator(".ql-editor")
    editor_box.click()
    journalist.keyboard.type("Temperatures will drop to minus 35 degrees.")
    journalist.select_option("#id_section", label="Politics")
    _pick(journalist, "photo", "Snow on a street")
    journalist.click("input[name=_continue]")
    journalist.wait_for_url("**/change/")
    article = Article.objects.get(title="Cold spell to grip Kazakhstan")
    assert article.body == "<p>Temperatures will drop to minus 35 degrees.</p>"
    journalist.get_by_role("button", name="Submit for review").click()
    journalist.get_by_text("Submitted for review.").wait_for()

    # The editor sends it back with a comment; the journalist sees it and fixes the story.
    editor = _login(browser, live_server, "editor")
    editor.goto(f"{live_server.url}/admin/content/article/?desk=review")
    editor.get_by_role("link", name="Cold spell to grip Kazakhstan").click()
    # The whole page first: a button parsed before the form it names submits nothing.
    editor.wait_for_url(lambda url: "/change/" in url)
    editor.fill("#send-back-comment", "Name the source of the forecast.")
    editor.get_by_role("button", name="Send back to the author").click()
    editor.get_by_text("Sent back to the author.").wait_for()

    journalist.reload()
    journalist.locator(".sent-back").get_by_text("Name the source of the forecast.").wait_for()
    journalist.locator(".ql-editor").click()
    journalist.keyboard.press("End")
    journalist.keyboard.type(" Kazhydromet reports.")
    journalist.click("input[name=_continue]")
    journalist.get_by_role("button", name="Submit for review").click()
    journalist.get_by_text("Submitted for review.").wait_for()

    # The editor schedules it for a minute in the agency's time zone.
    local_now = timezone.localtime(timezone.now(), timezone.get_fixed_timezone(5 * 60))
    at = (local_now + timedelta(minutes=2)).replace(second=0, microsecond=0)
    editor.reload()
    editor.fill("#schedule-at", at.strftime("%Y-%m-%dT%H:%M"))
    editor.get_by_role("button", name="Schedule", exact=True).click()
    editor.get_by_text("Scheduled for").first.wait_for()

    # A reader does not see it before that minute, and does at that minute: no job runs.
    reader = browser.new_context().new_page()
    reader.goto(f"{live_server.url}/en/")
    assert "Cold spell" not in reader.locator("main").inner_text()
    real_now = timezone.now
    with mock.patch("django.utils.timezone.now", lambda: real_now() + timedelta(minutes=3)):
        reader.reload()
        reader.get_by_role("link", name="Cold spell to grip Kazakhstan").click()
        reader.locator("h1", has_text="Cold spell to grip Kazakhstan").wait_for()
        assert "Kazhydromet reports." in reader.locator(".story-body").inner_text()
        assert reader.locator(".story-photo img").evaluate("img => img.complete && img.naturalWidth > 0")

        # The editor corrects the published story; the reader sees the note and "Updated".
        # The correction is stamped by the real clock, not the reader's moved one: the
        # story is made to have come out before it, as by then it would have.
        Article.objects.filter(title="Cold spell to grip Kazakhstan").update(
            published_at=real_now() - timedelta(minutes=1)
        )
        editor.reload()
        editor.locator(".ql-editor").click()
        editor.keyboard.press("Control+End")
        editor.keyboard.type(" Frost warnings are in force.")
        editor.click("input[name=_continue]")  # without saying what kind of change it is
        editor.get_by_text("choose whether this is a correction, an update or a silent fix").wait_for()
        assert "Frost warnings are in force." in editor.locator(".ql-editor").inner_text()  # kept, not saved
        assert "Frost" not in Article.objects.get(title="Cold spell to grip Kazakhstan").body
        editor.get_by_label("Correction (readers see the note)").check()
        editor.fill("#id_correction_note", "An earlier version gave the wrong low temperature.")
        editor.click("input[name=_continue]")
        editor.wait_for_load_state()
        reader.reload()
        reader.get_by_text("An earlier version gave the wrong low temperature.").wait_for()
        assert reader.locator(".updated").inner_text().startswith("Updated ")


WORD_HTML = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>'
    '<p class="MsoNormal" style="margin:0cm;font-family:Calibri"><span lang="RU" style="color:#1F3864">'
    "<b>Астана</b>, 11 декабря.<o:p></o:p></span></p>"
    '<h2 style="mso-list:l0"><span style="font-size:16pt">Прогноз</span></h2>'
    '<ul><li class="MsoListParagraph">Снег</li><li>Гололёд</li></ul>'
    '<script>alert(1)</script><p><a href="javascript:alert(2)">ссылка</a></p></body></html>'
)


def test_pasting_from_word_gives_clean_markup(live_server, browser, newsroom):
    journalist = _login(browser, live_server, "journalist")
    journalist.goto(f"{live_server.url}/admin/content/article/add/")
    journalist.fill("#id_title", "Погода")
    journalist.select_option("#id_section", label="Politics")
    journalist.locator(".ql-editor").click()
    journalist.locator(".ql-editor").evaluate(
        """(editor, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "fallback");
            editor.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
        }""",
        WORD_HTML,
    )
    journalist.click("input[name=_continue]")
    journalist.wait_for_url("**/change/")
    body = Article.objects.get(title="Погода").body
    assert "<strong>Астана</strong>, 11 декабря." in body
    assert "<h2>Прогноз</h2>" in body and "<ul><li>Снег</li><li>Гололёд</li></ul>" in body
    for dirt in ("Mso", "style=", "<span", "o:p", "script", "javascript", "lang="):
        assert dirt not in body, dirt


def _paste_text(page, text: str) -> None:
    page.locator(".ql-editor").evaluate(
        """(editor, text) => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            editor.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
        }""",
        text,
    )


def test_a_link_pasted_on_its_own_line_becomes_an_embed_and_stays_one(live_server, browser, newsroom):
    journalist = _login(browser, live_server, "journalist")
    journalist.goto(f"{live_server.url}/admin/content/article/add/")
    journalist.fill("#id_title", "Kazakh Room reopened")
    journalist.select_option("#id_section", label="Politics")
    journalist.locator(".ql-editor").click()
    journalist.keyboard.type("The hall reopened in Geneva.")
    journalist.keyboard.press("Enter")
    _paste_text(journalist, "https://youtu.be/dQw4w9WgXcQ")
    journalist.click("input[name=_continue]")
    journalist.wait_for_url("**/change/")
    embed = (
        '<figure class="embed" data-provider="youtube" data-id="dQw4w9WgXcQ">'
        '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener noreferrer nofollow">'
        "https://youtu.be/dQw4w9WgXcQ</a></figure>"
    )
    article = Article.objects.get(title="Kazakh Room reopened")
    assert article.body == f"<p>The hall reopened in Geneva.</p>{embed}"

    # Opened again, the editor shows the link on its line; saved again, it is the same embed.
    assert journalist.locator(".ql-editor p a").get_attribute("href") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    journalist.fill("#id_lead", "A lead added later.")
    journalist.click("input[name=_continue]")
    journalist.get_by_text("was changed successfully").wait_for()
    article.refresh_from_db()
    assert article.lead == "A lead added later." and article.body == f"<p>The hall reopened in Geneva.</p>{embed}"

    # The preview shows readers' placeholder.
    journalist.goto(f"{live_server.url}/admin/content/article/{article.pk}/preview/")
    assert journalist.get_by_role("button", name="Load the video from YouTube").is_visible()


# Each workflow button, pressed with words typed and not saved: the words are saved first.
UNSAVED = " Unsaved words of the last minute."


def _in_state(state: str, journalist, editor, make_article):
    from newsdesk.newsroom import services
    from newsdesk.newsroom.translations import translation_start

    article = make_article("Cold spell to grip Kazakhstan", ago=None, body="<p>Snow is forecast.</p>")
    article.created_by = journalist
    article.save(update_fields=["created_by"])
    if state == "draft":
        return article
    article = services.article_submit(article=article, by=journalist)
    if state == "sent_back":
        return services.article_send_back(article=article, by=editor, comment="Add a quote.")
    if state == "scheduled":
        return services.article_publish(article=article, by=editor, at=timezone.now() + timedelta(days=1))
    if state == "published":
        return services.article_publish(article=article, by=editor)
    if state == "outdated_translation":
        translation = translation_start(article=article, language="ru", by=editor)
        article.title = "Cold spell to grip all of Kazakhstan"
        services.article_save(article=article, by=editor)
        return translation
    assert state == "review", state
    return article


# A text changed on a story on the site is a correction, an update or a silent fix: chosen.
SILENT_FIX, CHECK = "input[name=change_kind][value=silent_fix]", object()
BUTTONS = [
    # (who, the story's state, what to fill first, the button, the message, what the story is after)
    ("journalist", "sent_back", {}, "Submit for review", "Submitted for review.", "review"),
    ("editor", "review", {}, "Publish now", "Published.", "published"),
    ("editor", "review", {"#schedule-at": "tomorrow"}, "Schedule", "Scheduled for", "published"),
    ("editor", "scheduled", {}, "Take off the schedule", "Taken off the schedule", "review"),
    ("editor", "review", {"#send-back-comment": "Name the source."}, "Send back to the author", "Sent back", "draft"),
    (
        "editor",
        "published",
        {SILENT_FIX: CHECK, "#withdraw-reason": "Legal advice."},
        "Withdraw from the site",
        "Withdrawn",
        "withdrawn",
    ),
    ("editor", "review", {}, "Start a translation", "A draft of the translation is ready", "review"),
    ("editor", "outdated_translation", {}, "Mark as up to date", "marked as up to date", "draft"),
]


@pytest.mark.parametrize(("who", "state", "fill", "button", "message", "after"), BUTTONS, ids=[b[3] for b in BUTTONS])
def test_every_workflow_button_saves_what_was_typed_first(
    live_server, browser, newsroom, make_article, who, state, fill, button, message, after
):
    article = _in_state(state, newsroom["journalist"], newsroom["editor"], make_article)
    page = _login(browser, live_server, who)
    page.goto(f"{live_server.url}/admin/content/article/{article.pk}/change/")
    page.locator(".ql-editor").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(UNSAVED)
    for selector, value in fill.items():
        if value is CHECK:
            page.check(selector)
            continue
        if value == "tomorrow":
            value = timezone.localtime(timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        page.fill(selector, value)
    page.get_by_role("button", name=button, exact=True).first.click()
    page.get_by_text(message).first.wait_for()
    article.refresh_from_db()
    assert UNSAVED.strip() in article.body, article.body
    assert article.status == after
