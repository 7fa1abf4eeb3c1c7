"""Who reaches an application's documents: co-applicants only through a verified address, ids
nobody can guess, documents that survive a co-applicant's save and a refused neighbour."""

import re
import uuid

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grants.applications.models import Application, Attachment
from grants.applications.selectors import application_visible_to
from grants.applications.services import application_draft_for
from tests.factories.accounts import UserFactory
from tests.factories.grants import GrantCallFactory
from tests.grants.wizard_helpers import fill_all_steps, post_step, step_url
from youthcities.network.cities.models import City

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200


def pdf(name="budget.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def call():
    return GrantCallFactory()


@pytest.fixture
def city():
    return City.objects.create(name="Saida", slug="saida", country="LB", region="middle_east")


@pytest.fixture
def lead_with_document(client, call, city):
    """A lead who invited karim@example.org and uploaded a budget sheet."""
    lead = UserFactory(display_name="Lina")
    client.force_login(lead)
    fill_all_steps(client, call, city, until="team")
    post_step(client, call, "team", {"co_applicants": "karim@example.org"})
    post_step(client, call, "project")
    post_step(client, call, "budget")
    response = post_step(client, call, "documents", files={"documents-budget_sheet": pdf()})
    assert response.status_code == 302, response.content.decode()[:2000]
    application = Application.objects.get(call=call, applicant=lead)
    return lead, application, application.attachments.get()


def _stranger_with_the_invited_address():
    """Someone who signed up with the invited address but never confirmed it."""
    stranger = UserFactory(email="karim@example.org")
    EmailAddress.objects.filter(user=stranger).update(verified=False)
    return stranger


def test_an_unverified_owner_of_the_invited_address_cannot_download_the_documents(
    client, lead_with_document
):
    _lead, application, document = lead_with_document
    stranger = _stranger_with_the_invited_address()
    assert not application_visible_to(stranger, application)
    client.force_login(stranger)
    assert client.get(reverse("grants:document", args=[document.token])).status_code == 404


def test_an_unverified_owner_of_the_invited_address_does_not_get_the_draft(
    client, call, lead_with_document
):
    _lead, application, _document = lead_with_document
    stranger = _stranger_with_the_invited_address()
    # A verified second address is not the invited one.
    EmailAddress.objects.create(user=stranger, email="other@example.org", verified=True)
    assert application_draft_for(call=call, applicant=stranger) != application
    client.force_login(stranger)
    page = client.get(step_url(call, "team")).content.decode()
    assert "Saida Storytellers" not in page


def test_a_verified_co_applicant_downloads_the_documents(client, lead_with_document):
    _lead, application, document = lead_with_document
    karim = UserFactory(email="karim@example.org")
    assert application_visible_to(karim, application)
    client.force_login(karim)
    response = client.get(reverse("grants:document", args=[document.token]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_document_urls_carry_a_random_token_not_the_row_id(client, lead_with_document):
    lead, _application, document = lead_with_document
    assert isinstance(document.token, uuid.UUID)
    url = reverse("grants:document", args=[document.token])
    assert str(document.token) in url
    client.force_login(lead)
    assert client.get(url).status_code == 200
    assert client.get(f"/en/my/documents/{document.pk}/").status_code == 404
    assert client.get(f"/en/my/documents/{uuid.uuid4()}/").status_code == 404


def test_a_co_applicant_saving_the_documents_step_unchanged_keeps_the_leads_documents(
    client, call, lead_with_document
):
    lead, application, document = lead_with_document
    karim = UserFactory(email="karim@example.org")
    client.force_login(karim)
    page = client.get(step_url(call, "documents")).content.decode()
    assert document.original_name in page  # shown, ticked: the co-applicant sees what is kept
    draft = Application.objects.get(pk=application.pk)
    response = client.post(
        step_url(call, "documents"),
        {
            f"application_{draft.pk}-current_step": "documents",
            "draft_version": draft.version,
            "documents-keep": [str(document.pk)],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(application.attachments.all()) == [document]
    assert not Attachment.objects.filter(application__isnull=True).exists()


def test_a_refused_file_does_not_orphan_the_good_file_beside_it(client, call, city):
    lead = UserFactory()
    client.force_login(lead)
    fill_all_steps(client, call, city, until="documents")
    response = post_step(
        client,
        call,
        "documents",
        files={
            "documents-budget_sheet": pdf(),
            "documents-other": SimpleUploadedFile("tool.pdf", ELF),
        },
    )
    assert response.status_code == 200
    assert "not a PDF" in response.content.decode()
    application = Application.objects.get(call=call, applicant=lead)
    good = Attachment.objects.get(uploaded_by=lead)
    assert good.application == application  # the draft holds it: the purge will not take it
    # Shown as kept (ticked), so that the next Continue keeps it.
    assert re.search(rf'value="{good.pk}"[^>]*checked', response.content.decode())
    response = post_step(client, call, "documents", {"keep": [str(good.pk)]})
    assert response.status_code == 302
    assert list(application.attachments.all()) == [good]
