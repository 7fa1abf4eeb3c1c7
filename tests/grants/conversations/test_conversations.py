"""One conversation per application and award: the team and staff write, staff keep internal
notes the team never sees, reviewers and strangers see nothing, files follow the upload rules,
each message emails the other side in their language with a link (the text only when nothing in
it needs protecting), and unread counts show in "My applications" and the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grants.applications.models import Application, CoApplicant
from grants.conversations.errors import ConversationClosed
from grants.conversations.models import Message, MessageFile
from grants.conversations.services import conversation_for, message_post
from grants.errors import BadUpload, NotAllowed
from tests.factories.accounts import UserFactory
from tests.grants.award_helpers import make_award, make_finance
from tests.grants.review_helpers import make_applications, make_call, make_reviewers, make_staff
from tests.grants.review_helpers import score as review
from youthcities.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200


def pdf(name="letter.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def world():
    call = make_call()
    lead = UserFactory(display_name="Lina", preferred_language="fr")
    application = make_applications(call, 1, applicant=lead)[0]
    return {"call": call, "application": application, "lead": lead, "staff": make_staff()}


def thread_url(application):
    return reverse("grants:conversation", args=[application.pk])


def admin_url(application):
    return reverse("grants_conversations_admin:application", args=[application.pk])


def test_staff_ask_and_the_applicant_is_emailed_in_french_with_the_text_and_a_link(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    application, staff = world["application"], world["staff"]
    with django_capture_on_commit_callbacks(execute=True):
        message = message_post(
            conversation=conversation_for(application=application),
            author=staff,
            body="Which school will host the workshops?",
        )
    assert message.from_staff and not message.internal
    (email,) = mailoutbox
    assert email.to == [world["lead"].email]
    assert "Which school will host the workshops?" in email.body
    assert f"/fr/my/applications/{application.pk}/messages/" in email.body  # her language
    assert AuditEntry.objects.filter(action="conversation.message", target_id=message.pk).exists()


def test_a_sensitive_message_and_an_internal_note_never_travel_by_email(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    application, staff = world["application"], world["staff"]
    colleague = make_staff()
    conversation = conversation_for(application=application)
    with django_capture_on_commit_callbacks(execute=True):
        message_post(conversation=conversation, author=staff, body="Bank details", sensitive=True)
        message_post(conversation=conversation, author=staff, body="Budget high?", internal=True)
    to_team, to_staff = mailoutbox
    assert to_team.to == [world["lead"].email] and "Bank details" not in to_team.body
    # The internal note goes to the other staff who wrote here (none: then all programme
    # staff), never to the team, and without its text.
    assert to_staff.to == [staff.email] or colleague.email in to_staff.to
    assert world["lead"].email not in to_staff.to
    assert "Budget high?" not in to_staff.body
    assert "/admin/grants/applications/" in to_staff.body


def test_the_team_never_sees_an_internal_note_nor_its_file(world, client):
    application, staff = world["application"], world["staff"]
    conversation = conversation_for(application=application)
    message_post(conversation=conversation, author=staff, body="Please send the letter.")
    note = message_post(
        conversation=conversation,
        author=staff,
        body="Call the head teacher first.",
        internal=True,
        files=[pdf("notes.pdf")],
    )
    client.force_login(world["lead"])
    page = client.get(thread_url(application)).content.decode()
    assert "Please send the letter." in page
    assert "Call the head teacher first." not in page and "notes.pdf" not in page
    token = MessageFile.objects.get(message=note).token
    assert client.get(reverse("grants:message_file", args=[token])).status_code == 404
    client.force_login(staff)
    assert client.get(reverse("grants:message_file", args=[token])).status_code == 200
    assert "Call the head teacher first." in client.get(admin_url(application)).content.decode()


def test_the_applicant_answers_with_a_file_and_staff_are_emailed(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    application, staff = world["application"], world["staff"]
    message_post(
        conversation=conversation_for(application=application), author=staff, body="Letter?"
    )
    client.force_login(world["lead"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            thread_url(application), {"body": "Here it is.", "files": [pdf()]}, follow=True
        )
    assert response.status_code == 200
    assert "Here it is." in response.content.decode()
    answer = Message.objects.get(body="Here it is.")
    assert not answer.from_staff
    attached = answer.files.get()
    assert attached.original_name == "letter.pdf"
    assert attached.file.name.startswith("messages/") and "letter" not in attached.file.name
    (email,) = mailoutbox  # to the staff member who asked, not to every staff member
    assert email.to == [staff.email]
    assert "Here it is." in email.body


def test_a_co_applicant_with_a_verified_address_writes_and_is_told(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    application, staff = world["application"], world["staff"]
    karim = UserFactory(email="karim@example.org")
    CoApplicant.objects.create(application=application, email="Karim@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        message_post(
            conversation=conversation_for(application=application), author=staff, body="Hello"
        )
    assert sorted(email.to[0] for email in mailoutbox) == sorted([world["lead"].email, karim.email])
    client.force_login(karim)
    assert client.get(thread_url(application)).status_code == 200


def test_strangers_reviewers_and_finance_never_reach_the_applicant_conversation(world, client):
    application = world["application"]
    message_post(
        conversation=conversation_for(application=application),
        author=world["staff"],
        body="Hello",
        files=[pdf()],
    )
    (reviewer,) = make_reviewers(1)
    review(application, reviewer, [4, 4])  # even a reviewer who submitted
    token = MessageFile.objects.get().token
    for person in (UserFactory(), reviewer, make_finance()):
        client.force_login(person)
        assert client.get(thread_url(application)).status_code == 404
        assert client.post(thread_url(application), {"body": "Hi"}).status_code == 404
        assert client.get(reverse("grants:message_file", args=[token])).status_code == 404
        with pytest.raises(NotAllowed):
            message_post(
                conversation=conversation_for(application=application), author=person, body="x"
            )
    assert Message.objects.count() == 1
    client.force_login(reviewer)
    assert client.get(admin_url(application)).status_code == 302  # not in the admin at all


def test_the_team_cannot_write_an_internal_note(world):
    with pytest.raises(NotAllowed):
        message_post(
            conversation=conversation_for(application=world["application"]),
            author=world["lead"],
            body="secret",
            internal=True,
        )


def test_a_withdrawn_application_takes_no_message(world, client):
    application = world["application"]
    Application.objects.filter(pk=application.pk).update(status=Application.Status.WITHDRAWN)
    application.refresh_from_db()
    with pytest.raises(ConversationClosed):
        message_post(
            conversation=conversation_for(application=application),
            author=world["staff"],
            body="Hello",
        )
    client.force_login(world["lead"])
    response = client.post(thread_url(application), {"body": "Still there?"})
    assert response.status_code == 400
    assert "its conversation is closed" in response.content.decode()
    client.force_login(world["staff"])
    response = client.post(admin_url(application), {"body": "Hello"})
    assert response.status_code == 400
    assert Message.objects.count() == 0


def test_an_attachment_of_the_wrong_type_or_over_the_limit_is_refused(world, client, settings):
    application = world["application"]
    client.force_login(world["lead"])
    program = SimpleUploadedFile("letter.pdf", ELF, content_type="application/pdf")
    response = client.post(thread_url(application), {"body": "See file", "files": [program]})
    assert response.status_code == 400
    assert "is not a PDF, Word (DOCX), Excel (XLSX), JPEG or PNG file" in response.content.decode()
    huge = SimpleUploadedFile(
        "big.pdf", PDF + b"0" * settings.FILE_UPLOAD_MAX_BYTES, content_type="application/pdf"
    )
    with pytest.raises(BadUpload, match="larger than 10 MB"):
        message_post(
            conversation=conversation_for(application=application),
            author=world["lead"],
            body="big",
            files=[huge],
        )
    assert Message.objects.count() == 0 and MessageFile.objects.count() == 0


def test_an_empty_message_is_refused(world, client):
    client.force_login(world["lead"])
    response = client.post(thread_url(world["application"]), {"body": "  "})
    assert response.status_code == 400
    assert "Write a message or attach a file." in response.content.decode()


def test_unread_counts_in_my_applications_and_the_admin_inbox(world, client):
    application, staff, lead = world["application"], world["staff"], world["lead"]
    conversation = conversation_for(application=application)
    message_post(conversation=conversation, author=staff, body="One")
    message_post(conversation=conversation, author=staff, body="Two")
    message_post(conversation=conversation, author=staff, body="Note", internal=True)
    client.force_login(lead)
    page = client.get(reverse("grants:my_applications")).content.decode()
    assert "2 unread" in page  # the internal note is not counted for the team
    client.get(thread_url(application))
    assert "unread" not in client.get(reverse("grants:my_applications")).content.decode()
    message_post(conversation=conversation, author=lead, body="Answer")
    client.force_login(staff)
    inbox = client.get(reverse("grants_conversations_admin:inbox")).content.decode()
    assert "1 unread message." in inbox
    client.get(admin_url(application))
    inbox = client.get(reverse("grants_conversations_admin:inbox")).content.decode()
    assert "0 unread messages." in inbox


def test_my_applications_counts_unread_in_one_query_whatever_the_number(
    client, django_assert_max_num_queries
):
    lead = UserFactory()
    staff = make_staff()
    calls = [make_call() for _ in range(6)]
    applications = [make_applications(call, 1, applicant=lead)[0] for call in calls]
    client.force_login(lead)
    client.get(reverse("grants:my_applications"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("grants:my_applications"))
    for application in applications:
        message_post(
            conversation=conversation_for(application=application), author=staff, body="Hi"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("grants:my_applications")).content.decode()
    assert page.count("1 unread") == 6


def test_staff_write_an_internal_note_from_the_admin(world, client):
    client.force_login(world["staff"])
    response = client.post(
        admin_url(world["application"]), {"body": "Check the budget", "internal": "on"}
    )
    assert response.status_code == 302
    note = Message.objects.get()
    assert note.internal and note.sensitive and note.from_staff


def test_an_award_conversation_has_the_grantee_and_finance_and_no_text_by_email(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    award = make_award()
    finance = make_finance()
    client.force_login(award.grantee)
    url = reverse("grants:award_conversation", args=[award.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"body": "Our IBAN changed"}).status_code == 302
    recipients = {address for email in mailoutbox for address in email.to}
    assert finance.email in recipients
    assert all("Our IBAN changed" not in email.body for email in mailoutbox)
    client.force_login(finance)
    page = client.get(reverse("grants_conversations_admin:award", args=[award.pk]))
    assert "Our IBAN changed" in page.content.decode()
    # The application's own conversation stays programme staff's.
    refused = client.get(admin_url(award.application))
    assert refused.status_code == 302 and refused.url == "/admin/"  # Wagtail's "no permission"
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
