"""Re-encoding uploaded photos: drops EXIF and every other metadata block (GPS location!) and
defuses odd files. Used by grant uploads and by the Wagtail image library."""

import io
import warnings

from django.utils.translation import gettext as _
from PIL import Image, ImageOps


class BadImage(ValueError):
    pass


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
