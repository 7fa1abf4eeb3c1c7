"""Checking uploaded documents: the type comes from the content (magic bytes), never the name;
images are re-encoded, which drops EXIF data (GPS location!) and defuses odd files."""

from dataclasses import dataclass

import filetype
from django.conf import settings
from django.utils.translation import gettext as _

from grants.errors import BadUpload
from youthcities.images import BadImage
from youthcities.images import reencode_image as reencode

MAX_BYTES = settings.FILE_UPLOAD_MAX_BYTES
ALLOWED = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "image/jpeg": "jpg",
    "image/png": "png",
}
IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    extension: str


def check_upload(upload) -> CheckedFile:
    if upload.size > MAX_BYTES:
        raise BadUpload(
            _("%(name)s is larger than 10 MB. Please send a smaller file.") % {"name": upload.name}
        )
    content = upload.read()
    kind = filetype.guess(content)
    if kind is None or kind.mime not in ALLOWED:
        raise BadUpload(
            _("%(name)s is not a PDF, Word (DOCX), Excel (XLSX), JPEG or PNG file.")
            % {"name": upload.name}
        )
    if kind.mime in IMAGE_FORMATS:
        content = reencode_image(content, IMAGE_FORMATS[kind.mime], upload.name)
    return CheckedFile(content=content, content_type=kind.mime, extension=ALLOWED[kind.mime])


def reencode_image(content: bytes, image_format: str, name: str) -> bytes:
    """Too large (from the header, before decoding) or not re-encodable: refused."""
    try:
        clean, _size = reencode(content, image_format, name)
    except BadImage as error:
        raise BadUpload(str(error)) from None
    return clean
