"""Too large a request is refused while it arrives, not after: a body announced over
REQUEST_BODY_MAX_BYTES before any of it is read, and a file as soon as it grows over
FILE_UPLOAD_MAX_BYTES while it streams in. Both get a 413 page in the visitor's language."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import render

_TOO_LARGE = "_youthcities_upload_too_large"


class FileSizeLimitHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: counts each file's bytes as they come, and stops reading
    the request once one file is over the limit (the rest of the body is never read)."""

    received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.FILE_UPLOAD_MAX_BYTES:
            setattr(self.request, _TOO_LARGE, True)
            raise StopUpload(connection_reset=True)
        return raw_data  # on to the handlers that store it

    def file_complete(self, file_size):
        return None  # the next handler makes the file


def too_large(request):
    megabyte = 1024 * 1024
    context = {
        "FILE_UPLOAD_MAX_MB": settings.FILE_UPLOAD_MAX_BYTES // megabyte,
        "REQUEST_BODY_MAX_MB": settings.REQUEST_BODY_MAX_BYTES // megabyte,
    }
    return render(request, "413.html", context, status=413)


def body_too_large(request) -> bool:
    """The request says its body is over REQUEST_BODY_MAX_BYTES (nothing of it read yet)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    return length > settings.REQUEST_BODY_MAX_BYTES


class RequestSizeLimitMiddleware:
    """After LocaleMiddleware (the page speaks the visitor's language), before anything reads
    the body (CsrfViewMiddleware does)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if body_too_large(request):
            return too_large(request)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and request.content_type == "multipart/form-data":
            request.POST  # noqa: B018 — parse now, so a stopped upload never reaches the view
            if getattr(request, _TOO_LARGE, False):
                return too_large(request)
        return None
