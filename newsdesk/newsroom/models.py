"""The newsroom's own records: who edits which sections, every revision, the audit log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.content import text
from newsdesk.content.models import Article, Section


class DeskMember(models.Model):
    """A staff member's place in the newsroom: the sections they edit.

    Editors act on the articles of their sections; chief editors on all of them.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk", verbose_name=_("staff account")
    )
    sections = models.ManyToManyField(Section, blank=True, verbose_name=_("sections they edit"))

    class Meta:
        verbose_name = _("desk membership")
        verbose_name_plural = _("desk memberships")
        permissions = [("act_in_all_sections", _("Can act in every section (chief editor)"))]

    def __str__(self) -> str:
        return str(self.user)


class Revision(models.Model):
    """An article as one save left it: its text, which history compares and restores, and
    what placed it (`snapshot`, newsroom/snapshots.py), which history compares."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("saved by")
    )
    title = models.CharField(_("title"), max_length=300)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("body"))
    # Section, tags, photo, bylines and source: ids and the names they had then. None in
    # revisions saved before revisions recorded them.
    snapshot = models.JSONField(_("section, tags, photo, bylines and source"), null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="revision_unique_number")]

    def __str__(self) -> str:
        return f"{self.article_id} r{self.number}"


class PublishedChange(models.TextChoices):
    """What an edit of a published story is to its readers, chosen by the editor: never
    stored, the audit log records it (`action`)."""

    CORRECTION = "correction", _("Correction (readers see the note)")
    UPDATE = "update", _("Update (new facts: readers see “Updated”)")
    SILENT_FIX = "silent_fix", _("Silent fix (a typo)")

    @property
    def action(self) -> str:
        return {
            PublishedChange.CORRECTION: AuditEntry.Action.CORRECTED,
            PublishedChange.UPDATE: AuditEntry.Action.UPDATED,
        }.get(self, AuditEntry.Action.EDITED)


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", _("created")
        EDITED = "edited", _("edited")
        SUBMITTED = "submitted", _("submitted for review")
        SENT_BACK = "sent_back", _("sent back to the author")
        RECALLED = "recalled", _("recalled from review")
        PUBLISHED = "published", _("published")
        SCHEDULED = "scheduled", _("scheduled")
        UNSCHEDULED = "unscheduled", _("taken off the schedule")
        WITHDRAWN = "withdrawn", _("withdrawn")
        CORRECTED = "corrected", _("corrected")
        UPDATED = "updated", _("shown as updated")
        RESTORED = "restored", _("restored a revision")
        PINNED = "pinned", _("placed on the front page")
        UNPINNED = "unpinned", _("taken off the front page")
        BREAKING_STARTED = "breaking", _("announced as breaking news")
        BREAKING_ENDED = "breaking_ended", _("ended the breaking news banner")
        PHOTO_UPLOADED = "photo_uploaded", _("uploaded a photo")
        PERMISSIONS_CHANGED = "permissions", _("changed permissions")
        REFUSED = "refused", _("was refused")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("who")
    )
    action = models.CharField(_("what"), max_length=20, choices=Action)
    article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit", verbose_name=_("article")
    )
    target = models.CharField(_("on what"), max_length=300, blank=True)
    message = models.TextField(_("details"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["article", "-at"], name="audit_by_article")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.get_action_display()} {self.target}"


class DraftCopy(models.Model):
    """The words of a form as someone was typing them, kept every few seconds.

    One per person and story (or per person for a story not saved yet): it never
    overwrites the story; the form offers it back when they return. A save of the story
    by them ends it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    base_version = models.PositiveIntegerField(default=0)  # the story's version the form was opened at
    title = models.CharField(max_length=text.TITLE_MAX_LENGTH, blank=True)
    lead = models.TextField(blank=True)
    body = models.TextField(blank=True)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="draft_copy_one_per_story"),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(article__isnull=True), name="draft_copy_one_new_story"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.article_id or 'new'}"


class Presence(models.Model):
    """Who has a story's form open now: refreshed every few seconds while the form is open."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="presence_one_per_person")]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.article_id}"


class Notification(models.Model):
    """A person told that a story of theirs, or of their sections, moved in the workflow.

    Made in the workflow change's own transaction (`notifications.py`); the worker mails
    each one once (`mailed_at`, accounts/notification_mail.py).
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("submitted for review")
        SENT_BACK = "sent_back", _("sent back to the author")
        PUBLISHED = "published", _("published")
        SCHEDULED = "scheduled", _("scheduled")
        CORRECTED = "corrected", _("corrected")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+", verbose_name=_("article"))
    kind = models.CharField(_("what"), max_length=20, choices=Kind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("who")
    )
    message = models.TextField(_("comment"), blank=True)
    created = models.DateTimeField(_("when"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "-created"], name="notification_by_recipient"),
            models.Index(fields=["created"], condition=models.Q(mailed_at__isnull=True), name="notification_to_mail"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.kind} {self.article_id}"
