"""Members' own documents: uploaded as PDF, DOCX or ODT (by their content, whatever they claim),
reviewed by staff (publish, ask for changes, refuse: the member is told), their text extracted
in the background, and their files served only to those who may read them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from hub.errors import AlreadyDecided, NotMember
from hub.extract import extract_text
from hub.models import MemberDocument
from hub.services import document_extract_text, document_review, document_upload
from tests.factories.accounts import UserFactory
from tests.hub.conftest import pdf_upload, shared_document
from tests.hub.files import broken_pdf, docx_with_text, odt_with_text, pdf_with_text, scanned_pdf
from youthcities.accounts.roles import ACTIVIST, MUNICIPAL
from youthcities.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "Saida youth strategy",
    "summary": "Our plan for young people.",
    "kind": "strategy",
    "themes": ["civic_participation", "inclusion"],
    "language": "en",
    "visibility": "members",
}


def post_form(saida, upload, **overrides):
    data = {**FIELDS, "city": saida.pk, "file": upload, **overrides}
    return data


def test_a_member_uploads_a_pdf_which_waits_for_review_with_its_words_read(
    client, member, saida, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/hub/documents/new/", post_form(saida, pdf_upload("Mentoring pairs young people"))
        )
    assert response.status_code == 302
    document = MemberDocument.objects.get()
    assert (document.status, document.content_type, document.original_name) == (
        "submitted",
        "application/pdf",
        "strategy.pdf",
    )
    assert document.themes == ",civic_participation,inclusion,"
    assert document.text_status == "extracted"
    assert "Mentoring pairs young people" in document.text
    assert AuditEntry.objects.filter(action="hub.document_uploaded").exists()
    mine = client.get("/en/my/hub-documents/").content.decode()
    assert "Saida youth strategy" in mine and "Waiting for review" in mine


@pytest.mark.parametrize(
    "content, words",
    [
        (docx_with_text("Mentoring in Word", "Second paragraph"), "Mentoring in Word\nSecond"),
        (odt_with_text("Mentoring in OpenDocument"), "Mentoring in OpenDocument"),
    ],
)
def test_docx_and_odt_text_is_read_from_their_xml(member, saida, content, words):
    document = document_upload(
        uploaded_by=member,
        upload=SimpleUploadedFile("plan.bin", content, content_type="application/octet-stream"),
        city=saida,
        **FIELDS,
    )
    document_extract_text(document=document)
    assert words in MemberDocument.objects.get().text


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("strategy.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
        ("strategy.pdf", pdf_with_text("real words"), "text/html"),
        ("strategy.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "application/pdf"),
        ("strategy.docx", b"PK\x03\x04 not an office file", "application/zip"),
    ],
    ids=["html-called-pdf", "pdf-called-html", "png-called-pdf", "zip-called-docx"],
)
def test_an_upload_whose_content_type_lies_is_refused(
    client, member, saida, name, content, content_type
):
    client.force_login(member)
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = client.post("/en/hub/documents/new/", post_form(saida, upload))
    assert response.status_code == 400
    assert "was not accepted" in response.content.decode() or "is not a PDF" in (
        response.content.decode()
    )
    assert not MemberDocument.objects.exists()


@pytest.mark.parametrize("content", [broken_pdf(), scanned_pdf()], ids=["broken", "scanned"])
def test_a_pdf_without_readable_text_is_kept_and_says_so(client, member, saida, content, staff):
    document = document_upload(
        uploaded_by=member,
        upload=SimpleUploadedFile("scan.pdf", content, content_type="application/pdf"),
        city=saida,
        **{**FIELDS, "visibility": "public"},
    )
    document_extract_text(document=document)
    document.refresh_from_db()
    assert (document.text, document.text_status) == ("", "none")
    assert document.file.open("rb").read() == content
    document_review(document=document, actor=staff, decision="published")
    assert "No searchable text" in client.get("/en/hub/").content.decode()


def test_extract_text_never_raises_on_a_zip_without_its_body():
    assert extract_text(b"PK\x03\x04junk", "application/vnd.oasis.opendocument.text") == ""


@pytest.mark.parametrize("role", [ACTIVIST, None])
def test_only_members_upload(client, saida, role):
    person = UserFactory(roles=[role] if role else [])
    client.force_login(person)
    assert client.get("/en/hub/documents/new/").status_code == 403
    response = client.post("/en/hub/documents/new/", post_form(saida, pdf_upload("x")))
    assert response.status_code == 403
    with pytest.raises(NotMember):
        document_upload(uploaded_by=person, upload=pdf_upload("x"), city=saida, **FIELDS)
    assert not MemberDocument.objects.exists()


def test_municipal_staff_upload_without_applying(client, saida):
    client.force_login(UserFactory(roles=[MUNICIPAL]))
    assert client.get("/en/hub/documents/new/").status_code == 200


# --- Review ---------------------------------------------------------------------------------


def review(client, document, decision, note=""):
    with TestCase.captureOnCommitCallbacks(execute=True):  # the email goes after the commit
        return client.post(
            f"/admin/hub/documents/{document.pk}/", {"decision": decision, "note": note}
        )


def test_staff_publish_and_the_member_is_told(client, member, saida, staff, mailoutbox):
    document = shared_document(member, saida, publish=False)
    client.force_login(staff)
    assert "Saida youth strategy" in client.get("/admin/hub/documents/").content.decode()
    assert review(client, document, "published").status_code == 302
    document.refresh_from_db()
    assert document.status == "published" and document.published_at is not None
    assert AuditEntry.objects.filter(action="hub.document_published", actor=staff).exists()
    assert mailoutbox[-1].to == [member.email]
    assert "is published" in mailoutbox[-1].subject


def test_asking_for_changes_needs_a_note_the_member_reads(client, member, saida, staff, mailoutbox):
    document = shared_document(member, saida, publish=False)
    client.force_login(staff)
    assert review(client, document, "changes").status_code == 400
    document.refresh_from_db()
    assert document.status == "submitted"
    review(client, document, "changes", "Please add the budget annex.")
    document.refresh_from_db()
    assert document.status == "changes"
    assert "Please add the budget annex." in mailoutbox[-1].body
    client.force_login(member)
    assert "Please add the budget annex." in client.get("/en/my/hub-documents/").content.decode()


def test_a_refused_document_is_never_listed(client, member, saida, staff, mailoutbox):
    document = shared_document(member, saida, publish=False)
    client.force_login(staff)
    review(client, document, "refused", "Not about youth work.")
    document.refresh_from_db()
    assert document.status == "refused"
    assert "needs changes" not in mailoutbox[-1].subject
    assert "Not about youth work." in mailoutbox[-1].body
    client.force_login(UserFactory(roles=[MUNICIPAL]))
    assert "Saida youth strategy" not in client.get("/en/hub/").content.decode()


def test_a_document_is_reviewed_once(member, saida, staff):
    document = shared_document(member, saida)
    with pytest.raises(AlreadyDecided):
        document_review(document=document, actor=staff, decision="refused", note="No")


def test_only_programme_staff_review(client, member, saida):
    document = shared_document(member, saida, publish=False)
    client.force_login(UserFactory(roles=[MUNICIPAL], is_staff=True))
    assert review(client, document, "published").status_code in (302, 403)
    document.refresh_from_db()
    assert document.status == "submitted"


# --- Files ----------------------------------------------------------------------------------


def file_url(document):
    return f"/en/hub/documents/{document.token}/file/"


def test_a_members_only_file_is_not_there_for_non_members(client, member, saida):
    document = shared_document(member, saida, lines=("Secret mentoring plan",))
    assert client.get(file_url(document)).status_code == 404  # anonymous
    client.force_login(UserFactory(roles=[ACTIVIST]))
    response = client.get(file_url(document))
    assert response.status_code == 404
    assert b"Secret mentoring plan" not in response.content
    client.force_login(UserFactory(roles=[MUNICIPAL]))
    response = client.get(file_url(document))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_public_document_is_there_for_everyone(client, member, saida):
    document = shared_document(member, saida, visibility="public")
    assert client.get(file_url(document)).status_code == 200


def test_a_document_waiting_for_review_is_only_its_uploaders_and_staffs(
    client, member, saida, staff
):
    document = shared_document(member, saida, publish=False, visibility="public")
    client.force_login(UserFactory(roles=[MUNICIPAL]))
    assert client.get(file_url(document)).status_code == 404
    client.force_login(member)
    assert client.get(file_url(document)).status_code == 200
    client.force_login(staff)
    assert client.get(file_url(document)).status_code == 200


def test_a_forged_token_is_404(client, member):
    client.force_login(member)
    assert (
        client.get("/en/hub/documents/00000000-0000-0000-0000-000000000001/file/").status_code
        == 404
    )


def test_non_members_see_a_members_only_document_exists_and_how_to_apply(client, member, saida):
    document = shared_document(member, saida)
    page = client.get("/en/hub/").content.decode()
    assert "Saida youth strategy" in page and "Our plan for young people." in page
    assert "Members only" in page and "/en/hub/membership/" in page
    assert str(document.token) not in page  # no way to the file
    client.force_login(UserFactory(roles=[MUNICIPAL]))
    assert str(document.token) in client.get("/en/hub/").content.decode()
