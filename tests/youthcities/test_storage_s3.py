import time
import urllib.error
import urllib.request
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest
from botocore.config import Config
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from config.settings import s3_storage
from tests.support.s3 import s3_client


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_private_document_round_trips_through_s3(s3_storages):
    storage = storages["private"]
    content = b"%PDF-1.7 budget sheet " + uuid.uuid4().bytes
    name = storage.save("applications/budget.pdf", ContentFile(content))
    with storage.open(name) as stored:
        assert stored.read() == content
    listed = s3_client(s3_storages).list_objects_v2(Bucket=s3_storages.private_bucket)["Contents"]
    assert name in [item["Key"] for item in listed]


def test_private_documents_are_reached_only_through_a_presigned_url(s3_storages):
    storage = storages["private"]
    name = storage.save("applications/letter.pdf", ContentFile(b"letter of support"))
    url = storage.url(name)
    assert "X-Amz-Signature=" in url
    assert "X-Amz-Expires=300" in url
    assert fetch(url) == (200, b"letter of support")
    unsigned = urlunsplit(urlsplit(url)._replace(query=""))
    assert fetch(unsigned)[0] == 403


def test_an_expired_presigned_url_is_refused(s3_storages):
    name = storages["private"].save("applications/old.pdf", ContentFile(b"old"))
    url = s3_client(s3_storages).generate_presigned_url(
        "get_object", Params={"Bucket": s3_storages.private_bucket, "Key": name}, ExpiresIn=1
    )
    time.sleep(2)
    assert fetch(url)[0] == 403


def test_media_and_private_documents_live_in_separate_buckets(s3_storages):
    public_name = storages["default"].save("images/photo.txt", ContentFile(b"public"))
    assert "X-Amz-Signature" not in storages["default"].url(public_name)
    assert not storages["private"].exists(public_name)


@pytest.mark.django_db
def test_healthz_checks_the_s3_storage(client, s3_storages):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == "ok"


@pytest.mark.django_db
def test_healthz_names_the_storage_when_s3_is_down(client, s3_storages, settings):
    closed = s3_storage(
        bucket="private",
        private=True,
        endpoint_url="http://127.0.0.1:1",
        access_key="x",
        secret_key="y",
    )
    closed["OPTIONS"]["client_config"] = Config(
        connect_timeout=1, read_timeout=1, retries={"max_attempts": 1}
    )
    settings.STORAGES = {**settings.STORAGES, "private": closed}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["storage"]
