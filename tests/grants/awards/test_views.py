"""The award pages: a permission matrix over every URL and role, the grantee's portal in three
languages, the report form, staff's report review, finance's manual payment screens, the
dashboard with its chart, and the ledger exports."""

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from grants.awards.models import Award, Report
from grants.awards.reports import report_submit
from grants.payments.manual import manual_payment_approve, manual_payment_record
from grants.payments.models import LedgerEntry, ManualPayment, Tranche
from tests.factories.accounts import UserFactory
from tests.grants.award_helpers import PDF, evidence, make_award
from tests.grants.review_helpers import make_staff
from tests.support.s3 import refusing_s3_storage
from youthcities.accounts.roles import FINANCE, MODERATOR, MUNICIPAL, REVIEWER

pytestmark = pytest.mark.django_db
T = Tranche.State


@dataclass
class World:
    award: Award
    report: Report
    payment: ManualPayment
    people: dict


@pytest.fixture
def world():
    staff = make_staff()  # first: it makes the role groups with their admin access
    grantee = UserFactory(display_name="Noura K.", country="LB")
    people = {
        "anonymous": None,
        "grantee": grantee,
        "another applicant": UserFactory(),
        "reviewer": UserFactory(roles=[REVIEWER]),
        "programme staff": staff,
        "finance": UserFactory(roles=[FINANCE], is_staff=True),
        "second finance": UserFactory(roles=[FINANCE], is_staff=True),
        "moderator": UserFactory(roles=[MODERATOR], is_staff=True),
        "municipal staff": UserFactory(roles=[MUNICIPAL]),
    }
    award = make_award(applicant=grantee, staff=staff, accept=True)
    report = award.reports.get(kind="midterm")
    report_submit(
        report=report,
        actor=grantee,
        progress="Two workshops.",
        spending={},
        evidence=[evidence("photos.pdf")],
    )
    payment = manual_payment_record(
        tranche=award.tranches.get(position=1),
        actor=people["finance"],
        method="bank",
        reference="BLOM-1",
        paid_on=timezone.localdate(),
        amount=Decimal("500"),
        currency="USD",
        evidence=evidence(),
    )
    return World(award, report, payment, people)


def _get_urls(world):
    award, report, payment = world.award, world.report, world.payment
    finance = {"finance", "second finance"}
    money = {"programme staff"} | finance
    return {
        "award page": (reverse("grants:award", args=[award.pk]), {"grantee"}),
        "report form": (reverse("grants:report", args=[award.pk, report.pk]), {"grantee"}),
        "awards": (reverse("grants_award_admin:awards"), money),
        "award admin": (reverse("grants_award_admin:award", args=[award.pk]), money),
        "manual payment": (reverse("grants_award_admin:manual_record", args=[award.tranches.get(position=2).pk]), finance),
        "finance": (reverse("grants_award_admin:finance"), finance),
        "payout countries": (reverse("grants_award_admin:payout_countries"), finance),
        "ledger csv": (reverse("grants_award_admin:ledger_export", args=["csv"]), finance),
        "ledger xlsx": (reverse("grants_award_admin:ledger_export", args=["xlsx"]), finance),
        "payment evidence": (reverse("grants_award_admin:file", args=["payment", payment.pk]), money),
        "report evidence": (reverse("grants_award_admin:file", args=["report", report.evidence.get().pk]), money),
    }  # fmt: skip


ROLES = [
    "anonymous",
    "grantee",
    "another applicant",
    "reviewer",
    "programme staff",
    "finance",
    "second finance",
    "moderator",
    "municipal staff",
]


