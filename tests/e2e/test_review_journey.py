"""Review and decision in a real browser: a reviewer declares no conflict, scores and submits;
programme staff see the ranking and approve; the applicant reads the decision in English and in
Arabic. axe checks every page."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from grants.applications.models import Application
from grants.calls.models import GrantCall
from grants.review.models import Review, ReviewAssignment
from tests.support.browser import admin_log_in, assert_accessible, log_in
from youthcities.accounts.models import User

pytestmark = pytest.mark.e2e
PASSWORD = "youngcities-demo"
CLOSED_CALL = "local-innovation-grants-2026"


def test_review_rank_decide_and_tell_the_applicant(browser, live_server, demo):
    base = live_server.url
    pending = (
        ReviewAssignment.objects.filter(
            reviewer__email="reviewer@example.org", state=ReviewAssignment.State.PENDING
        )
        .select_related("application")
        .order_by("application__reference")
        .first()
    )
    application = pending.application

    # The reviewer: dashboard, declaration, scores.
    reviewer = browser.new_page()
    log_in(reviewer, base, "reviewer@example.org")
    reviewer.goto(f"{base}/en/review/")
    expect(reviewer.locator("h1")).to_have_text("Your reviews")
    assert_accessible(reviewer)
    reviewer.get_by_role("link", name=application.reference).click()
    expect(reviewer.get_by_text("Before you read it")).to_be_visible()
    expect(reviewer.get_by_text(application.summary)).to_have_count(0)
    assert_accessible(reviewer)
    reviewer.get_by_label("No: I do not know the applicants").check()
    reviewer.get_by_role("button", name="Send my declaration").click()
    expect(reviewer.locator("#scores-heading")).to_be_visible()
    assert_accessible(reviewer)
    # Submitting with a score missing keeps what was entered and says what is missing.
    reviewer.locator("fieldset.criterion").first.get_by_label("5", exact=True).check()
    reviewer.get_by_role("button", name="Submit my review").click()
    expect(reviewer.locator(".error-summary")).to_be_visible()
    assert_accessible(reviewer)
    for criterion in reviewer.locator("fieldset.criterion:has(.scale input[value='5'])").all():
        criterion.get_by_label("5", exact=True).check()
    reviewer.get_by_label("Fund", exact=True).check()
    reviewer.get_by_label("Overall comment").fill("Strong, well-costed plan.")
    reviewer.get_by_role("button", name="Submit my review").click()
    expect(reviewer).to_have_url(f"{base}/en/review/")
    expect(reviewer.locator(".message--success")).to_contain_text(application.reference)
    assert_accessible(reviewer)
    review = Review.objects.get(assignment=pending)
    assert review.status == Review.Status.SUBMITTED
    assert review.weighted_score == 5

    # Programme staff: the ranking, then the decision.
    staff = browser.new_page()
    admin_log_in(staff, base, "staff@example.org")
    call = GrantCall.objects.get(slug=CLOSED_CALL)
    staff.goto(f"{base}/admin/grants/calls/{call.pk}/ranking/")
    expect(staff.locator("table.yc-table tbody tr")).to_have_count(50)
    expect(staff.locator("svg.score-strip").first).to_be_visible()
    assert_accessible(staff)
    staff.get_by_role("link", name="Mean").click()
    expect(staff.locator("th[aria-sort=descending]")).to_contain_text("Mean")
    staff.goto(f"{base}/admin/grants/applications/{application.pk}/decide/")
    assert_accessible(staff)
    staff.get_by_label("Approve").check()
    staff.get_by_label("Amount to award").fill("1000")
    staff.get_by_label("Message to the applicant").fill("Well done: see you at the kick-off.")
    staff.get_by_role("button", name="Record the decision").click()
    # An approval says what it starts and is asked once more.
    expect(staff.get_by_text("Approve this application?")).to_be_visible()
    assert_accessible(staff)
    staff.get_by_role("button", name="Yes, approve and start the award").click()
    expect(staff.get_by_text(f"{application.reference}: Approve")).to_be_visible()
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED

    # The applicant reads it, in English and in Arabic.
    applicant = application.applicant
    applicant.set_password(PASSWORD)  # the demo's applicant groups have no login of their own
    applicant.save()
    EmailAddress.objects.update_or_create(
        user=applicant, email=applicant.email, defaults={"verified": True, "primary": True}
    )
    User.objects.filter(pk=applicant.pk).update(preferred_language="ar")
    person = browser.new_page()
    log_in(person, base, applicant.email)
    person.goto(f"{base}/en/my/applications/")
    card = person.locator("article.card", has_text=application.reference)
    expect(card.locator(".badge")).to_have_text("Approved")
    expect(card).to_contain_text("a grant of")
    expect(card).to_contain_text("Well done: see you at the kick-off.")
    assert_accessible(person)
    person.goto(f"{base}/ar/my/applications/")
    expect(person.locator("html")).to_have_attribute("dir", "rtl")
    card = person.locator("article.card", has_text=application.reference)
    expect(card.locator(".badge")).to_have_text("مقبول")
    expect(card).to_contain_text("منحة بقيمة")
    assert_accessible(person)
