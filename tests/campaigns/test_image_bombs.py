"""The Wagtail image library refuses image bombs and images it cannot re-encode, in the upload
form with a clear message, and never stores an original that kept its EXIF data."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model

from campaigns.setup import campaign_images_collection
from tests.support.images import jpeg_bomb_with_gps, png_bomb, truncated_jpeg_with_gps
from youthcities.images import BadImage

from .helpers import activist

pytestmark = pytest.mark.django_db


def add_image(client, title, name, content, content_type):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(
        "/admin/images/add/",
        {"title": title, "file": upload, "collection": campaign_images_collection().pk},
    )


@pytest.mark.parametrize(
    "name, content, content_type, message",
    [
        ("bomb.png", png_bomb(), "image/png", "too large an image"),
        ("street.jpg", jpeg_bomb_with_gps(), "image/jpeg", "too large an image"),
        ("street.jpg", truncated_jpeg_with_gps(), "image/jpeg", "could not be read as an image"),
    ],
)
def test_the_image_upload_form_refuses_bombs_and_broken_images(
    client, index, name, content, content_type, message
):
    client.force_login(activist())
    response = add_image(client, "Refused", name, content, content_type)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_image_model().objects.filter(title="Refused").exists()


def test_an_image_that_cannot_be_reencoded_is_never_stored_as_uploaded(index, settings):
    """Seed data or any other way past the form: the save is refused, the original not kept."""
    from pathlib import Path

    from django.core.files.base import ContentFile

    image = get_image_model()(
        title="Seeded",
        file=ContentFile(jpeg_bomb_with_gps(), name="street.jpg"),
        width=1,
        height=1,
        collection=campaign_images_collection(),
    )
    with pytest.raises(BadImage):
        image.save()
    assert not get_image_model().objects.filter(title="Seeded").exists()
    assert not [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_the_multiple_uploader_refuses_a_bomb(client, index):
    client.force_login(activist())
    upload = SimpleUploadedFile("bomb.png", png_bomb(), content_type="image/png")
    response = client.post(
        "/admin/images/multiple/add/",
        {"files[]": upload, "collection": campaign_images_collection().pk},
    )
    assert response.json()["success"] is False
    assert "too large an image" in response.json()["error_message"]
    assert not get_image_model().objects.exists()
