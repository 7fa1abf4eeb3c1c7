"""Too large a request is refused early: by its Content-Length before the body is read, and a
file that grows over the limit while it streams in is stopped there."""

import io

import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from grants.applications.models import Attachment

pytestmark = pytest.mark.django_db


class CountingStream(io.BytesIO):
    """The request body as the server receives it, counting what the portal reads."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk

    def readline(self, size=-1):
        line = super().readline(size)
        self.bytes_read += len(line)
        return line


def test_the_limits_are_set():
    from django.conf import settings

    assert settings.REQUEST_BODY_MAX_BYTES <= 32 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_BYTES == 10 * 1024 * 1024
    assert settings.FILE_UPLOAD_HANDLERS[0] == "youthcities.uploads.FileSizeLimitHandler"


def test_a_body_announced_over_the_cap_is_refused_before_it_is_read(client, settings):
    body = CountingStream(b"x" * 100)
    response = client.generic(
        "POST",
        "/en/my/applications/1/withdraw/",
        data=b"x" * 100,
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(settings.REQUEST_BODY_MAX_BYTES + 1),
        **{"wsgi.input": body},
    )
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert body.bytes_read == 0


def test_a_file_growing_over_the_limit_is_stopped_while_it_streams(client, settings):
    from tests.factories.accounts import UserFactory

    settings.FILE_UPLOAD_MAX_BYTES = 64 * 1024
    client.force_login(UserFactory())
    payload = encode_multipart(
        BOUNDARY,
        {"note": "hello", "documents-budget_sheet": io.BytesIO(b"%PDF-1.7\n" + b"0" * 2_000_000)},
    )
    body = CountingStream(payload)
    response = client.generic(
        "POST",
        "/en/my/applications/1/withdraw/",
        data=payload,
        content_type=MULTIPART_CONTENT,
        **{"wsgi.input": body},
    )
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert body.bytes_read < 200_000  # stopped soon after the limit, not at 2 MB
    assert not Attachment.objects.exists()


def test_an_upload_within_the_limits_goes_through(client, settings):
    from tests.factories.accounts import UserFactory

    settings.FILE_UPLOAD_MAX_BYTES = 64 * 1024
    client.force_login(UserFactory())
    response = client.post(
        "/en/my/applications/1/withdraw/", {"document": io.BytesIO(b"%PDF-1.7\n" + b"0" * 1000)}
    )
    assert response.status_code == 404  # the view ran: there is no such application
