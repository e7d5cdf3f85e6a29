"""What the desk calls a story's state: the same words in lists, on the form and in the workflow box."""

from django.utils import timezone
from django.utils.translation import gettext

from newsdesk.content.models import Article
from newsdesk.lib.formatting import feed_datetime


def status_label(article: Article) -> str:
    """ "Published" only for a story readers can see; a scheduled or embargoed one says when it will be;
    a draft an editor returned says "Sent back" (`article.sent_back`, from selectors.sent_back_notes)."""
    if article.is_scheduled:
        if article.embargo_until and article.embargo_until > timezone.now():
            return gettext("Embargoed until %(time)s") % {"time": feed_datetime(article.embargo_until)}
        return gettext("Scheduled for %(time)s") % {"time": feed_datetime(article.published_at)}
    if article.status == Article.Status.DRAFT and getattr(article, "sent_back", None) is not None:
        return gettext("Sent back")
    return article.get_status_display()
