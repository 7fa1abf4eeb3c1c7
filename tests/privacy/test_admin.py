"""Staff handle a request made another way: search the person, prepare their data, erase the
account; the same services, audited."""

import io
import json
import zipfile

import pytest

from tests.factories.accounts import UserFactory
from youthcities.accounts.models import User
from youthcities.accounts.roles import FINANCE, MODERATOR, PROGRAMME_STAFF
from youthcities.audit.models import AuditEntry
from youthcities.privacy.models import DataExport

from .helpers import EMAIL, LEGAL_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(roles=[PROGRAMME_STAFF], is_staff=True))
    return client


def test_staff_find_a_person_by_legal_name(staff_client, person):
    page = staff_client.get("/admin/personal-data/", {"q": "Zeinab"}).content.decode()
    assert f"/admin/personal-data/{person.user.pk}/" in page
    assert EMAIL in page


def test_staff_prepare_and_download_someones_data_audited(
    staff_client, person, django_capture_on_commit_callbacks
):
    url = f"/admin/personal-data/{person.user.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(url, {"export": "1"}).status_code == 302
    export = DataExport.objects.get(user=person.user)
    assert export.status == DataExport.Status.READY
    response = staff_client.get(f"/admin/personal-data/downloads/{export.pk}/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert json.loads(archive.read("profile.json"))[0]["legal_name"] == LEGAL_NAME
    assert AuditEntry.objects.filter(action="privacy.export_downloaded_by_staff").count() == 1


def test_staff_erase_with_the_reason_kept(staff_client, person):
    url = f"/admin/personal-data/{person.user.pk}/"
    missing = staff_client.post(url, {"erase": "1", "request_note": "Letter"})
    assert missing.status_code == 400  # the confirmation box is required
    assert User.objects.get(pk=person.user.pk).erased_at is None
    done = staff_client.post(
        url, {"erase": "1", "request_note": f"Letter from {LEGAL_NAME}", "confirm": "on"}
    )
    assert done.status_code == 302
    assert User.objects.get(pk=person.user.pk).erased_at is not None
    entry = AuditEntry.objects.get(action="privacy.account_erased")
    assert entry.data["request"] == "Letter from [erased]" and entry.data["by_staff"]
    assert staff_client.get(url).status_code != 200  # erased: nobody to handle any more


@pytest.mark.parametrize("role", [FINANCE, MODERATOR])
def test_only_programme_staff_open_the_screens(client, person, role):
    client.force_login(UserFactory(roles=[role], is_staff=True))
    refused = client.get("/admin/personal-data/")  # Wagtail turns a 403 into a redirect home
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    client.post(f"/admin/personal-data/{person.user.pk}/", {"export": "1"})
    assert not DataExport.objects.exists()
