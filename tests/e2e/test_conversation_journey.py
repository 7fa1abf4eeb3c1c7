"""Conversations in a real browser: programme staff ask an applicant of the 2026 round for more
information in the admin and keep an internal note; the applicant sees the unread message in "My
applications", answers with a file (and reads the page in Arabic); staff see the answer and its
file, and the note stayed theirs. axe checks every page."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from grants.applications.models import Application
from grants.calls.models import GrantCall
from grants.conversations.models import Message
from tests.grants.award_helpers import PDF
from tests.support.browser import admin_log_in, assert_accessible, log_in

pytestmark = pytest.mark.e2e
PASSWORD = "youngcities-demo"


def test_staff_ask_for_more_information_and_the_applicant_answers_with_a_file(
    browser, live_server, demo, tmp_path
):
    base = live_server.url
    call = GrantCall.objects.get(slug="local-innovation-grants-2026")
    application = (
        call.applications.filter(status=Application.Status.SUBMITTED, conversation__isnull=True)
        .order_by("reference")
        .last()
    )

    staff = browser.new_page()
    admin_log_in(staff, base, "staff@example.org")
    staff.goto(f"{base}/admin/grants/applications/{application.pk}/conversation/")
    assert_accessible(staff)
    staff.get_by_label("Your message").fill("Please send the head teacher's letter of support.")
    staff.get_by_role("button", name="Send").click()
    expect(staff.get_by_text("Your message is sent.")).to_be_visible()
    staff.get_by_label("Your message").fill("Their budget for venues looks high.")
    staff.get_by_label("Internal note: only staff see it, the applicants never do").check()
    staff.get_by_role("button", name="Send").click()
    expect(staff.get_by_text("Your internal note is saved.")).to_be_visible()
    assert_accessible(staff)

    person = application.applicant
    person.set_password(PASSWORD)  # the demo's applicant groups have no login of their own
    person.save()
    EmailAddress.objects.update_or_create(
        user=person, email=person.email, defaults={"verified": True, "primary": True}
    )
    applicant = browser.new_page()
    log_in(applicant, base, person.email)
    applicant.goto(f"{base}/en/my/applications/")
    expect(applicant.locator(".badge--unread")).to_have_text("1 unread")
    assert_accessible(applicant)
    applicant.get_by_role("link", name=f"Messages — {application.reference}").click()
    expect(applicant.get_by_text("Please send the head teacher's letter")).to_be_visible()
    expect(applicant.get_by_text("Their budget for venues looks high.")).to_have_count(0)
    assert_accessible(applicant)
    letter = tmp_path / "letter-of-support.pdf"
    letter.write_bytes(PDF)
    applicant.get_by_label("Your message").fill("Here is the letter from the head teacher.")
    applicant.get_by_label("Files").set_input_files(str(letter))
    applicant.get_by_role("button", name="Send").click()
    expect(applicant.get_by_text("Your message is sent.")).to_be_visible()
    expect(applicant.get_by_role("link", name="letter-of-support.pdf")).to_be_visible()
    assert_accessible(applicant)
    applicant.goto(f"{base}/ar/my/applications/{application.pk}/messages/")
    expect(applicant.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(applicant)

    answer = Message.objects.get(conversation__application=application, from_staff=False)
    assert answer.files.get().original_name == "letter-of-support.pdf"
    staff.goto(f"{base}/admin/grants/conversations/")
    expect(staff.get_by_text("1 unread message.")).to_be_visible()
    assert_accessible(staff)
    staff.get_by_role("link", name=application.reference).click()
    expect(staff.get_by_text("Here is the letter from the head teacher.")).to_be_visible()
    expect(staff.get_by_role("link", name="letter-of-support.pdf")).to_be_visible()
    expect(staff.get_by_text("Their budget for venues looks high.")).to_be_visible()

    # Staff approve with the call's letter, which names the applicant and the reference.
    staff.goto(f"{base}/admin/grants/applications/{application.pk}/decide/")
    letters = staff.get_by_test_id("letters")
    expect(letters).to_contain_text(f"Your application {application.reference} is approved")
    assert_accessible(staff)
    staff.get_by_label("Approve", exact=True).check()
    staff.get_by_label("Amount to award").fill("1000")
    staff.get_by_label("Message to the applicant").fill("Thank you for the letter.")
    staff.get_by_role("button", name="Record the decision").click()
    staff.get_by_role("button", name="Yes, approve and start the award").click()
    expect(staff.locator(".messages")).to_contain_text(f"{application.reference}: Approve")
    assert_accessible(staff)
    approved = f"Your application {application.reference} is approved"
    (letter,) = [sent for sent in mail.outbox if sent.subject.startswith(approved)]
    assert f"{approved}, with a grant of" in letter.body  # the call's letter, not the standard one
    assert "Thank you for the letter." in letter.body
