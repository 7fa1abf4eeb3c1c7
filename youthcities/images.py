"""Re-encoding uploaded photos: drops EXIF and every other metadata block (GPS location!) and
defuses odd files. Used by grant uploads and by the Wagtail image library. And rendering them
safely: a picture that cannot be rendered is left out of the page, never a reason for a 500."""

import io
import logging
import warnings

from django.utils.translation import gettext as _
from PIL import Image, ImageOps

log = logging.getLogger(__name__)


class BadImage(ValueError):
    pass


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


def reencode_image(content: bytes, image_format: str, name: str) -> tuple[bytes, tuple[int, int]]:
    """The picture alone, the right way up, in `image_format`; and its size."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        # Pillow warns above ~89 million pixels (far above any phone photo) and refuses at twice
        # that: both mean a decompression bomb here.
        try:
            with Image.open(io.BytesIO(content)) as image:
                image.load()
                upright = ImageOps.exif_transpose(image)
                if upright.mode not in ("RGB", "RGBA", "L", "LA"):
                    upright = upright.convert("RGBA")
                # A new image from the pixels alone carries no metadata at all.
                clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise BadImage(
                _("%(name)s is too large an image. Please send a smaller one.") % {"name": name}
            ) from None
        except (OSError, SyntaxError, ValueError):
            raise BadImage(_("%(name)s could not be read as an image.") % {"name": name}) from None
    out = io.BytesIO()
    if image_format == "JPEG":
        clean.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
    elif image_format == "WEBP":
        clean.save(out, "WEBP", quality=85)
    elif image_format == "GIF":
        clean.save(out, "GIF")
    else:
        clean.save(out, "PNG", optimize=True)
    return out.getvalue(), clean.size
