"""What the reader's site keeps of its own: each story's page parts, rendered once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from newsdesk.content.models import Article


class ArticleBlock(models.Model):
    """A story's page parts as every reader of one edition sees them (public/article_blocks.py):
    what its page says about itself (link preview, feeds, JSON-LD) and the story itself
    (header, bylines, photo, body, corrections, source, tags), rendered when it is published
    or changed, or on its first reading, and assembled into the page at each request."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+", verbose_name=_("article"))
    edition = models.CharField(_("edition"), max_length=8)
    # The story's save it was rendered from: an edit of the story makes it stale by itself.
    made_from = models.DateTimeField(_("story saved at"))
    # What else it shows (the site's settings, the time zone, Latin spellings, the
    # templates): another value here and it is rendered again.
    context = models.CharField(_("rendering context"), max_length=16)
    head = models.TextField(_("page metadata"))
    body = models.TextField(_("story HTML"))

    class Meta:
        verbose_name = _("story block")
        verbose_name_plural = _("story blocks")
        constraints = [models.UniqueConstraint(fields=["article", "edition"], name="article_block_per_edition")]

    def __str__(self) -> str:
        return f"{self.article_id} ({self.edition})"
