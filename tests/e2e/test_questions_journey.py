"""A call's own questions in a real browser: programme staff add three to the open call in the
admin, in three languages ("Name of the partner" only after "yes"); an applicant answers in
Arabic, the following step shows the conditional answer, submits; a reviewer reads the answers.
axe checks every page."""

import pytest
from playwright.sync_api import expect

from grants.applications.models import Application
from grants.calls.models import CallQuestions, GrantCall
from grants.review.models import ReviewAssignment
from tests.e2e.test_apply_journey import CALL, fill_steps, save_and_continue
from tests.support.browser import admin_log_in, assert_accessible, log_in
from youthcities.accounts.models import User

pytestmark = pytest.mark.e2e


def test_an_applicant_answers_the_calls_questions_in_arabic_and_a_reviewer_reads_them(
    browser, live_server, demo, tmp_path
):
    base = live_server.url
    call = GrantCall.objects.get(slug=CALL)
    # The call as it was before staff gave it questions of its own.
    CallQuestions.objects.filter(call=call).delete()
    GrantCall.objects.filter(pk=call.pk).update(questions=[])
    staff = browser.new_page(viewport={"width": 1366, "height": 900})
    admin_log_in(staff, base, "staff@example.org")
    staff.goto(f"{base}/admin/grants/calls/edit/{call.pk}/")
    add_question(staff, 0, "Yes or no", "partner", PARTNER, required=True)
    add_question(staff, 1, "Short text", "partner-name", PARTNER_NAME, required=True)
    staff.fill("#questions-1-value-show_when_question", "partner")
    staff.fill("#questions-1-value-show_when_answer", "yes")
    add_question(staff, 2, "Long text", "lesson", LESSON)
    staff.fill("#questions-2-value-word_limit", "150")
    assert_accessible(staff)
    staff.locator("button[type=submit]", has_text="Save").first.click()
    expect(staff.locator(".messages")).to_contain_text("updated")
    (version,) = CallQuestions.objects.filter(call=call)
    assert [q["name"] for q in version.definition] == ["partner", "partner-name", "lesson"]

    page = browser.new_page()
    log_in(page, base, "applicant@example.org", language="ar")
    page.goto(f"{base}/ar/grants/{CALL}/")
    # "Can I apply?" answers before the wizard, without an account being needed.
    page.fill("#id_age", "22")
    page.fill("#id_team_size", "6")
    page.click("#can-i-apply button[type=submit]")
    expect(page.get_by_test_id("verdict")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}/ar/grants/{CALL}/apply/")
    fill_steps(page, base, "ar", ["eligibility", "team", "project"], tmp_path)

    expect(page).to_have_url(f"{base}/ar/grants/{CALL}/apply/answers/")
    expect(page.locator("main")).to_contain_text("هل تعملون مع منظمة شريكة؟")
    # Without JavaScript the conditional question says when it applies (the partner question's
    # Arabic text is quoted in its help).
    expect(page.locator("#id_answers-q_partner-name_helptext")).to_contain_text(
        "هل تعملون مع منظمة شريكة؟"
    )
    assert_accessible(page)
    page.check("#id_answers-q_partner_0")  # yes
    page.fill("#id_answers-q_partner-name", "نادي شباب صيدا")
    page.fill("#id_answers-q_lesson", "تعلّمنا أن نستمع أولًا.")
    save_and_continue(page)

    fill_steps(page, base, "ar", ["budget", "documents"], tmp_path)
    expect(page).to_have_url(f"{base}/ar/grants/{CALL}/apply/review/")
    summary = page.locator("#review-answers").locator("..").locator("..")
    expect(summary).to_contain_text("نادي شباب صيدا")
    assert_accessible(page)
    page.check("#id_review-declaration")
    page.check("#id_review-consent")
    page.click(".wizard__actions button[name=submit_application]")
    expect(page).to_have_url(f"{base}/ar/my/applications/")

    application = Application.objects.get(call__slug=CALL, applicant__email="applicant@example.org")
    assert application.answers["partner-name"] == "نادي شباب صيدا"
    page.goto(f"{base}/ar/my/applications/{application.pk}/")
    expect(page.get_by_test_id("timeline").locator("[data-code=submitted]")).to_have_class(
        "timeline__item timeline__item--done"
    )
    assert_accessible(page)

    # A reviewer of the call reads the answers (the call is not blind: the partner shows).
    reviewer = User.objects.get(email="reviewer@example.org")
    assignment = ReviewAssignment.objects.create(
        application=application, reviewer=reviewer, state=ReviewAssignment.State.ACCEPTED
    )
    other = browser.new_page()
    log_in(other, base, "reviewer@example.org")
    other.goto(f"{base}/en/review/{assignment.pk}/")
    answers = other.get_by_test_id("answers")
    expect(answers).to_contain_text("Do you work with a partner organisation?")
    expect(answers).to_contain_text("نادي شباب صيدا")
    expect(answers).to_contain_text("What did your group learn from an earlier project?")
    assert_accessible(other)


PARTNER = (
    "Do you work with a partner organisation?",
    "Travaillez-vous avec une organisation partenaire ?",
    "هل تعملون مع منظمة شريكة؟",
)
PARTNER_NAME = ("Name of the partner", "Nom du partenaire", "اسم الشريك")
LESSON = (
    "What did your group learn from an earlier project?",
    "Qu’a appris votre groupe d’un projet précédent ?",
    "ماذا تعلّمت مجموعتكم من مشروع سابق؟",
)


def add_question(page, index, kind, name, labels, *, required=False):
    """One question through the admin's StreamField: "Insert a block", its kind, its fields."""
    page.locator(".c-sf-add-button").last.click()
    page.get_by_role("option", name=kind, exact=True).click()
    prefix = f"#questions-{index}-value"
    page.fill(f"{prefix}-name", name)
    for language, label in zip(("en", "fr", "ar"), labels, strict=True):
        page.fill(f"{prefix}-label_{language}", label)
    if required:
        page.check(f"{prefix}-required")
