"""The content model: one Article row per language version of a story.

The three language versions of a story share a `translation_group`. Sections and
sources are shared by the editions and carry a name per language; tags belong to one
edition, because they are words of its language.
"""

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from newsdesk.content import text
from newsdesk.content.authors import Author
from newsdesk.content.photos import Photo
from newsdesk.content.text import clean_plain_fields
from newsdesk.content.visibility import is_visible_at, visible_condition
from newsdesk.editions.definition import ARTICLE_LANGUAGES, language_name
from newsdesk.editions.editions import article_path, edition_url, has_any_translation, in_edition

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The moments a story's times may take: enough for any archive and any schedule, and
# within what every database stores once converted to UTC (SQLite fails near year 1).
EARLIEST_MOMENT = datetime(1900, 1, 1, tzinfo=UTC)
LATEST_MOMENT = datetime(9000, 1, 1, tzinfo=UTC)


def moment_error(value: datetime | None) -> "StrOrPromise | None":
    """Why `value` cannot be a story's time, or None when it can."""
    if value is not None and not EARLIEST_MOMENT <= value < LATEST_MOMENT:
        return _("Give a date between 1900 and 9000.")
    return None


# The languages articles are written in, one per edition's language (editions/definition.py).
Language = models.TextChoices("Language", [(code.upper(), (code, language_name(code))) for code in ARTICLE_LANGUAGES])  # type: ignore[call-overload]  # stubs: no (value, label) members


class NamedInEachEdition(models.Model):
    """A name per edition; blank ones fall back to the others, so one is enough."""

    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name_for(translation.get_language() or settings.LANGUAGE_CODE)

    def name_for(self, language: str) -> str:
        return in_edition(self, field="name", edition=language)

    def clean(self) -> None:
        clean_plain_fields(self, ["name_en", "name_ru", "name_kk"])
        if not has_any_translation(self, field="name"):
            raise ValidationError(_("Give a name in at least one language."))


