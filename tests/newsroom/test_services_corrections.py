"""An edit of a published story is one kind of change: a correction (a public note, the
correction log), an update (readers see "Updated"), or a silent fix (a typo). What readers
are shown and what the audit log records for each."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from newsdesk.content.models import Article, Correction
from newsdesk.newsroom import services
from newsdesk.newsroom.models import AuditEntry, PublishedChange

Action = AuditEntry.Action
CORRECTION, UPDATE, SILENT_FIX = PublishedChange.CORRECTION, PublishedChange.UPDATE, PublishedChange.SILENT_FIX


def _actions(article) -> list[str]:
    return list(AuditEntry.objects.filter(article=article).order_by("at", "id").values_list("action", flat=True))


@pytest.fixture
def announced():
    """The changes receivers were sent, once the transactions commit."""
    from newsdesk.content.events import story_changed

    heard = []

    def listen(*, article, change, **event):
        heard.append(change)

    story_changed.connect(listen, dispatch_uid="tests.newsroom.listen")
    yield heard
    story_changed.disconnect(dispatch_uid="tests.newsroom.listen")


def _later(hours: float):
    return mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=hours))


def _edit(article, **fields) -> Article:
    """The story as stored, with an editor's changes."""
    current = Article.objects.get(pk=article.pk)
    for name, value in fields.items():
        setattr(current, name, value)
    return current


@pytest.fixture
def on_the_site(journalist, editor, draft_by) -> Article:
    return services.article_publish(article=draft_by(journalist), by=editor)


def test_an_update_tells_readers_when(editor, on_the_site, announced, django_capture_on_commit_callbacks):
    edited = _edit(on_the_site, body="<p>Snow and fog are forecast; schools in Astana close on Friday.</p>")
    with _later(3) as now, django_capture_on_commit_callbacks(execute=True):
        services.article_save(article=edited, by=editor, expected_version=edited.version, kind=UPDATE)
    stored = Article.objects.get(pk=on_the_site.pk)
    assert stored.revised_at == now.return_value and stored.modified_at == now.return_value
    assert stored.corrected_at is None and not Correction.objects.exists()  # no public note
    entry = AuditEntry.objects.filter(article=on_the_site).first()
    assert (entry.action, entry.actor) == (Action.UPDATED, editor)
    assert announced[-1] == "updated"


def test_a_correction_is_logged_for_readers_and_in_the_audit(
    editor, on_the_site, announced, django_capture_on_commit_callbacks
):
    note = "The low is –25 °C, not –35 °C."
    with _later(2) as now, django_capture_on_commit_callbacks(execute=True):
        services.article_save(
            article=_edit(on_the_site, lead="The low is –25 °C."), by=editor, kind=CORRECTION, correction_note=note
        )
    stored = Article.objects.get(pk=on_the_site.pk)
    correction = Correction.objects.get(article=on_the_site)
    assert correction.note == note and stored.corrected_at == stored.revised_at == now.return_value
    entry = AuditEntry.objects.filter(article=on_the_site).first()
    assert (entry.action, entry.message) == (Action.CORRECTED, note)
    assert announced[-1] == "corrected"


@pytest.mark.parametrize("kind", [None, SILENT_FIX], ids=["no kind given", "a silent fix"])
def test_a_silent_fix_changes_no_time_and_is_an_edit_not_a_correction(
    editor, on_the_site, announced, django_capture_on_commit_callbacks, kind
):
    with _later(1), django_capture_on_commit_callbacks(execute=True):
        services.article_save(article=_edit(on_the_site, title="Cold spell grips Kazakhstan"), by=editor, kind=kind)
    stored = Article.objects.get(pk=on_the_site.pk)
    assert stored.title == "Cold spell grips Kazakhstan"
    assert stored.revised_at is None and stored.corrected_at is None and not Correction.objects.exists()
    assert _actions(on_the_site)[-1] == Action.EDITED
    assert announced == ["updated"]  # what readers see changed all the same: pages and feeds are refreshed


@pytest.mark.parametrize("kind", [UPDATE, SILENT_FIX])
def test_a_headline_change_is_never_recorded_or_shown_as_a_correction(
    client, agency, editor, on_the_site, announced, django_capture_on_commit_callbacks, kind
):
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(
            article=_edit(on_the_site, title="Cold spell grips all of Kazakhstan"), by=editor, kind=kind
        )
    stored = Article.objects.get(pk=on_the_site.pk)
    assert stored.corrected_at is None and not Correction.objects.exists()
    assert Action.CORRECTED not in _actions(on_the_site)
    assert "corrected" not in announced
    assert _actions(on_the_site)[-1] == (Action.UPDATED if kind == UPDATE else Action.EDITED)
    page = client.get(stored.get_absolute_url()).content.decode()
    assert "Cold spell grips all of Kazakhstan" in page and 'class="corrections"' not in page
    assert ('class="updated"' in page) == (kind == UPDATE)


def test_the_kinds_follow_one_another_and_a_fix_keeps_the_update_shown(editor, on_the_site):
    with _later(2) as updated:
        services.article_save(article=_edit(on_the_site, lead="Schools close."), by=editor, kind=UPDATE)
    with _later(5):
        services.article_save(article=_edit(on_the_site, lead="Schools close on Friday."), by=editor, kind=SILENT_FIX)
    stored = Article.objects.get(pk=on_the_site.pk)
    assert stored.revised_at == updated.return_value and stored.lead == "Schools close on Friday."
    assert _actions(on_the_site)[-2:] == [Action.UPDATED, Action.EDITED]


