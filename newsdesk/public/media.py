"""Uploaded media as the embedded install serves it (SERVE_MEDIA=1).

Behind nginx (SERVE_MEDIA=0) nginx serves MEDIA_ROOT itself, on the same terms
(docs/deploy.md). The type of a response comes from a short list of what Newsdesk stores,
by extension, never from the file's bytes or the platform's MIME table; with `nosniff`
a browser cannot be talked into reading an image as a page. Anything else is sent as
`application/octet-stream` for download. Stored names get their extension from the
decoded format (content/image_cleaning.py), so a `.png` here is a PNG we wrote.

Only regular files inside MEDIA_ROOT are served: no `..`, no empty or `.` segments, no
backslashes, no symbolic link leading out, no directory listing, no device or FIFO. Any
doubt is a 404, never a 500.
"""

import os
import stat

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

MEDIA_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "avif": "image/avif",
    "ts": "video/mp2t",  # the demo's live stream segments (demo/live_stream.py)
}
DOWNLOAD_TYPE = "application/octet-stream"
# Stored names are new for every upload, so a file may be kept as long as nginx keeps it.
CACHE_CONTROL = "public, max-age=2592000"


def media_type(name: str) -> str | None:
    """The type a stored file is served with, or None: not ours to show, a download."""
    _base, dot, extension = name.rpartition(".")
    return MEDIA_TYPES.get(extension.lower()) if dot and _base else None


def _open_media_file(path: str) -> tuple[int, os.stat_result] | None:
    """A descriptor of the regular file `path` names inside MEDIA_ROOT, and its status."""
    parts = path.split("/")
    if any(part in ("", ".", "..") or "\\" in part or "\0" in part for part in parts):
        return None
    try:
        root = os.path.realpath(settings.MEDIA_ROOT)
        # realpath resolves symbolic links: one that leads out of MEDIA_ROOT is refused.
        target = os.path.realpath(os.path.join(root, *parts))
        if os.path.commonpath([root, target]) != root or target == root:
            return None
        # O_NONBLOCK: opening a FIFO must not wait; O_NOFOLLOW: nor follow a link put in
        # place since realpath looked.
        descriptor = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except (OSError, ValueError):
        return None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        return None
    return descriptor, status


@require_safe
def serve_media(request: HttpRequest, path: str) -> HttpResponseBase:
    opened = _open_media_file(path)
    if opened is None:
        raise Http404
    descriptor, status = opened
    content_type = media_type(path)
    headers = {
        "Last-Modified": http_date(status.st_mtime),
        "ETag": f'"{status.st_mtime_ns:x}-{status.st_size:x}"',
        "Cache-Control": CACHE_CONTROL,
        "X-Content-Type-Options": "nosniff",
    }
    if content_type is None:
        headers["Content-Disposition"] = "attachment"
    not_modified = get_conditional_response(request, etag=headers["ETag"], last_modified=int(status.st_mtime))
    if not_modified is not None or request.method == "HEAD":
        os.close(descriptor)
        response: HttpResponseBase = not_modified or HttpResponse(content_type=content_type or DOWNLOAD_TYPE)
        if not_modified is None:
            response["Content-Length"] = str(status.st_size)
    else:
        response = FileResponse(os.fdopen(descriptor, "rb"), content_type=content_type or DOWNLOAD_TYPE)
    for header, value in headers.items():
        response[header] = value
    return response