class Section(NamedInEachEdition):
    """A rubric: Politics, Economy, Society… shared by all editions."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(_("position in the menu"), default=0)
    is_in_menu = models.BooleanField(_("shown in the menu"), default=True)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def get_absolute_url(self, language: str | None = None) -> str:
        return edition_url("public:section", edition=language, slug=self.slug)


class Tag(models.Model):
    language = models.CharField(_("language"), max_length=5, choices=Language)
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [models.UniqueConstraint(fields=["language", "slug"], name="tag_unique_slug_per_language")]

    def __str__(self) -> str:
        # The back office lists tags of every language: "дипломатия · Русский" and "· Қазақша".
        return f"{self.name} · {self.get_language_display()}"

    def get_absolute_url(self) -> str:
        return edition_url("public:tag", edition=self.language, slug=self.slug)

    def clean(self) -> None:
        clean_plain_fields(self, ["name"])
        if not self.slug:
            self.slug = text.make_slug(self.name)


class Source(NamedInEachEdition):
    """Who the agency reports from: a ministry, another agency, a newspaper."""

    url = models.URLField(_("web address"), blank=True)

    class Meta:
        ordering = ["name_en", "name_ru", "name_kk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")


class ArticleQuerySet(models.QuerySet):
    def visible(self, now: datetime | None = None) -> "ArticleQuerySet":
        """What readers, feeds and partners may see: published, its publication time has
        come, and no embargo holds it back.

        Scheduling is just a future `published_at`; nothing has to run at that minute.
        """
        return self.filter(visible_condition(now=now or timezone.now()))


class FrontSlot(models.IntegerChoices):
    """Where an editor pins a story on its edition's front page."""

    TOP = 1, _("top story")
    SECONDARY = 2, _("secondary story")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    language = models.CharField(_("language"), max_length=5, choices=Language, default=Language.EN)
    translation_group = models.UUIDField(
        _("translation group"),
        default=uuid.uuid4,
        editable=False,
        help_text=_("The language versions of one story share this."),
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translated from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations_made",
        editable=False,
    )
    translated_from_version = models.PositiveIntegerField(
        _("translated from version"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The original's version this translation follows; older than the original means outdated."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    title = models.CharField(_("title"), max_length=text.TITLE_MAX_LENGTH)
    slug = models.SlugField(
        _("slug"),
        max_length=text.SLUG_MAX_LENGTH,
        blank=True,
        help_text=_("The readable part of the address; made from the title when empty."),
    )
    lead = models.TextField(
        _("lead"),
        blank=True,
        validators=[MaxLengthValidator(text.LEAD_MAX_LENGTH)],
        help_text=_("One or two sentences for listings, search engines and shares."),
    )
    body = models.TextField(_("body"), validators=[MaxLengthValidator(text.BODY_MAX_LENGTH)])
    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles")
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    photo = models.ForeignKey(
        Photo,
        verbose_name=_("lead photo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    is_breaking = models.BooleanField(_("breaking news"), default=False)
    # The front page and the breaking banner: set by editors from the desk
    # (newsroom/front.py), never by the change form; each ends by itself at its time.
    front_slot = models.PositiveSmallIntegerField(
        _("place on the front page"), choices=FrontSlot, null=True, blank=True, editable=False
    )
    front_until = models.DateTimeField(_("on the front page until"), null=True, blank=True, editable=False)
    breaking_until = models.DateTimeField(_("breaking banner until"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the article: readers see it from then on."),
    )
    embargo_until = models.DateTimeField(
        _("embargo until"),
        null=True,
        blank=True,
        help_text=_("No reader, feed or partner sees the story before this time, even when it is published."),
    )
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True, editable=False)
    revised_at = models.DateTimeField(
        _("updated at (shown)"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The last substantive change readers are told of (a correction, or an edit shown as updated); "
            "a typo fix leaves it."
        ),
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, editable=False, help_text=_("Goes up by one with every save.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish, schedule, send back and withdraw articles")),
            ("correct_article", _("Can correct published articles")),
            ("edit_others_article", _("Can edit other people's articles")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["translation_group", "language"], name="article_one_version_per_language"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
        ]
        indexes = [
            # Feeds read only published rows, newest first, keyset on (published_at, id).
            models.Index(
                "language",
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="article_feed",
                condition=Q(status="published"),
            ),
            models.Index(
                "section",
                "language",
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="article_section_feed",
                condition=Q(status="published"),
            ),
            # The front page's pins and the breaking banner: a handful of rows at any time.
            models.Index(
                fields=["language", "front_until"], name="article_front", condition=Q(front_until__isnull=False)
            ),
            models.Index(
                fields=["language", "breaking_until"],
                name="article_breaking",
                condition=Q(breaking_until__isnull=False),
            ),
            models.Index(fields=["status", "-updated_at"], name="article_desk"),
            models.Index(fields=["-updated_at", "-id"], name="article_recently_saved"),
            # The desk's own lists (one section, my stories), in the order the desk shows:
            # without them a million-article archive is sorted on every page.
            models.Index(fields=["section", "-updated_at", "-id"], name="article_section_desk"),
            models.Index(fields=["created_by", "-updated_at", "-id"], name="article_author_desk"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Pages print the body as HTML, so it is sanitised on every save, whatever path
        # the write took (a form cleans it earlier and reports what it removed).
        self.body = text.sanitize_body(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return article_path(article_id=self.pk, edition=self.language, slug=self.slug)

    def clean(self) -> None:
        errors: dict[str, list] = {}
        try:
            clean_plain_fields(self, ["title", "lead"])
        except ValidationError as error:
            errors.update(error.error_dict)
        self.body = text.sanitize_body(self.body)
        if not text.body_has_text(self.body):
            errors["body"] = [_("The body has no text once unsafe markup is removed.")]
        if not self.slug:
            self.slug = text.make_slug(self.title)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            errors["published_at"] = [_("A published article needs a publication time.")]
        for field in ("published_at", "embargo_until"):
            if problem := moment_error(getattr(self, field)):
                errors.setdefault(field, []).append(problem)
        if errors:
            raise ValidationError(errors)

    @property
    def is_visible(self) -> bool:
        return is_visible_at(
            now=timezone.now(), status=self.status, published_at=self.published_at, embargo_until=self.embargo_until
        )

    @property
    def modified_at(self) -> datetime | None:
        """When the story last changed for readers and machines: its publication, or the
        latest correction or edit shown as updated, whichever is later."""
        if self.revised_at and self.published_at and self.revised_at > self.published_at:
            return self.revised_at
        return self.published_at

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and not self.is_visible


class Correction(models.Model):
    """A public note that an article was corrected after publication, shown under it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    note = models.TextField(_("correction note"), validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(_("corrected at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,  # a correction by the system (an import, a wire's update) has no one
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        # The corrections page and its feed, newest first, a page at a time.
        indexes = [models.Index(fields=["created_at", "id"], name="correction_newest")]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return self.note

    def clean(self) -> None:
        clean_plain_fields(self, ["note"])


class Byline(models.Model):
    class Role(models.TextChoices):
        REPORTED_BY = "reported", _("Reported by")
        WRITTEN_BY = "written", _("Written by")
        TRANSLATED_BY = "translated", _("Translated by")
        PHOTO_BY = "photo", _("Photo by")
        EDITED_BY = "edited", _("Edited by")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="bylines")
    role = models.CharField(_("role"), max_length=12, choices=Role, default=Role.REPORTED_BY)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        constraints = [
            models.UniqueConstraint(fields=["article", "author", "role"], name="byline_unique_role_per_author")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.author}"


class VisibilityDue(models.Model):
    """A published story that readers cannot see yet, and the moment they will: the worker
    announces it then (content.events), once."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="+")
    visible_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.article_id} at {self.visible_at.isoformat()}"
