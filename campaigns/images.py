"""Every image stored in the Wagtail library is re-encoded before its first save, whichever way it
arrives (the admin form, the multiple uploader, the chooser, seed data): no original keeps its
EXIF data, and so no photo gives away where it was taken."""

import hashlib

from django.core.files.base import ContentFile
from django.db.models.signals import pre_save
from wagtail.images import get_image_model

from youthcities.images import BadImage, reencode_image

FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "GIF"}


def strip_metadata(sender, instance, **kwargs) -> None:
    upload = instance.file
    if not upload or getattr(upload, "_committed", True):
        return  # nothing new to store
    from PIL import Image

    upload.seek(0)
    content = upload.read()
    try:
        with Image.open(ContentFile(content)) as probe:
            image_format = FORMATS.get(probe.format or "", "PNG")
        clean, (width, height) = reencode_image(content, image_format, upload.name)
    except (BadImage, OSError):
        return  # Wagtail's own validation has refused it already, or will
    instance.file = ContentFile(clean, name=upload.name)
    instance.width, instance.height = width, height
    instance.file_size = len(clean)
    instance.file_hash = hashlib.sha1(clean, usedforsecurity=False).hexdigest()


def connect() -> None:
    pre_save.connect(strip_metadata, sender=get_image_model(), dispatch_uid="campaigns.images")
