"""The audit trail in the admin: read-only, for programme staff and finance; filters and CSV;
reading a private document leaves an entry."""

import pytest
from django.core.files.base import ContentFile

from grants.applications.models import Attachment
from tests.factories.accounts import UserFactory
from tests.factories.grants import SubmittedApplicationFactory
from youthcities.accounts.roles import FINANCE, MODERATOR, PROGRAMME_STAFF
from youthcities.accounts.services import roles_ensure_groups
from youthcities.audit.models import AuditEntry
from youthcities.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries():
    someone = UserFactory(email="actor@example.org", is_staff=True)
    target = UserFactory()
    audit_record(actor=someone, action="test.first", target=target, data={"n": 1})
    audit_record(actor=None, action="other.second", target=target)


def signed_in(client, role):
    roles_ensure_groups()  # the roles' groups may open the admin
    client.force_login(UserFactory(roles=[role], is_staff=True))
    return client


@pytest.mark.parametrize("role", [PROGRAMME_STAFF, FINANCE])
def test_staff_and_finance_read_and_filter_the_trail(client, entries, role):
    client = signed_in(client, role)
    page = client.get("/admin/audit/").content.decode()
    assert "test.first" in page and "other.second" in page
    filtered = client.get("/admin/audit/", {"action": "test."}).content.decode()
    assert "test.first" in filtered and "other.second" not in filtered
    by_person = client.get("/admin/audit/", {"actor_email": "actor@example.org"}).content.decode()
    assert "test.first" in by_person and "other.second" not in by_person


def test_the_trail_exports_as_csv(client, entries):
    client = signed_in(client, PROGRAMME_STAFF)
    response = client.get("/admin/audit/", {"export": "csv", "action": "test."})
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert "test.first" in body and "other.second" not in body


def test_nobody_changes_or_deletes_an_entry(client, entries):
    client = signed_in(client, PROGRAMME_STAFF)
    entry = AuditEntry.objects.get(action="test.first")
    client.post(f"/admin/audit/delete/{entry.pk}/")
    client.post(f"/admin/audit/edit/{entry.pk}/", {"action": "forged"})
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.first"


def test_moderators_do_not_see_the_trail(client, entries):
    response = signed_in(client, MODERATOR).get("/admin/audit/")
    assert response.status_code == 302 and response["Location"] == "/admin/"  # refused


def test_reading_a_private_document_is_logged(client):
    application = SubmittedApplicationFactory()
    attachment = Attachment.objects.create(
        application=application,
        uploaded_by=application.applicant,
        kind=Attachment.Kind.OTHER,
        file=ContentFile(b"%PDF-1.4", name="x.pdf"),
        original_name="x.pdf",
        content_type="application/pdf",
        size=8,
    )
    staff = UserFactory(roles=[PROGRAMME_STAFF], is_staff=True)
    client.force_login(staff)
    assert client.get(f"/en/my/documents/{attachment.token}/").status_code in (200, 302)
    assert AuditEntry.objects.filter(
        action="document.viewed", actor=staff, target_id=str(attachment.pk)
    ).exists()
