"""A journalist's single file for the Incoming desk: a press release or an agency's item
sent by e-mail or on a stick, read as the wire it belongs to would deliver it."""

import logging
from typing import TYPE_CHECKING, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsdesk.newsroom.pages import back_office_page
from newsdesk.newsroom.wire_take import may_take
from newsdesk.wires.drop_folder import file_store
from newsdesk.wires.ingest import Stored
from newsdesk.wires.models import WireSource
from newsdesk.wires.parsed import ParseError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

log = logging.getLogger("newsdesk.wires")


class UploadForm(forms.Form):
    wire = forms.ModelChoiceField(
        label=_("wire"),
        queryset=WireSource.objects.filter(is_active=True).select_related("source"),
        help_text=_("Its items name this wire's source, as the wire's own deliveries do."),
    )
    file = forms.FileField(
        label=_("file"),
        help_text=_("An RSS or Atom feed, a JSON Feed, an IPTC ninjs or NewsML-G2 file."),
    )

    def clean_file(self) -> bytes:
        upload = cast("UploadedFile", self.cleaned_data["file"])
        limit = settings.WIRES["MAX_BYTES"]
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.") % {"limit": f"{limit / 1_000_000:g}"}, code="too_large"
            )
        return upload.read(limit + 1)[:limit]


def _stored_message(stored: Stored) -> str:
    if not (stored.new or stored.updated or stored.folded):
        return str(_("The file was read; the desk had every item in it already."))
    parts = [
        ngettext("%(count)d new item", "%(count)d new items", stored.new) % {"count": stored.new},
        ngettext("%(count)d updated", "%(count)d updated", stored.updated) % {"count": stored.updated},
        ngettext(
            "%(count)d folded into an item from another wire",
            "%(count)d folded into items from other wires",
            stored.folded,
        )
        % {"count": stored.folded},
    ]
    return str(_("The file was read: %(outcome)s.")) % {"outcome": ", ".join(parts)}


def wire_file_upload(request: HttpRequest) -> HttpResponse:
    if not may_take(cast("User", request.user)):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        wire: WireSource = form.cleaned_data["wire"]
        try:
            stored = file_store(wire=wire, content=form.cleaned_data["file"])
        except ParseError as error:
            form.add_error("file", str(error))
        else:
            log.info("wire %s: a file uploaded by %s: %d new items", wire.name, request.user, stored.new)
            messages.success(request, _stored_message(stored))
            listing = reverse("admin:wires_wireitem_changelist")
            return HttpResponseRedirect(f"{listing}?wire__id__exact={wire.pk}")
    context = {"title": _("Upload a wire's file"), "form": form}
    return back_office_page(request, "newsroom/incoming_upload.html", context)