def _refused(response):
    if response.status_code == 302:  # to log in, or to the admin home ("no permission")
        return response["Location"].startswith(("/admin/", "/en/account/login/"))
    return response.status_code in (403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_expected_roles_open_each_award_url(client, world, role):
    person = world.people[role]
    if person is not None:
        client.force_login(person)
    for name, (url, allowed) in _get_urls(world).items():
        response = client.get(url)
        if role in allowed:
            assert response.status_code == 200, (name, role, response.status_code)
        else:
            assert _refused(response), (name, role, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_expected_roles_change_anything(client, world, role):
    """Every POST of the feature, by every role: the refused change nothing."""
    person = world.people[role]
    if person is not None:
        client.force_login(person)
    award, report, payment = world.award, world.report, world.payment
    posts = {
        "accept": (reverse("grants:award_accept", args=[award.pk]), {"accept": "on"}, {"grantee"}),
        "review report": (reverse("grants_award_admin:report_review", args=[report.pk]), {"decision": "approve"}, {"programme staff"}),
        "pay": (reverse("grants_award_admin:tranche_pay", args=[award.tranches.get(position=2).pk]), {}, {"finance", "second finance"}),
        "decide payment": (reverse("grants_award_admin:manual_decide", args=[payment.pk]), {"action": "approve", "confirmed": "1"}, {"finance", "second finance"}),
        "reconcile": (reverse("grants_award_admin:reconcile"), {}, {"finance", "second finance"}),
    }  # fmt: skip
    for name, (url, data, allowed) in posts.items():
        response = client.post(url, data)
        if role in allowed:
            assert response.status_code == 302, (name, role, response.status_code)
        else:
            assert _refused(response), (name, role, response.status_code)
    report.refresh_from_db()
    payment.refresh_from_db()
    assert (report.state == "approved") == (role == "programme staff")
    # Only the second officer's approval counts: the recorder's own is refused.
    assert (payment.state == "approved") == (role == "second finance")


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Your grant", "Payments", "Mid-term report", "$500.00"]),
        ("fr", ["500,00\xa0$US"]),
        ("ar", ['dir="rtl"', "US$"]),
    ],
)
def test_the_grantee_sees_the_award_in_their_language(client, language, words):
    award = make_award(accept=True)
    client.force_login(award.grantee)
    response = client.get(f"/{language}/my/awards/{award.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    for word in words:
        assert word in body, (language, word)
    assert award.payee_name in body


def test_the_award_page_says_who_receives_a_minors_money(client):
    from tests.factories.accounts import born_years_ago

    minor = UserFactory(date_of_birth=born_years_ago(16))
    award = make_award(applicant=minor, organisation_name="Tripoli Youth House")
    client.force_login(minor)
    body = client.get(reverse("grants:award", args=[award.pk])).content.decode()
    assert "Tripoli Youth House" in body
    assert "host organisation" in body


def test_the_grantee_accepts_the_agreement_from_the_award_page(client):
    award = make_award()
    client.force_login(award.grantee)
    page = client.get(reverse("grants:award", args=[award.pk])).content.decode()
    assert "Accept the agreement" in page
    response = client.post(reverse("grants:award_accept", args=[award.pk]), {"accept": "on"})
    assert response.status_code == 302
    award.refresh_from_db()
    assert award.state == Award.State.ACTIVE
    assert award.tranches.get(position=1).state == T.PAYABLE


def test_the_report_form_takes_progress_files_and_spending_in_the_readers_language(client):
    award = make_award(accept=True)
    line = award.application.budget_lines.get()
    report = award.reports.get(kind="midterm")
    client.force_login(award.grantee)
    url = f"/fr/my/awards/{award.pk}/reports/{report.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "progress": "Trois ateliers.",
            f"spent_{line.pk}": "1 250,50",
            "evidence": [
                SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"),
                SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf"),
            ],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.state == Report.State.SUBMITTED
    assert report.spending.get().amount == Decimal("1250.50")
    assert report.evidence.count() == 2


@pytest.mark.parametrize("spent", ["-5", "12.345", "lots"])
def test_the_report_form_refuses_bad_amounts_and_keeps_the_answers(client, spent):
    award = make_award(accept=True)
    line = award.application.budget_lines.get()
    report = award.reports.get(kind="midterm")
    client.force_login(award.grantee)
    response = client.post(
        reverse("grants:report", args=[award.pk, report.pk]),
        {"progress": "Kept text", f"spent_{line.pk}": spent},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "error-summary" in body
    assert "Kept text" in body
    report.refresh_from_db()
    assert report.state == Report.State.DUE


def test_staff_approve_a_report_from_the_award_page(client, world):
    client.force_login(world.people["programme staff"])
    page = client.get(reverse("grants_award_admin:award", args=[world.award.pk]))
    assert "Approve the report" in page.content.decode()
    client.post(
        reverse("grants_award_admin:report_review", args=[world.report.pk]),
        {"decision": "return", "comment": "Add the attendance list."},
    )
    world.report.refresh_from_db()
    assert world.report.state == Report.State.RETURNED
    assert world.award.tranches.get(position=2).state == T.SCHEDULED


def test_finance_record_a_manual_payment_in_the_admin(client, world):
    manual_payment_approve(payment=world.payment, actor=world.people["second finance"])
    from grants.awards.reports import report_review

    report_review(report=world.report, actor=world.people["programme staff"], approve=True)
    tranche = world.award.tranches.get(position=2)
    client.force_login(world.people["finance"])
    url = reverse("grants_award_admin:manual_record", args=[tranche.pk])
    response = client.post(
        url,
        {
            "method": "mobile_money",
            "reference": "OMT-7781",
            "paid_on": timezone.localdate().isoformat(),
            "amount": "300",
            "currency": "USD",
            "evidence": SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    payment = ManualPayment.objects.get(reference="OMT-7781")
    assert payment.recorded_by == world.people["finance"]
    tranche.refresh_from_db()
    assert tranche.state == T.PROCESSING


@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [
        ("300", "EUR", "EUR is not one of the available choices"),
        ("-300", "USD", "more than zero"),
        ("300.001", "USD", "at most 2 decimals"),
        ("9000", "USD", "left to pay"),
    ],
)
def test_the_manual_payment_form_refuses_bad_amounts(client, world, amount, currency, message):
    tranche = world.award.tranches.get(position=1)
    manual_payment_approve(payment=world.payment, actor=world.people["second finance"])
    from grants.awards.reports import report_review

    report_review(report=world.report, actor=world.people["programme staff"], approve=True)
    tranche = world.award.tranches.get(position=2)
    client.force_login(world.people["finance"])
    response = client.post(
        reverse("grants_award_admin:manual_record", args=[tranche.pk]),
        {
            "method": "bank",
            "reference": "X-1",
            "paid_on": timezone.localdate().isoformat(),
            "amount": amount,
            "currency": currency,
            "evidence": SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    tranche.refresh_from_db()
    assert tranche.state == T.PAYABLE


def test_approving_your_own_manual_payment_is_refused_with_a_message(client, world):
    client.force_login(world.people["finance"])
    page = client.get(reverse("grants_award_admin:award", args=[world.award.pk])).content.decode()
    assert "Another finance officer must approve" in page
    response = client.post(
        reverse("grants_award_admin:manual_decide", args=[world.payment.pk]),
        {"action": "approve"},
        follow=True,
    )
    assert "Another finance officer must approve a payment you recorded." in (
        response.content.decode()
    )
    world.payment.refresh_from_db()
    assert world.payment.state == ManualPayment.State.RECORDED


def test_the_dashboard_shows_awarded_paid_and_outstanding_per_call_and_currency_with_a_chart(
    client, world, django_assert_max_num_queries
):
    manual_payment_approve(payment=world.payment, actor=world.people["second finance"])
    make_award(amount=Decimal("300000"), currency="XOF")
    client.force_login(world.people["finance"])
    url = reverse("grants_award_admin:finance")
    client.get(url)
    with django_assert_max_num_queries(25):
        response = client.get(url)
    body = response.content.decode()
    assert '<svg class="finance-chart"' in body
    assert "$1,000.00" in body and "$500.00" in body  # awarded, paid and outstanding
    assert "F\u202fCFA" in body or "XOF" in body
    assert "$500.00 paid of $1,000.00" in body


def test_the_ledger_exports_as_csv_and_xlsx_with_exact_amounts(client, world):
    manual_payment_approve(payment=world.payment, actor=world.people["second finance"])
    make_award(amount=Decimal("1000.005"), currency="JOD")
    client.force_login(world.people["finance"])
    response = client.get(reverse("grants_award_admin:ledger_export", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["movement"], r["amount"], r["currency"]) for r in rows] == [
        ("committed", "1000.000", "USD"),
        ("tranche_paid", "500.000", "USD"),
        ("committed", "1000.005", "JOD"),
    ]
    response = client.get(reverse("grants_award_admin:ledger_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [row for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [Decimal(str(v[6])) for v in values] == [
        Decimal("1000"),
        Decimal("500"),
        Decimal("1000.005"),
    ]
    assert LedgerEntry.objects.count() == 3


def test_reconciling_from_the_dashboard_lists_every_mismatch(client, world, stripe_standin):
    stray = stripe_standin.add_transfer(amount=700, currency="usd", destination="acct_x")
    client.force_login(world.people["finance"])
    response = client.post(reverse("grants_award_admin:reconcile"), follow=True)
    body = response.content.decode()
    assert "Stripe transfers checked: 1; 1 mismatch." in body
    assert "A Stripe transfer the ledger does not have" in body
    assert stray["id"] in body


def test_award_pages_stay_within_their_query_budgets(client, world, django_assert_max_num_queries):
    client.force_login(world.people["grantee"])
    url = reverse("grants:award", args=[world.award.pk])
    client.get(url)  # +1 query a request: roles are read afresh unless the cache is shared
    # 16, and one for the count of unread messages in the award's conversation.
    with django_assert_max_num_queries(17):
        assert client.get(url).status_code == 200
    client.force_login(world.people["second finance"])
    url = reverse("grants_award_admin:award", args=[world.award.pk])
    client.get(url)
    with django_assert_max_num_queries(30):
        assert client.get(url).status_code == 200


def test_a_report_sent_by_someone_else_is_refused(client, world):
    report = world.award.reports.get(kind="final")
    for role in ["another applicant", "programme staff", "finance"]:
        client.force_login(world.people[role])
        response = client.post(
            reverse("grants:report", args=[world.award.pk, report.pk]), {"progress": "Not mine"}
        )
        assert response.status_code == 404, role
    report.refresh_from_db()
    assert report.state == Report.State.DUE and report.progress == ""


def test_the_admin_menu_shows_awards_to_staff_and_finance_and_the_dashboard_to_finance(
    client, world
):
    expectations = {
        "programme staff": (True, False),
        "finance": (True, True),
        "moderator": (False, False),
    }
    for role, (awards, finance) in expectations.items():
        client.force_login(world.people[role])
        body = client.get("/admin/").content.decode()
        assert (reverse("grants_award_admin:awards") in body) == awards, role
        assert (reverse("grants_award_admin:finance") in body) == finance, role


def test_stripe_onboarding_from_the_award_page(client, stripe_standin):
    award = make_award(country="JO", accept=True)
    client.force_login(award.grantee)
    page = client.get(reverse("grants:award", args=[award.pk])).content.decode()
    assert "Set up payments with Stripe" in page
    response = client.post(reverse("grants:stripe_onboard", args=[award.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{stripe_standin.url}/onboarding/acct_")
    award.refresh_from_db()
    account_id = award.stripe_account.account_id
    # Back from Stripe before it finished checking: not ready yet.
    response = client.get(reverse("grants:stripe_return", args=[award.pk]), follow=True)
    assert "Stripe is still checking your details" in response.content.decode()
    # An expired link: a fresh one.
    response = client.get(reverse("grants:stripe_refresh", args=[award.pk]))
    assert response["Location"] == f"{stripe_standin.url}/onboarding/{account_id}"
    stripe_standin.enable_payouts(account_id)
    response = client.get(reverse("grants:stripe_return", args=[award.pk]), follow=True)
    assert "Your Stripe account is ready to receive the grant." in response.content.decode()
    award.stripe_account.refresh_from_db()
    assert award.stripe_account.payouts_enabled
    page = client.get(reverse("grants:award", args=[award.pk])).content.decode()
    assert "Set up payments with Stripe" not in page


def test_onboarding_is_not_offered_where_stripe_does_not_pay_out(client, stripe_standin):
    award = make_award(country="LB", accept=True)
    client.force_login(award.grantee)
    page = client.get(reverse("grants:award", args=[award.pk])).content.decode()
    assert "Set up payments with Stripe" not in page
    assert "Manual transfer (bank, mobile money, host organisation)" in page
    response = client.post(reverse("grants:stripe_onboard", args=[award.pk]), follow=True)
    assert "This award is paid by manual transfer." in response.content.decode()
    assert not stripe_standin.accounts


def test_finance_keep_the_list_of_countries_stripe_pays_out_to(client, world):
    from grants.payments.models import PayoutCountry
    from youthcities.audit.models import AuditEntry

    url = reverse("grants_award_admin:payout_countries")
    for role in ["programme staff", "grantee"]:
        client.force_login(world.people[role])
        assert _refused(client.post(url, {"country": "LB", "stripe_supported": "yes"}))
    assert not PayoutCountry.objects.get(country="LB").stripe_supported
    client.force_login(world.people["finance"])
    assert "Lebanon" in client.get(url).content.decode()
    client.post(url, {"country": "lb", "stripe_supported": "yes", "note": "Served since May"})
    assert PayoutCountry.objects.get(country="LB").stripe_supported
    assert AuditEntry.objects.filter(action="payout_country.set").count() == 1
    response = client.post(url, {"country": "QQ", "stripe_supported": "yes"}, follow=True)
    assert "QQ is not a country code." in response.content.decode()
    assert make_award(country="LB").payout_method == Award.Method.STRIPE


def test_staff_set_the_tranche_schedule_and_report_dates_when_they_approve(client):
    from tests.grants.review_helpers import make_applications, make_call

    call = make_call(currency="XOF", max_amount=Decimal("2000000"))
    application = make_applications(call, 1, budget=Decimal("1000001"))[0]
    client.force_login(make_staff())
    url = reverse("grants_review_admin:decide", args=[application.pk])
    page = client.get(url).content.decode()
    assert "Share paid on the signed agreement (%)" in page
    response = client.post(
        url,
        {
            "outcome": "approved",
            "amount": "1000001",
            "share_agreement": "40",
            "share_midterm": "40",
            "share_final": "30",
        },
    )
    assert response.status_code == 400
    assert "The three shares must add up to 100 %, not 110 %." in response.content.decode()
    assert not Award.objects.exists()
    data = {
        "outcome": "approved",
        "amount": "1000001",
        "share_agreement": "40",
        "share_midterm": "40",
        "share_final": "20",
        "midterm_due": "2027-02-01",
        "final_due": "2027-07-01",
    }
    response = client.post(url, data)
    # The confirmation shows the tranches and due dates the award will get, before it exists.
    assert response.status_code == 200
    assert not Award.objects.exists()
    assert [(t.amount, t.report_due) for t in response.context["plan"]] == [
        (Decimal("400000"), None),
        (Decimal("400000"), datetime.date(2027, 2, 1)),
        (Decimal("200001"), datetime.date(2027, 7, 1)),
    ]
    page = response.content.decode()
    assert "CFA400,000" in page and "CFA200,001" in page
    assert "July 1, 2027" in page
    response = client.post(url, {**data, "confirmed": "1"})
    assert response.status_code == 302
    award = Award.objects.get(application=application)
    assert list(award.tranches.values_list("amount", flat=True)) == [
        Decimal("400000"),
        Decimal("400000"),
        Decimal("200001"),
    ]
    assert str(award.reports.get(kind="final").due_on) == "2027-07-01"


def test_storage_down_while_a_report_is_sent_keeps_what_was_typed_and_lets_the_grantee_retry(
    client, settings
):
    award = make_award(accept=True)
    line = award.application.budget_lines.get()
    report = award.reports.get(kind="midterm")
    client.force_login(award.grantee)
    url = reverse("grants:report", args=[award.pk, report.pk])
    typed = {"progress": "Three workshops with 40 young people.", f"spent_{line.pk}": "120.50"}
    working = settings.STORAGES["private"]
    settings.STORAGES = {**settings.STORAGES, "private": refusing_s3_storage()}
    response = client.post(url, {**typed, "evidence": [evidence("attendance.pdf")]})
    assert response.status_code == 400
    body = response.content.decode()
    assert "We could not store your evidence files just now" in body
    assert "Three workshops with 40 young people." in body  # the text is still in the form
    assert 'value="120.50"' in body
    report.refresh_from_db()
    assert report.state == Report.State.DUE
    assert not report.evidence.exists() and not report.spending.exists()
    # Storage is back: the same report goes through.
    settings.STORAGES = {**settings.STORAGES, "private": working}
    response = client.post(url, {**typed, "evidence": [evidence("attendance.pdf")]})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == Report.State.SUBMITTED
    assert report.evidence.count() == 1
