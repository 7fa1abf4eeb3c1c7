"""Applying for a grant in a real browser: English and Arabic, a second device half-way, and
without JavaScript. axe checks every step."""

import pytest
from playwright.sync_api import expect

from grants.applications.models import Application
from tests.support.browser import assert_accessible, header_menu, log_in
from youthcities.network.cities.models import City

pytestmark = pytest.mark.e2e
CALL = "local-innovation-grants-2027"
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def save_and_continue(page):
    page.click(".wizard__actions button[type=submit]:not([name])")


def fill_steps(page, base, language, steps, tmp_path, axe=True):
    for step in steps:
        expect(page).to_have_url(f"{base}/{language}/grants/{CALL}/apply/{step}/")
        if axe:  # axe is a script: it cannot run where JavaScript is off
            assert_accessible(page)
        if step == "eligibility":
            # By value: the city's label is in the reader's language ("صيدا" in Arabic).
            saida = City.objects.get(name="Saida")
            page.select_option("#id_eligibility-city", value=str(saida.pk))
            page.select_option("#id_eligibility-theme", "hate_speech")
        elif step == "team":
            page.fill("#id_team-group_name", "Saida Storytellers")
            page.fill("#id_team-member_count", "6")
            page.fill("#id_team-lead_role", "Coordinator" if language == "en" else "منسّقة")
        elif step == "project":
            title = "Stories from our street" if language == "en" else "حكايات من شارعنا"
            page.fill("#id_project-title", title)
            for field in ["summary", "problem", "audience", "activities", "timeline"]:
                page.fill(
                    f"#id_project-{field}",
                    "نص بالعربية and English" if language == "ar" else "Text.",
                )
            if axe and language == "en":  # the live counter, where scripts run
                expect(page.locator("#id_project-summary + .counter")).to_have_text("5 / 500")
        elif step == "answers":  # the demo call's own questions
            page.check("#id_answers-q_partner_1")  # no partner: its name is not asked
            page.check("#id_answers-q_reach_0")
        elif step == "budget":
            page.fill("#id_budget-0-description", "Workshop materials")
            page.select_option("#id_budget-0-category", "materials")
            page.fill("#id_budget-0-amount", "1200")
        elif step == "documents":
            sheet = tmp_path / "budget.pdf"
            sheet.write_bytes(PDF)
            page.set_input_files("#id_documents-budget_sheet", str(sheet))
        save_and_continue(page)


def submit(page, base, language):
    expect(page).to_have_url(f"{base}/{language}/grants/{CALL}/apply/review/")
    assert_accessible(page)
    expect(page.locator("main")).to_contain_text("budget.pdf")
    page.check("#id_review-declaration")
    page.check("#id_review-consent")
    page.click(".wizard__actions button[name=submit_application]")
    expect(page).to_have_url(f"{base}/{language}/my/applications/")
    expect(page.locator(".messages")).to_contain_text("YC-")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_full_application(page, live_server, demo, tmp_path, language):
    base = live_server.url
    log_in(page, base, "applicant@example.org", language=language)
    page.goto(f"{base}/{language}/grants/")
    assert_accessible(page)
    page.click(f"a[href='/{language}/grants/{CALL}/']")
    assert_accessible(page)
    page.click(f"a[href='/{language}/grants/{CALL}/apply/']")
    expect(page.get_by_test_id("progress")).to_contain_text("1")
    fill_steps(
        page,
        base,
        language,
        ["eligibility", "team", "project", "answers", "budget", "documents"],
        tmp_path,
    )
    submit(page, base, language)
    application = Application.objects.get(call__slug=CALL, applicant__email="applicant@example.org")
    assert application.status == "submitted"
    assert application.attachments.count() == 1


def test_log_out_half_way_and_finish_on_another_device(page, browser, live_server, demo, tmp_path):
    base = live_server.url
    log_in(page, base, "applicant@example.org")
    page.goto(f"{base}/en/grants/{CALL}/apply/")
    fill_steps(page, base, "en", ["eligibility", "team"], tmp_path)
    # Half of the project step typed, then "Save and finish later": nothing typed is lost.
    page.fill("#id_project-title", "Stories from our street")
    page.fill("#id_project-summary", "We collect the stories of our street.")
    page.click(".wizard__actions button[name=save_later]")
    expect(page).to_have_url(f"{base}/en/my/applications/")
    header_menu(page).get_by_role("button", name="Log out").click()
    page.context.close()

    phone = browser.new_context(viewport={"width": 360, "height": 780})
    second = phone.new_page()
    log_in(second, base, "applicant@example.org")
    second.goto(f"{base}/en/my/applications/")
    assert_accessible(second)
    expect(second.get_by_role("heading", name="Stories from our street")).to_be_visible()
    second.get_by_role("link", name="Continue").click()
    expect(second).to_have_url(f"{base}/en/grants/{CALL}/apply/project/")
    expect(second.locator("#id_project-title")).to_have_value("Stories from our street")
    expect(second.locator("#id_project-summary")).to_have_value(
        "We collect the stories of our street."
    )
    expect(second.locator(".error-summary")).to_have_count(0)
    fill_steps(second, base, "en", ["project", "answers", "budget", "documents"], tmp_path)
    submit(second, base, "en")
    assert second.evaluate("document.documentElement.scrollWidth") <= 360
    phone.close()


def test_the_whole_application_works_without_javascript(browser, live_server, demo, tmp_path):
    base = live_server.url
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, base, "applicant@example.org")
    page.goto(f"{base}/en/grants/{CALL}/apply/")
    fill_steps(page, base, "en", ["eligibility", "team"], tmp_path, axe=False)
    # Too long a summary: without JavaScript the server says so, and keeps the text.
    page.fill("#id_project-title", "Stories")
    for field in ["problem", "audience", "activities", "timeline"]:
        page.fill(f"#id_project-{field}", "Text.")
    page.fill("#id_project-summary", "x" * 501)
    save_and_continue(page)
    expect(page.locator(".error-summary")).to_contain_text("at most 500 characters")
    assert page.input_value("#id_project-summary") == "x" * 501
    fill_steps(page, base, "en", ["project", "answers", "budget", "documents"], tmp_path, axe=False)
    page.check("#id_review-declaration")
    page.check("#id_review-consent")
    page.click(".wizard__actions button[name=submit_application]")
    expect(page.locator(".messages")).to_contain_text("YC-")
    context.close()
