"""Awards in a real browser: programme staff approve an application (its award is made), the
grantee accepts the agreement and sends a report (in English, then reads the award in Arabic),
one finance officer records a manual payment with its evidence and a second approves it, and
the finance dashboard shows the money paid. axe checks every page."""

from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import expect

from grants.applications.models import Application
from grants.awards.models import Award, Report
from grants.calls.models import GrantCall
from grants.payments.models import LedgerEntry, ManualPayment, Tranche
from tests.grants.award_helpers import PDF
from tests.support.browser import admin_log_in, assert_accessible, log_in
from youthcities.money import format_amount, format_money

pytestmark = pytest.mark.e2e
PASSWORD = "youngcities-demo"
CLOSED_CALL = "local-innovation-grants-2026"


def test_award_report_and_a_manual_payment_signed_off_by_two_officers(
    browser, live_server, demo, tmp_path
):
    base = live_server.url
    call = GrantCall.objects.get(slug=CLOSED_CALL)
    application = (
        call.applications.filter(status=Application.Status.SUBMITTED).order_by("reference").last()
    )

    # Programme staff approve: the award is made with its tranches.
    staff = browser.new_page()
    admin_log_in(staff, base, "staff@example.org")
    staff.goto(f"{base}/admin/grants/applications/{application.pk}/decide/")
    staff.get_by_label("Approve").check()
    staff.get_by_label("Amount to award").fill("600")
    staff.get_by_role("button", name="Record the decision").click()
    # Approving is asked once more, with what it starts.
    expect(staff.get_by_role("heading", name="Approve this application?")).to_be_visible()
    first_tranche = format_money(Decimal("300"), call.currency)  # 50 %, e.g. "JOD300.000"
    expect(staff.locator(".yc-confirm")).to_contain_text(first_tranche)
    assert_accessible(staff)
    staff.get_by_role("button", name="Yes, approve and start the award").click()
    expect(staff.get_by_text(f"{application.reference}: Approve")).to_be_visible()
    award = Award.objects.get(application=application)
    assert award.amount == Decimal("600")
    staff.goto(f"{base}/admin/grants/awards/")
    expect(staff.get_by_role("link", name=application.reference)).to_be_visible()
    assert_accessible(staff)

    # The grantee accepts the agreement and sends the mid-term report.
    grantee = application.applicant
    grantee.set_password(PASSWORD)  # the demo's applicant groups have no login of their own
    grantee.save()
    EmailAddress.objects.update_or_create(
        user=grantee, email=grantee.email, defaults={"verified": True, "primary": True}
    )
    person = browser.new_page()
    log_in(person, base, grantee.email)
    person.goto(f"{base}/en/my/applications/")
    person.get_by_role("link", name="Your grant: agreement, payments and reports").click()
    expect(person.locator("h1")).to_contain_text("Your grant")
    expect(person.get_by_text(award.payee_name)).to_be_visible()
    assert_accessible(person)
    person.get_by_label("I have read the grant agreement").check()
    person.get_by_role("button", name="Accept the agreement").click()
    expect(person.locator(".message--success")).to_contain_text("agreement is accepted")
    expect(person.locator("tr.tranche--payable")).to_have_count(1)
    assert_accessible(person)
    person.get_by_role("link", name="Write this report").first.click()
    expect(person.locator("h1")).to_have_text("Mid-term report")
    assert_accessible(person)
    person.get_by_label("What has the project done so far?").fill(
        "Two workshops with 35 young people; the campaign is being filmed."
    )
    first_line = award.application.budget_lines.order_by("position").first()
    person.get_by_label(f"Spent on “{first_line.description}”").fill("120.500")
    evidence = tmp_path / "attendance.pdf"
    evidence.write_bytes(PDF)
    person.get_by_label("Evidence").set_input_files(str(evidence))
    person.get_by_role("button", name="Send the report").click()
    expect(person.locator(".message--success")).to_contain_text("Your report is sent")
    report = award.reports.get(kind="midterm")
    assert report.state == Report.State.SUBMITTED
    assert report.evidence.count() == 1
    person.goto(f"{base}/ar/my/awards/{award.pk}/")
    expect(person.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(person)

    # A finance officer records the manual transfer of the first tranche, with its evidence.
    finance = browser.new_page()
    admin_log_in(finance, base, "finance@example.org")
    finance.goto(f"{base}/admin/grants/awards/{award.pk}/")
    assert_accessible(finance)
    finance.get_by_role("link", name="Record a manual payment").first.click()
    assert_accessible(finance)
    finance.get_by_label("Mobile money").check()
    finance.get_by_label("Transfer reference").fill("OMT-2026-7781")
    finance.get_by_label("Date of the transfer").fill(timezone.localdate().isoformat())
    # The form starts from the tranche's amount, in the award's currency.
    expect(finance.get_by_label("Amount sent")).to_have_value(
        format_amount(Decimal("300"), call.currency)
    )
    expect(finance.get_by_label("Currency")).to_have_value(call.currency)
    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(PDF)
    finance.get_by_label("Evidence").set_input_files(str(receipt))
    finance.get_by_role("button", name="Record the payment").click()
    expect(finance.get_by_text("Another finance officer must approve it")).to_be_visible()
    # Nobody approves their own: the button is not even offered.
    expect(finance.get_by_role("button", name="Approve the payment")).to_have_count(0)
    # Wagtail's own message fades in: axe reads the page itself once the message has gone.
    finance.reload()
    assert_accessible(finance)
    tranche = award.tranches.get(position=1)
    assert tranche.state == Tranche.State.PROCESSING

    # The second officer approves it: only now is the tranche paid.
    second = browser.new_page()
    admin_log_in(second, base, "finance2@example.org")
    second.goto(f"{base}/admin/grants/awards/{award.pk}/")
    second.get_by_role("button", name="Approve the payment").click()
    expect(second.get_by_role("heading", name="Approve this payment?")).to_contain_text("payment")
    expect(second.locator(".yc-confirm")).to_contain_text("OMT-2026-7781")
    assert_accessible(second)
    second.get_by_role("button", name="Yes, approve the payment").click()
    expect(second.get_by_text("The payment is approved: the tranche is paid.")).to_be_visible()
    second.reload()
    assert_accessible(second)
    tranche.refresh_from_db()
    assert tranche.state == Tranche.State.PAID
    payment = ManualPayment.objects.get(reference="OMT-2026-7781")
    assert payment.decided_by.email == "finance2@example.org"
    assert LedgerEntry.objects.filter(tranche=tranche, kind="tranche_paid").count() == 1

    # The dashboard shows it.
    second.goto(f"{base}/admin/grants/finance/")
    expect(second.locator("svg.finance-chart")).to_be_visible()
    row = second.locator("table.yc-finance tbody tr", has_text=call.title_en)
    expect(row).to_contain_text("JOD")
    paid = sum(
        LedgerEntry.objects.filter(call=call, kind="tranche_paid").values_list("amount", flat=True)
    )
    expect(row).to_contain_text(f"{paid:,.3f}")
    assert_accessible(second)
