"""Every image stored in the Wagtail library is re-encoded before its first save, whichever way it
arrives (the admin form, the multiple uploader, the chooser, seed data): no original keeps its
EXIF data, and so no photo gives away where it was taken. The upload form re-encodes at once, so
an image bomb or a file that cannot be re-encoded is refused there with a clear message; any
other way in raises BadImage rather than store the original."""

import hashlib

from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models.signals import pre_save
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from youthcities.images import BadImage, reencode_image

# The re-encoded picture, kept on the upload between the form's check and the save.
_CLEAN = "_youthcities_reencoded"


def _reencode(upload) -> tuple[bytes, tuple[int, int]]:
    done = getattr(upload, _CLEAN, None)
    if done is None:
        upload.seek(0)
        done = reencode_image(upload.read(), None, upload.name)
        upload.seek(0)
        setattr(upload, _CLEAN, done)
    return done


class ReencodedImageField(WagtailImageField):
    """Wagtail's image field, but the picture must re-encode first: the size is read from the
    header, so a bomb is refused before Willow decodes any pixel (and a file Willow cannot
    decode gets a message rather than an error page)."""

    def to_python(self, data):
        small_enough = self.max_upload_size is None or data.size <= self.max_upload_size
        if isinstance(data, UploadedFile) and small_enough:
            try:
                _reencode(data)
            except BadImage as error:
                if error.code != "not_an_image":  # that one Wagtail words itself, below
                    raise forms.ValidationError(str(error), code="not_reencodable") from None
        return super().to_python(data)


class ReencodedImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE, for the admin form and the multiple uploader alike."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, ReencodedImageField):
            self.fields["file"] = ReencodedImageField(
                label=field.label, required=field.required, widget=field.widget
            )


def strip_metadata(sender, instance, **kwargs) -> None:
    upload = instance.file
    if not upload or getattr(upload, "_committed", True):
        return  # nothing new to store
    clean, (width, height) = _reencode(upload.file)  # BadImage: never store the original
    instance.file = ContentFile(clean, name=upload.name)
    instance.width, instance.height = width, height
    instance.file_size = len(clean)
    instance.file_hash = hashlib.sha1(clean, usedforsecurity=False).hexdigest()


def connect() -> None:
    pre_save.connect(strip_metadata, sender=get_image_model(), dispatch_uid="campaigns.images")
