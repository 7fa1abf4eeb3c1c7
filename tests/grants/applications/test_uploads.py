import io

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from grants.applications.models import Attachment
from grants.applications.services import attachment_store
from grants.applications.uploads import MAX_BYTES, check_upload
from grants.errors import BadUpload, StorageUnavailable
from tests.factories.accounts import UserFactory
from tests.factories.grants import GrantCallFactory
from tests.grants.wizard_helpers import fill_all_steps, post_step, step_url
from tests.support.s3 import refusing_s3_storage
from youthcities.network.cities.models import City

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (33.0, 33.0, 36.0), 3: "E", 4: (35.0, 22.0, 12.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    data = out.getvalue()
    assert b"PhoneMaker" in data
    return data


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_pdf_is_accepted_by_its_content():
    checked = check_upload(upload("budget.pdf", PDF))
    assert checked.content_type == "application/pdf"
    assert checked.extension == "pdf"


def test_a_renamed_executable_posing_as_pdf_is_refused():
    elf = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
    with pytest.raises(BadUpload, match="not a PDF"):
        check_upload(upload("budget.pdf", elf, "application/pdf"))


def test_a_file_over_10_mb_is_refused():
    big = upload("big.pdf", PDF + b"0" * (MAX_BYTES + 1 - len(PDF)))
    with pytest.raises(BadUpload, match="larger than 10 MB"):
        check_upload(big)


def test_photos_lose_their_exif_and_gps():
    checked = check_upload(upload("photo.jpg", jpeg_with_gps()))
    assert checked.content_type == "image/jpeg"
    assert b"PhoneMaker" not in checked.content
    assert Image.open(io.BytesIO(checked.content)).getexif() == {}


def test_a_decompression_bomb_is_refused():
    # A tiny PNG that claims 20 000 × 20 000 pixels: 400 million, beyond Pillow's limit.
    image = Image.new("1", (20_000, 20_000))
    out = io.BytesIO()
    image.save(out, "PNG")
    assert len(out.getvalue()) < 200_000
    with pytest.raises(BadUpload, match="too large an image"):
        check_upload(upload("bomb.png", out.getvalue()))


def test_a_broken_image_is_refused():
    with pytest.raises(BadUpload, match="could not be read"):
        check_upload(upload("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100))


@pytest.mark.django_db
def test_stored_attachments_get_random_keys_in_private_storage():
    user = UserFactory()
    attachment = attachment_store(
        uploaded_by=user, kind="budget_sheet", upload=upload("Lina budget.pdf", PDF)
    )
    assert attachment.original_name == "Lina budget.pdf"
    assert "Lina" not in attachment.file.name
    assert attachment.file.name.startswith("applications/")
    assert storages["private"].exists(attachment.file.name)


@pytest.mark.django_db
def test_s3_down_during_an_upload_is_a_clear_error_and_keeps_the_other_answers(
    client, settings, tmp_path
):

    city = City.objects.create(name="Saida", slug="saida", country="LB", region="middle_east")
    call = GrantCallFactory()
    user = UserFactory()
    client.force_login(user)
    fill_all_steps(client, call, city, until="documents")
    settings.STORAGES = {**settings.STORAGES, "private": refusing_s3_storage()}
    response = post_step(
        client, call, "documents", files={"documents-budget_sheet": upload("b.pdf", PDF)}
    )
    assert response.status_code == 200
    assert "could not store your file just now" in response.content.decode()
    application = user.grant_applications.get()
    assert application.title == "Stories from our street"
    assert application.completed_steps == ["eligibility", "team", "project", "budget"]
    with pytest.raises(StorageUnavailable):
        attachment_store(uploaded_by=user, kind="other", upload=upload("c.pdf", PDF))


@pytest.mark.django_db
def test_documents_step_attaches_uploads_and_can_remove_them(client):
    city = City.objects.create(name="Saida", slug="saida", country="LB", region="middle_east")
    call = GrantCallFactory()
    user = UserFactory()
    client.force_login(user)
    fill_all_steps(client, call, city, until="documents")
    response = post_step(
        client,
        call,
        "documents",
        files={
            "documents-budget_sheet": upload("budget.pdf", PDF),
            "documents-support_letter": upload("letter.jpg", jpeg_with_gps()),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    application = user.grant_applications.get()
    assert sorted(application.attachments.values_list("kind", flat=True)) == [
        "budget_sheet",
        "support_letter",
    ]
    letter = application.attachments.get(kind="support_letter")
    assert b"PhoneMaker" not in letter.file.read()
    # Going back and unticking the letter removes it from the application.
    keep = application.attachments.get(kind="budget_sheet")
    post_step(client, call, "documents", {"keep": [str(keep.pk)]})
    assert list(application.attachments.all()) == [keep]
    assert Attachment.objects.filter(application__isnull=True).count() == 1


@pytest.mark.django_db
def test_documents_of_another_applicant_are_not_found(client):
    owner = UserFactory()
    city = City.objects.create(name="Saida", slug="saida", country="LB", region="middle_east")
    call = GrantCallFactory()
    client.force_login(owner)
    fill_all_steps(client, call, city, until="documents")
    post_step(client, call, "documents", files={"documents-budget_sheet": upload("b.pdf", PDF)})
    attachment = owner.grant_applications.get().attachments.get()
    response = client.get(f"/en/my/documents/{attachment.token}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF
    client.force_login(UserFactory())
    assert client.get(f"/en/my/documents/{attachment.token}/").status_code == 404
    client.logout()
    assert client.get(f"/en/my/documents/{attachment.token}/").status_code == 302
    assert step_url(call, "x")


@pytest.mark.django_db
def test_documents_on_s3_are_handed_out_as_short_lived_presigned_urls(client, s3_storages):
    import urllib.request

    city = City.objects.create(name="Saida", slug="saida", country="LB", region="middle_east")
    call = GrantCallFactory()
    owner = UserFactory()
    client.force_login(owner)
    fill_all_steps(client, call, city, until="documents")
    post_step(client, call, "documents", files={"documents-budget_sheet": upload("b.pdf", PDF)})
    attachment = owner.grant_applications.get().attachments.get()
    response = client.get(f"/en/my/documents/{attachment.token}/")
    assert response.status_code == 302
    assert "X-Amz-Expires=300" in response["Location"]
    with urllib.request.urlopen(response["Location"], timeout=5) as download:  # noqa: S310
        assert download.read() == PDF


def test_an_image_bomb_is_refused_from_its_header():
    import time

    from tests.support.images import jpeg_bomb_with_gps, png_bomb

    for name, content in [("bomb.png", png_bomb()), ("street.jpg", jpeg_bomb_with_gps())]:
        started = time.process_time()
        with pytest.raises(BadUpload, match="too large an image"):
            check_upload(upload(name, content))
        assert time.process_time() - started < 1


@pytest.mark.django_db
def test_a_stored_file_shows_in_its_slot(client):
    city = City.objects.create(name="Saida", slug="saida", country="LB", region="middle_east")
    call = GrantCallFactory()
    client.force_login(UserFactory())
    fill_all_steps(client, call, city, until="documents")
    post_step(
        client, call, "documents", files={"documents-support_letter": upload("letter.pdf", PDF)}
    )
    page = client.get(step_url(call, "documents")).content.decode()
    assert "Letter of support: letter.pdf ✓" in page
