"""A members-only resource's file lives in private storage: no storage URL reaches it, only the
permission-checked document view, for members. Locally and on a real S3 server (SeaweedFS)."""

import urllib.error
import urllib.request
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from cms.models import LibraryDocument, Resource
from tests.factories.accounts import UserFactory
from youthcities.accounts.roles import ACTIVIST, HUB_MEMBER

pytestmark = pytest.mark.django_db

SECRET = b"%PDF-1.4 the evaluation only members read"


def members_only_resource() -> Resource:
    document = LibraryDocument(title="Evaluation report")
    document.file = ContentFile(SECRET, name="evaluation.pdf")
    document.save()
    return Resource.objects.create(
        title="Evaluation report",
        document=document,
        kind="report",
        theme="inclusion",
        language="en",
        members_only=True,
    )


def body_of(response) -> bytes:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 — loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_the_file_is_kept_in_private_storage_not_public_media(settings):
    resource = members_only_resource()
    name = resource.document.file.name
    assert storages["private"].exists(name)
    assert not storages["default"].exists(name)
    assert not (settings.MEDIA_ROOT / name).exists()


@pytest.mark.parametrize("who", [None, ACTIVIST])
def test_non_members_get_no_bytes_by_any_url(client, who):
    resource = members_only_resource()
    if who:
        client.force_login(UserFactory(roles=[who]))
    name = resource.document.file.name
    for url in (
        resource.document.url,  # Wagtail's serve view
        resource.document.file.url,  # what the storage would call its address
        f"/media/{name}",  # guessed: where Wagtail's own documents are kept
        "/media/documents/evaluation.pdf",
    ):
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert SECRET not in body_of(response), url


def test_a_member_gets_the_file_through_the_document_view(client):
    resource = members_only_resource()
    client.force_login(UserFactory(roles=[HUB_MEMBER]))
    response = client.get(resource.document.url)
    assert response.status_code == 200
    assert body_of(response) == SECRET


def test_on_s3_the_file_is_private_and_members_get_a_short_lived_link(client, s3_storages):
    resource = members_only_resource()
    name = resource.document.file.name
    public = storages["default"].url(name)
    signed = storages["private"].url(name)
    unsigned = urlunsplit(urlsplit(signed)._replace(query=""))

    assert fetch(public)[0] in (403, 404)  # not in the public bucket at all
    assert fetch(unsigned)[0] in (403, 404)  # the private bucket reads nothing without a signature

    assert client.get(resource.document.url).status_code == 404
    client.force_login(UserFactory(roles=[ACTIVIST]))
    assert client.get(resource.document.url).status_code == 404

    client.force_login(UserFactory(roles=[HUB_MEMBER]))
    response = client.get(resource.document.url)
    assert response.status_code == 302
    assert "X-Amz-Signature=" in response["Location"]
    assert fetch(response["Location"]) == (200, SECRET)


def test_upgrading_moves_wagtails_documents_to_private_storage_with_their_ids():
    """cms.0006 on a database that has Wagtail's own documents: same ids (resources and training
    toolkits keep pointing at them), each file out of public media into private storage."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection
    from wagtail.documents.models import Document

    old = Document(title="Old toolkit")
    old.file = ContentFile(b"%PDF-1.4 old", name="old-toolkit.pdf")
    old.save()
    public_name = old.file.name
    assert storages["default"].exists(public_name)

    migration = importlib.import_module("cms.migrations.0006_library_document")
    migration.move_documents_to_private_storage(apps, SimpleNamespace(connection=connection))

    moved = LibraryDocument.objects.get(pk=old.pk)
    assert moved.title == "Old toolkit"
    assert not storages["default"].exists(public_name)
    with storages["private"].open(moved.file.name) as stored:
        assert stored.read() == b"%PDF-1.4 old"
    assert LibraryDocument.objects.create(title="Next", file="documents/x.pdf").pk > old.pk
