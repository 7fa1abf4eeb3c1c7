"""Re-encoding uploaded photos: drops EXIF and every other metadata block (GPS location!) and
defuses odd files. Used by grant uploads and by the Wagtail image library. Whatever cannot be
re-encoded is refused: no original is ever kept as uploaded. And rendering them safely: a picture
that cannot be rendered is left out of the page, never a reason for a 500."""

import io
import logging
import warnings

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

log = logging.getLogger(__name__)

# The largest picture we decode, far above any phone photo (a 9 400 × 9 400 PNG of a few hundred
# kilobytes would otherwise cost 15 s of CPU and a gigabyte of memory). One number, in settings,
# for Wagtail's upload form too; Pillow itself then warns above it and refuses at twice it.
MAX_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "GIF"}


class BadImage(ValueError):
    def __init__(self, message: str, code: str = "unreadable"):
        super().__init__(message)
        self.code = code  # "too_large", "not_an_image" or "unreadable"


def rendition_or_none(image, spec: str):
    """The rendition of a library image, or None when it cannot be made (the original is gone
    from storage, unreadable, or storage is down): public pages then show without the picture
    rather than fail, or show a broken one. The failure is logged."""
    if not image:
        return None
    try:
        return image.get_rendition(spec)
    except Exception:  # noqa: BLE001 — no picture is worth a page that does not open
        log.warning("image %s could not be rendered as %s", image.pk, spec, exc_info=True)
        return None


def _too_large(name: str) -> BadImage:
    return BadImage(
        _("%(name)s is too large an image. Please send a smaller one.") % {"name": name},
        code="too_large",
    )


def reencode_image(
    content: bytes, image_format: str | None, name: str
) -> tuple[bytes, tuple[int, int]]:
    """The picture alone, the right way up, in `image_format` (None: its own format, if one we
    keep); and its size. Raises BadImage, with a message for the uploader, for anything else."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # open() reads the header only: the size is known before any pixel is decoded.
            with Image.open(io.BytesIO(content)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise _too_large(name)
                image_format = image_format or FORMATS.get(image.format or "", "PNG")
                image.load()
                upright = ImageOps.exif_transpose(image)
                if upright.mode not in ("RGB", "RGBA", "L", "LA"):
                    upright = upright.convert("RGBA")
                # A new image from the pixels alone carries no metadata at all.
                clean = Image.new(upright.mode, upright.size)
                clean.paste(upright)
            out = io.BytesIO()
            if image_format == "JPEG":
                clean.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
            elif image_format == "WEBP":
                clean.save(out, "WEBP", quality=85)
            elif image_format == "GIF":
                clean.save(out, "GIF")
            else:
                clean.save(out, "PNG", optimize=True)
    except BadImage:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, MemoryError):
        raise _too_large(name) from None
    except Image.UnidentifiedImageError:
        raise BadImage(
            _("%(name)s could not be read as an image.") % {"name": name}, code="not_an_image"
        ) from None
    except Exception:  # noqa: BLE001 — an upload Pillow cannot re-encode, for whatever reason
        raise BadImage(_("%(name)s could not be read as an image.") % {"name": name}) from None
    return out.getvalue(), clean.size
