"""A member's document is a PDF, DOCX or ODT by its content (magic bytes), whatever its name
or the type the browser announced; a file whose announced type contradicts its content is
refused (a page named report.pdf is not a report)."""

from dataclasses import dataclass

import filetype
from django.conf import settings
from django.utils.translation import gettext as _

from .errors import BadUpload
from .extract import DOCX, ODT, PDF

ALLOWED = {PDF: "pdf", DOCX: "docx", ODT: "odt"}
# What browsers announce for a file they do not know, or for a zip-based office file.
VAGUE = {"", "application/octet-stream", "binary/octet-stream"}
ZIP_NAMES = {"application/zip", "application/x-zip-compressed"}


@dataclass(frozen=True)
class CheckedDocument:
    content: bytes
    content_type: str
    extension: str


def check_document(upload) -> CheckedDocument:
    if upload.size > settings.FILE_UPLOAD_MAX_BYTES:
        raise BadUpload(
            _("%(name)s is larger than %(size)s MB. Please send a smaller file.")
            % {"name": upload.name, "size": settings.FILE_UPLOAD_MAX_BYTES // (1024 * 1024)}
        )
    content = upload.read()
    kind = filetype.guess(content)
    if kind is None or kind.mime not in ALLOWED:
        raise BadUpload(
            _("%(name)s is not a PDF, Word (DOCX) or OpenDocument (ODT) file.")
            % {"name": upload.name}
        )
    announced = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    agrees = (
        announced in VAGUE
        or announced == kind.mime
        or (announced in ZIP_NAMES and kind.mime in (DOCX, ODT))
    )
    if not agrees:
        raise BadUpload(
            _("%(name)s says it is %(announced)s but its content is not: it was not accepted.")
            % {"name": upload.name, "announced": announced}
        )
    return CheckedDocument(content=content, content_type=kind.mime, extension=ALLOWED[kind.mime])
