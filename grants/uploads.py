"""Checking uploaded documents: the type comes from the content (magic bytes), never the name;
images are re-encoded, which drops EXIF data (GPS location!) and defuses odd files."""

import io
import warnings
from dataclasses import dataclass

import filetype
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from .errors import BadUpload

MAX_BYTES = 10 * 1024 * 1024
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
    unreadable = BadUpload(_("%(name)s could not be read as an image.") % {"name": name})
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        # Pillow warns above ~89 million pixels (far above any phone photo) and refuses at twice
        # that: both mean a decompression bomb here.
        try:
            with Image.open(io.BytesIO(content)) as image:
                image.load()
                # Keep the picture the right way up, then drop every metadata block.
                upright = ImageOps.exif_transpose(image)
                if upright.mode not in ("RGB", "RGBA", "L", "LA"):
                    upright = upright.convert("RGBA")
                clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise BadUpload(
                _("%(name)s is too large an image. Please send a smaller one.") % {"name": name}
            ) from None
        except (OSError, SyntaxError, ValueError):
            raise unreadable from None
    out = io.BytesIO()
    if image_format == "JPEG":
        clean.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
    else:
        clean.save(out, "PNG", optimize=True)
    return out.getvalue()