def test_a_fix_saved_from_an_older_copy_keeps_the_update_shown_since(editor, on_the_site):
    older_copy = _edit(on_the_site, title="Cold spell grips Kazakhstan")  # opened before the update
    with _later(2) as updated:
        services.article_save(article=_edit(on_the_site, lead="Schools close."), by=editor, kind=UPDATE)
    services.article_save(article=older_copy, by=None)  # the system: no version check
    assert Article.objects.get(pk=on_the_site.pk).revised_at == updated.return_value


def test_a_note_without_a_kind_is_a_correction_as_the_system_makes_them(on_the_site):
    services.article_save(article=_edit(on_the_site, lead="The low is –25 °C."), by=None, correction_note="A figure.")
    assert Correction.objects.get(article=on_the_site).note == "A figure."
    assert _actions(on_the_site)[-1] == Action.CORRECTED


@pytest.mark.parametrize(
    ("kind", "note"),
    [(CORRECTION, ""), (CORRECTION, "   "), (UPDATE, "The low is –25 °C."), (SILENT_FIX, "The low is –25 °C.")],
    ids=["a correction without a note", "a note of spaces", "an update with a note", "a silent fix with a note"],
)
def test_a_note_goes_with_a_correction_and_only_with_one(editor, on_the_site, kind, note):
    version = Article.objects.get(pk=on_the_site.pk).version
    with pytest.raises(ValidationError) as refused:
        services.article_save(
            article=_edit(on_the_site, lead="Schools close."), by=editor, kind=kind, correction_note=note
        )
    assert "correction_note" in refused.value.message_dict
    stored = Article.objects.get(pk=on_the_site.pk)
    assert stored.version == version and stored.lead != "Schools close." and not Correction.objects.exists()


def _scheduled(draft_by, journalist, editor) -> Article:
    return services.article_publish(article=draft_by(journalist), by=editor, at=timezone.now() + timedelta(hours=2))


def _embargoed_by_the_edit(draft_by, journalist, editor) -> Article:
    article = services.article_publish(article=draft_by(journalist), by=editor)
    return _edit(article, embargo_until=timezone.now() + timedelta(hours=2))


@pytest.mark.parametrize(
    "unseen",
    [
        lambda draft_by, journalist, editor: draft_by(journalist),
        _scheduled,
        _embargoed_by_the_edit,
    ],
    ids=["draft", "scheduled", "embargoed by the same save"],
)
@pytest.mark.parametrize("by", ["editor", "system"])
def test_only_a_story_on_the_site_can_be_updated(journalist, editor, draft_by, unseen, by):
    article = unseen(draft_by, journalist, editor)
    version = Article.objects.get(pk=article.pk).version
    with pytest.raises(ValidationError) as refused:
        services.article_save(article=article, by=editor if by == "editor" else None, kind=UPDATE)
    assert "kind" in refused.value.message_dict
    stored = Article.objects.get(pk=article.pk)
    assert stored.revised_at is None and stored.version == version and stored.embargo_until is None


def test_a_draft_has_no_corrections(journalist, draft_by):
    draft = draft_by(journalist)
    for kind in (CORRECTION, None):
        with pytest.raises(ValidationError):
            services.article_save(
                article=_edit(draft, lead="Snow."), by=journalist, kind=kind, correction_note="A note."
            )
    assert not Correction.objects.exists() and Article.objects.get(pk=draft.pk).lead != "Snow."


def test_an_edit_of_a_scheduled_story_is_an_edit(journalist, editor, draft_by):
    scheduled = _scheduled(draft_by, journalist, editor)
    services.article_save(article=_edit(scheduled, title="Team named"), by=editor)
    assert _actions(scheduled)[-1] == Action.EDITED and Article.objects.get(pk=scheduled.pk).revised_at is None


@pytest.mark.parametrize("kind", [UPDATE, CORRECTION])
def test_a_new_story_cannot_be_updated_or_corrected(journalist, section, kind):
    article = Article(language="en", title="Snow", body="<p>Snow.</p>", section=section)
    with pytest.raises(ValidationError):
        services.article_save(article=article, by=journalist, kind=kind, correction_note="A note.")
    assert not Article.objects.exists()


def test_who_may_not_correct_cannot_update_a_story(journalist, copy_editor, on_the_site):
    for someone in (journalist, copy_editor):
        with pytest.raises(services.Refused):
            services.article_save(article=_edit(on_the_site, lead="Schools close."), by=someone, kind=UPDATE)
        assert AuditEntry.objects.filter(action=Action.REFUSED, actor=someone, article=on_the_site).exists()
    assert Article.objects.get(pk=on_the_site.pk).revised_at is None


def test_only_the_system_dates_an_update(editor, on_the_site):
    an_hour_later = on_the_site.published_at + timedelta(hours=1)
    with pytest.raises(ValueError):
        services.article_save(
            article=_edit(on_the_site, lead="Schools close."), by=editor, kind=UPDATE, at=an_hour_later
        )
    assert Article.objects.get(pk=on_the_site.pk).revised_at is None
    services.article_save(article=_edit(on_the_site, lead="Schools close."), by=None, kind=UPDATE, at=an_hour_later)
    assert Article.objects.get(pk=on_the_site.pk).modified_at == an_hour_later
