"""A campaign from first draft to public support, in a real browser: an activist writes it in
Arabic with a photo and sends it for review; the safeguarding moderator sends it back with a
comment; the activist fixes it; the moderator approves; the Arabic page shows it right to left
with the display name only; a visitor without JavaScript supports it; another reports it.
axe checks the public pages."""

import pytest
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from campaigns.models import AbuseReport, CampaignIndexPage, CampaignPage, Support
from tests.campaigns.helpers import jpeg_with_gps
from tests.support.browser import PHONE, admin_log_in, assert_accessible

pytestmark = pytest.mark.e2e
TITLE = "أصوات من الميناء"


def footer_action(page, name):
    """Run one of the editor's footer actions (they sit in a drop-up menu)."""
    footer = page.locator("footer")
    target = footer.get_by_role("button", name=name, exact=True)
    if not target.is_visible():
        footer.get_by_role("button", name="More actions").click()
    target.click()


def expect_message(page, text):
    """Wait for the editor's message; when the form was refused, say which fields and why."""
    messages = page.locator(".messages")
    expect(messages).not_to_be_empty()
    if "validation errors" in messages.inner_text():
        errors = page.locator(".error-message, .help-critical, [id$='-errors']").all_inner_texts()
        raise AssertionError(f"the editor refused the page: {errors}")
    expect(messages).to_contain_text(text)


def test_write_review_publish_support_and_report(browser, live_server, demo, tmp_path):
    base = live_server.url
    index = CampaignIndexPage.objects.get(locale__language_code="ar")

    # The activist uploads a photo that holds its GPS position, then writes the campaign.
    activist = browser.new_page(viewport={"width": 1280, "height": 900})
    admin_log_in(activist, base, "applicant@example.org")
    photo = tmp_path / "harbour.jpg"
    photo.write_bytes(jpeg_with_gps())
    activist.goto(f"{base}/admin/images/add/")
    activist.set_input_files("#id_file", str(photo))
    activist.fill("#id_title", "Harbour at dawn")
    activist.get_by_role("button", name="Upload").click()
    expect(activist.locator(".messages")).to_contain_text("added")

    activist.goto(f"{base}/admin/pages/add/campaigns/campaignpage/{index.pk}/")
    activist.fill("#id_title", TITLE)
    activist.fill("#id_summary", "صيادو صيدا يروون قصص التعايش في الميناء.")
    activist.get_by_role("button", name="Choose an image").click()
    activist.locator(".modal").get_by_text("Harbour at dawn").first.click()
    expect(activist.locator(".modal")).to_be_hidden()
    expect(activist.get_by_text("Harbour at dawn").first).to_be_visible()
    activist.fill("#id_hero_alt_text", "قوارب صيد في ميناء صيدا عند الفجر")
    activist.select_option("#id_city", label="Saida")
    activist.get_by_label("Bridging divides").check()
    activist.get_by_role("button", name="Insert a block").first.click()
    activist.get_by_role("option", name="Paragraph").click()
    editor = activist.locator(".public-DraftEditor-content").first
    editor.click()
    editor.type("في الميناء، يعمل الجميع معاً مهما اختلفت أحياؤهم.")
    # On a busy machine Draft.js may still be catching up with the keystrokes.
    expect(editor).to_contain_text("مهما اختلفت أحياؤهم.")
    # Draftail copies the text into the form when the editor loses focus.
    activist.locator("#id_summary").click()
    activist.wait_for_timeout(500)
    activist.get_by_role("tab", name="Promote").click()
    activist.fill("#id_slug", "saida-harbour")
    expect(activist.locator("#id_slug")).to_have_value("saida-harbour")
    activist.get_by_role("tab", name="Content").click()
    footer_action(activist, "Submit to Safeguarding review")
    expect_message(activist, "submitted")
    campaign = CampaignPage.objects.get(slug="saida-harbour")
    assert not campaign.live

    # The moderator asks for a change.
    moderator = browser.new_page(viewport={"width": 1280, "height": 900})
    admin_log_in(moderator, base, "moderator@example.org")
    moderator.goto(f"{base}/admin/pages/{campaign.pk}/edit/")
    footer_action(moderator, "Request changes")
    moderator.locator(".modal textarea").fill("Please do not name the fishermen's street.")
    moderator.locator(".modal").get_by_role("button", name="Request changes").click()
    expect(moderator.locator(".messages")).to_contain_text(TITLE)
    state = WorkflowState.objects.get(object_id=str(campaign.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    # The activist fixes it and sends it again.
    activist.goto(f"{base}/admin/pages/{campaign.pk}/edit/")
    # The moderator's comment is in the page's status panel (and in the email).
    expect(
        activist.get_by_text("Please do not name the fishermen's street.").first
    ).to_be_attached()
    activist.fill("#id_summary", "صيادو صيدا يروون قصص التعايش.")
    footer_action(activist, "Resubmit to Safeguarding review")
    expect_message(activist, "submitted")

    # The moderator approves: the campaign goes live.
    moderator.goto(f"{base}/admin/pages/{campaign.pk}/edit/")
    footer_action(moderator, "Approve and Publish")
    expect(moderator.locator(".messages")).to_contain_text(TITLE)
    campaign.refresh_from_db()
    assert campaign.live
    assert campaign.summary == "صيادو صيدا يروون قصص التعايش."

    # The public: the Arabic page, right to left, the display name only.
    url = f"{base}/ar/campaigns/saida-harbour/"
    public = browser.new_page(viewport=PHONE)
    public.goto(url)
    expect(public.locator("html")).to_have_attribute("dir", "rtl")
    expect(public.locator("h1")).to_have_text(TITLE)
    expect(public.locator(".campaign__authors")).to_contain_text("Lina")
    assert "Haddad" not in public.content() and "applicant@example.org" not in public.content()
    assert ".webp" in public.locator("img.campaign__hero").get_attribute("srcset")
    assert_accessible(public)
    public.goto(f"{base}/ar/campaigns/")
    expect(public.get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(public)

    # A visitor with JavaScript off supports it.
    no_script = browser.new_context(java_script_enabled=False, viewport=PHONE)
    supporter = no_script.new_page()
    supporter.goto(url)
    supporter.get_by_role("link", name="ادعم هذه الحملة").click()
    supporter.get_by_label("اسمك (اختياري)").fill("مريم")
    supporter.wait_for_timeout(3100)  # people take a few seconds; robots do not
    supporter.get_by_role("button", name="أضف دعمي").click()
    expect(supporter.locator(".message--success").first).to_be_visible()
    assert Support.objects.filter(page=campaign, display_name="مريم").count() == 1
    no_script.close()

    # Another visitor reports it; the report reaches the moderators' queue.
    reporter = browser.new_page(viewport=PHONE)
    reporter.goto(url)
    reporter.get_by_role("link", name="أبلغ عن هذه الحملة").click()
    assert_accessible(reporter)
    reporter.get_by_label("تكشف معلومات خاصة عن شخص ما").check()
    reporter.wait_for_timeout(3100)
    reporter.get_by_role("button", name="أرسل البلاغ").click()
    expect(reporter.locator("h1")).to_have_text("شكراً لبلاغك")
    assert "applicant@example.org" not in reporter.content()
    assert_accessible(reporter)
    assert AbuseReport.objects.filter(page=campaign, status=AbuseReport.Status.OPEN).exists()
    moderator.goto(f"{base}/admin/campaigns/reports/")
    expect(moderator.get_by_role("link", name=TITLE)).to_be_visible()
