"""Awards, tranches, reports, manual payments and the ledger: the services and their rules,
bad input included. Stripe has its own file (test_stripe.py)."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from grants.applications.models import Application
from grants.awards.lifecycle import AWARD
from grants.awards.models import Award, Report
from grants.awards.reports import report_review, report_submit
from grants.awards.schedule import ScheduleItem
from grants.awards.services import (
    BadSchedule,
    award_accept_agreement,
    award_clawback,
    award_create,
)
from grants.errors import NotAllowed
from grants.payments.gateway import NotPayable
from grants.payments.ledger import BadMoney, award_paid, check_money, ledger_reverse
from grants.payments.lifecycle import TRANCHE
from grants.payments.manual import (
    manual_payment_approve,
    manual_payment_record,
    manual_payment_reject,
)
from grants.payments.models import (
    LedgerEntry,
    LedgerImmutable,
    ManualPayment,
    PayoutCountry,
    Tranche,
)
from grants.payments.services import tranche_retry
from tests.factories.accounts import GuardianConsentFactory, UserFactory, born_years_ago
from tests.grants.award_helpers import evidence, make_award, make_finance
from tests.grants.review_helpers import make_applications, make_call, make_staff
from youthcities.accounts.roles import FINANCE, MODERATOR, PROGRAMME_STAFF, REVIEWER
from youthcities.audit.models import AuditEntry
from youthcities.lifecycle import GRANTEE

pytestmark = pytest.mark.django_db
T = Tranche.State


def _record(tranche, officer, **overrides):
    fields = {
        "method": ManualPayment.Method.BANK,
        "reference": "BLOM-2026-118",
        "paid_on": timezone.localdate(),
        "amount": tranche.amount,
        "currency": tranche.award.currency,
        "evidence": evidence(),
    }
    fields.update(overrides)
    return manual_payment_record(tranche=tranche, actor=officer, **fields)


# --- Creating an award ---------------------------------------------------------------------------


def test_approving_an_application_creates_its_award_with_tranches_reports_and_commitment():
    award = make_award(amount=Decimal("1000"))
    tranches = list(award.tranches.order_by("position"))
    assert [t.amount for t in tranches] == [Decimal("500"), Decimal("300"), Decimal("200")]
    assert [t.condition for t in tranches] == ["agreement", "midterm_report", "final_report"]
    assert all(t.state == T.SCHEDULED for t in tranches)
    reports = {r.kind: r for r in award.reports.all()}
    assert reports["midterm"].tranche == tranches[1]
    assert reports["final"].tranche == tranches[2]
    assert reports["midterm"].due_on < reports["final"].due_on
    [committed] = LedgerEntry.objects.filter(award=award)
    assert (committed.kind, committed.amount, committed.currency) == ("committed", 1000, "USD")
    assert AuditEntry.objects.filter(action="award.created", target_id=str(award.pk)).exists()


@pytest.mark.parametrize(
    ("currency", "amount", "parts"),
    [
        ("XOF", Decimal("1000001"), ["500000", "300000", "200001"]),
        ("JOD", Decimal("1000.001"), ["500.000", "300.000", "200.001"]),
        ("USD", Decimal("999.99"), ["499.99", "299.99", "200.01"]),
    ],
)
def test_tranches_respect_minor_units_and_add_up_to_the_award(currency, amount, parts):
    award = make_award(amount=amount, currency=currency)
    amounts = list(award.tranches.order_by("position").values_list("amount", flat=True))
    assert amounts == [Decimal(p) for p in parts]
    assert sum(amounts) == amount


def test_a_custom_schedule_must_add_up_to_100_percent():
    call = make_call()
    application = make_applications(call, 1)[0]
    Application.objects.filter(pk=application.pk).update(
        status="approved", awarded_amount=Decimal("100")
    )
    with pytest.raises(BadSchedule):
        award_create(
            application=application,
            actor=make_staff(),
            schedule=[ScheduleItem("agreement", Decimal(60)), ScheduleItem("final_report", 30)],
        )
    assert not Award.objects.exists()


def test_only_programme_staff_create_awards_and_only_for_approved_applications():
    call = make_call()
    application = make_applications(call, 1)[0]
    with pytest.raises(NotAllowed):
        award_create(application=application, actor=make_staff())  # submitted, not approved
    Application.objects.filter(pk=application.pk).update(
        status="approved", awarded_amount=Decimal("100")
    )
    with pytest.raises(NotAllowed):
        award_create(application=application, actor=make_finance())
    award_create(application=application, actor=make_staff())
    with pytest.raises(NotAllowed):  # never twice
        award_create(application=application, actor=make_staff())


def test_an_adult_grantee_receives_the_money():
    award = make_award(country="LB")
    assert award.payee_kind == Award.PayeeKind.GRANTEE
    assert award.payee_name == award.grantee.legal_name


def test_a_minors_group_is_paid_through_its_host_organisation():
    minor = UserFactory(date_of_birth=born_years_ago(16))
    award = make_award(applicant=minor, organisation_name="Tripoli Youth House")
    assert award.payee_kind == Award.PayeeKind.HOST_ORGANISATION
    assert award.payee_name == "Tripoli Youth House"
    assert award.payout_method == Award.Method.MANUAL


def test_a_minor_without_host_organisation_is_paid_through_the_guardian_who_consented():
    consent = GuardianConsentFactory(
        confirmed_at=timezone.now(), confirmed_by_name="Rana Khalil", user__country="JO"
    )
    award = make_award(applicant=consent.user, organisation_name="")
    assert award.payee_kind == Award.PayeeKind.GUARDIAN
    assert award.payee_name == "Rana Khalil"
    # Stripe serves Jordan, but only the grantee has a Connect account: the guardian is paid
    # by hand.
    assert award.payout_method == Award.Method.MANUAL


def test_stripe_or_manual_follows_the_supported_country_data():
    assert make_award(country="JO").payout_method == Award.Method.STRIPE
    assert make_award(country="LB").payout_method == Award.Method.MANUAL  # Lebanon
    assert make_award(country="XK").payout_method == Award.Method.MANUAL  # Kosovo
    PayoutCountry.objects.filter(country="JO").update(stripe_supported=False)
    assert make_award(country="JO").payout_method == Award.Method.MANUAL


# --- Lifecycle table -----------------------------------------------------------------------------


def test_the_tranche_lifecycle_is_one_table():
    assert TRANCHE.next_states(T.SCHEDULED, PROGRAMME_STAFF) == [T.PAYABLE]
    assert TRANCHE.next_states(T.PAYABLE, FINANCE) == [T.PROCESSING]
    assert set(TRANCHE.next_states(T.PROCESSING, FINANCE)) == {T.PAID, T.FAILED}
    assert TRANCHE.next_states(T.FAILED, FINANCE) == [T.PAYABLE]
    assert TRANCHE.next_states(T.PAID, FINANCE) == [T.REVERSED]
    assert not TRANCHE.can_move(T.PAID, T.PAYABLE, FINANCE)
    assert not TRANCHE.can_move(T.SCHEDULED, T.PAID, FINANCE)
    assert TRANCHE.states == set(T.values)
    assert AWARD.can_move(Award.State.AWAITING_AGREEMENT, Award.State.ACTIVE, GRANTEE)
    assert not AWARD.can_move(Award.State.AWAITING_AGREEMENT, Award.State.ACTIVE, PROGRAMME_STAFF)


# --- Agreement and reports -----------------------------------------------------------------------


def test_accepting_the_agreement_makes_the_first_tranche_payable():
    award = make_award()
    award = award_accept_agreement(award=award, actor=award.grantee)
    assert award.state == Award.State.ACTIVE
    assert award.agreement_accepted_at is not None
    states = list(award.tranches.order_by("position").values_list("state", flat=True))
    assert states == [T.PAYABLE, T.SCHEDULED, T.SCHEDULED]
    with pytest.raises(NotAllowed):  # once
        award_accept_agreement(award=award, actor=award.grantee)


def test_only_the_grantee_accepts_the_agreement():
    award = make_award()
    for person in [UserFactory(), make_staff(), make_finance()]:
        with pytest.raises(NotAllowed):
            award_accept_agreement(award=award, actor=person)


def test_a_report_from_someone_who_is_not_the_grantee_is_refused():
    award = make_award(accept=True)
    report = award.reports.get(kind="midterm")
    for person in [UserFactory(), make_staff(), make_finance(), UserFactory(roles=[REVIEWER])]:
        with pytest.raises(NotAllowed):
            report_submit(report=report, actor=person, progress="Done", spending={})
    report.refresh_from_db()
    assert report.state == Report.State.DUE


def test_no_report_before_the_agreement_is_accepted():
    award = make_award()
    report = award.reports.get(kind="midterm")
    with pytest.raises(NotAllowed):
        report_submit(report=report, actor=award.grantee, progress="Done", spending={})


def test_the_grantee_reports_progress_evidence_and_spending_per_budget_line():
    award = make_award(accept=True)
    line = award.application.budget_lines.get()
    report = report_submit(
        report=award.reports.get(kind="midterm"),
        actor=award.grantee,
        progress="Three workshops with 60 young people.",
        spending={line.pk: Decimal("450.50")},
        evidence=[evidence("attendance.pdf")],
    )
    assert report.state == Report.State.SUBMITTED
    assert report.spending.get().amount == Decimal("450.50")
    assert report.evidence.get().original_name == "attendance.pdf"


@pytest.mark.parametrize("spent", [Decimal("-1"), Decimal("10.001"), 10.5])
def test_reported_spending_must_be_a_valid_amount(spent):
    award = make_award(accept=True)
    line = award.application.budget_lines.get()
    with pytest.raises(BadMoney):
        report_submit(
            report=award.reports.get(kind="midterm"),
            actor=award.grantee,
            progress="Done",
            spending={line.pk: spent},
        )


def test_spending_on_another_projects_budget_line_is_refused():
    award = make_award(accept=True)
    other = make_award(accept=True).application.budget_lines.get()
    with pytest.raises(NotAllowed):
        report_submit(
            report=award.reports.get(kind="midterm"),
            actor=award.grantee,
            progress="Done",
            spending={other.pk: Decimal("1")},
        )


def test_approving_a_report_makes_its_tranche_payable_and_returning_it_asks_again(
    django_capture_on_commit_callbacks,
):
    award = make_award(accept=True)
    staff = make_staff()
    report = award.reports.get(kind="midterm")
    report_submit(report=report, actor=award.grantee, progress="Half done", spending={})
    with pytest.raises(NotAllowed):  # a return says why
        report_review(report=report, actor=staff, approve=False)
    report = report_review(report=report, actor=staff, approve=False, comment="Add photos.")
    assert report.state == Report.State.RETURNED
    assert report.tranche.state == T.SCHEDULED
    report_submit(report=report, actor=award.grantee, progress="Half done, photos", spending={})
    report = report_review(report=report, actor=staff, approve=True)
    assert report.state == Report.State.APPROVED
    report.tranche.refresh_from_db()
    assert report.tranche.state == T.PAYABLE


def test_only_programme_staff_review_reports():
    award = make_award(accept=True)
    report = award.reports.get(kind="midterm")
    report_submit(report=report, actor=award.grantee, progress="Done", spending={})
    for person in [award.grantee, make_finance(), UserFactory(roles=[MODERATOR])]:
        with pytest.raises(NotAllowed):
            report_review(report=report, actor=person, approve=True)


# --- Manual payments -----------------------------------------------------------------------------


def test_a_manual_payment_needs_a_second_finance_officer():
    award = make_award(accept=True)
    first, second = make_finance(2)
    tranche = award.tranches.get(position=1)
    payment = _record(tranche, first)
    tranche.refresh_from_db()
    assert tranche.state == T.PROCESSING
    assert not LedgerEntry.objects.filter(kind="tranche_paid").exists()
    with pytest.raises(NotAllowed):  # nobody approves their own
        manual_payment_approve(payment=payment, actor=first)
    tranche.refresh_from_db()
    assert tranche.state == T.PROCESSING
    payment = manual_payment_approve(payment=payment, actor=second)
    tranche.refresh_from_db()
    assert (payment.state, tranche.state) == ("approved", T.PAID)
    [paid] = LedgerEntry.objects.filter(kind="tranche_paid")
    assert (paid.amount, paid.method, paid.reference) == (Decimal("500"), "bank", "BLOM-2026-118")
    assert award_paid(award) == Decimal("500")


def test_the_database_refuses_an_officer_approving_their_own_payment():
    award = make_award(accept=True)
    officer = make_finance()
    payment = _record(award.tranches.get(position=1), officer)
    with pytest.raises(IntegrityError), transaction.atomic():
        ManualPayment.objects.filter(pk=payment.pk).update(decided_by=officer)


def test_only_finance_records_and_approves_manual_payments():
    award = make_award(accept=True)
    tranche = award.tranches.get(position=1)
    for person in [award.grantee, make_staff(), UserFactory(roles=[MODERATOR])]:
        with pytest.raises(NotAllowed):
            _record(tranche, person)
    payment = _record(tranche, make_finance())
    with pytest.raises(NotAllowed):
        manual_payment_approve(payment=payment, actor=make_staff())


def test_paying_a_tranche_that_is_not_payable_is_refused():
    award = make_award(accept=True)
    officer = make_finance()
    with pytest.raises(NotPayable):  # scheduled: its report is not approved yet
        _record(award.tranches.get(position=2), officer)
    _record(award.tranches.get(position=1), officer)
    with pytest.raises(NotPayable):  # being paid already
        _record(award.tranches.get(position=1), officer)
    assert ManualPayment.objects.count() == 1


@pytest.mark.parametrize(
    ("amount", "currency", "words"),
    [
        (Decimal("500"), "EUR", "paid in USD"),
        (Decimal("-500"), "USD", "more than zero"),
        (Decimal("0"), "USD", "more than zero"),
        (Decimal("499.999"), "USD", "at most 2 decimals"),
        (500.0, "USD", "floating-point"),
        (Decimal("1500"), "USD", "left to pay"),
        (Decimal("400"), "USD", "exactly that amount"),
    ],
)
def test_bad_manual_payment_amounts_are_refused(amount, currency, words):
    award = make_award(accept=True)
    tranche = award.tranches.get(position=1)
    with pytest.raises(BadMoney, match=words):
        _record(tranche, make_finance(), amount=amount, currency=currency)
    tranche.refresh_from_db()
    assert tranche.state == T.PAYABLE
    assert not ManualPayment.objects.exists()


@pytest.mark.parametrize(
    ("currency", "amount", "ok"),
    [
        ("XOF", "1500", True),
        ("XOF", "1500.5", False),
        ("JOD", "12.345", True),
        ("JOD", "12.3456", False),
        ("USD", "12.34", True),
        ("USD", "12.345", False),
    ],
)
def test_minor_units_come_from_the_currency(currency, amount, ok):
    if ok:
        assert check_money(Decimal(amount), currency, expected_currency=currency) == Decimal(amount)
    else:
        with pytest.raises(BadMoney):
            check_money(Decimal(amount), currency, expected_currency=currency)


def test_a_rejected_manual_payment_fails_the_tranche_which_can_be_paid_again():
    award = make_award(accept=True)
    first, second = make_finance(2)
    tranche = award.tranches.get(position=1)
    payment = _record(tranche, first)
    manual_payment_reject(payment=payment, actor=second, reason="Evidence is unreadable.")
    tranche.refresh_from_db()
    assert tranche.state == T.FAILED
    assert LedgerEntry.objects.filter(kind="payment_failed").count() == 1
    tranche = tranche_retry(tranche=tranche, actor=first)
    assert tranche.state == T.PAYABLE
    manual_payment_approve(payment=_record(tranche, first, reference="BLOM-2"), actor=second)
    tranche.refresh_from_db()
    assert tranche.state == T.PAID


def test_every_tranche_paid_completes_the_award():
    award = make_award(accept=True)
    first, second = make_finance(2)
    staff = make_staff()
    for kind in ["midterm", "final"]:
        report = award.reports.get(kind=kind)
        report_submit(report=report, actor=award.grantee, progress="Done", spending={})
        report_review(report=report, actor=staff, approve=True)
    for tranche in award.tranches.order_by("position"):
        manual_payment_approve(payment=_record(tranche, first), actor=second)
    award.refresh_from_db()
    assert award.state == Award.State.COMPLETED
    assert award_paid(award) == award.amount


# --- The ledger ----------------------------------------------------------------------------------


def _paid_entry():
    award = make_award(accept=True)
    first, second = make_finance(2)
    manual_payment_approve(payment=_record(award.tranches.get(position=1), first), actor=second)
    return LedgerEntry.objects.get(kind="tranche_paid"), first


def test_ledger_rows_are_never_updated_or_deleted_by_the_orm():
    entry, _officer = _paid_entry()
    entry.amount = Decimal("1")
    with pytest.raises(LedgerImmutable):
        entry.save()
    with pytest.raises(LedgerImmutable):
        entry.delete()
    with pytest.raises(LedgerImmutable):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=Decimal("1"))
    with pytest.raises(LedgerImmutable):
        LedgerEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.amount == Decimal("500")


def test_postgresql_refuses_updating_or_deleting_ledger_rows(postgres):
    entry, _officer = _paid_entry()
    for sql in [
        "UPDATE grants_ledgerentry SET amount = 1 WHERE id = %s",
        "DELETE FROM grants_ledgerentry WHERE id = %s",
    ]:
        with (
            pytest.raises(Exception, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])
    assert LedgerEntry.objects.get(pk=entry.pk).amount == Decimal("500")


def test_the_database_refuses_a_second_payment_of_a_tranche():
    entry, _officer = _paid_entry()
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            award=entry.award,
            call=entry.call,
            tranche=entry.tranche,
            kind="tranche_paid",
            amount=entry.amount,
            currency=entry.currency,
        )


def test_a_correction_is_a_reversing_entry():
    entry, officer = _paid_entry()
    reversal = ledger_reverse(entry=entry, actor=officer, reason="Paid to the wrong account")
    assert reversal.amount == -entry.amount
    assert reversal.reverses == entry
    entry.tranche.refresh_from_db()
    assert entry.tranche.state == T.REVERSED
    assert award_paid(entry.award) == 0
    with pytest.raises(NotAllowed):  # once
        ledger_reverse(entry=entry, actor=officer, reason="again")
    committed = LedgerEntry.objects.get(kind="committed")
    with pytest.raises(NotAllowed):  # only payments
        ledger_reverse(entry=committed, actor=officer, reason="no")


def test_a_clawback_cannot_exceed_what_was_paid():
    entry, officer = _paid_entry()
    with pytest.raises(BadMoney):
        award_clawback(
            award=entry.award, actor=officer, amount=Decimal("501"), currency="USD", reference="x"
        )
    clawback = award_clawback(
        award=entry.award, actor=officer, amount=Decimal("120"), currency="USD", reference="CB-1"
    )
    assert clawback.amount == Decimal("-120")
    assert award_paid(entry.award) == Decimal("380")


def test_report_due_dates_can_be_set_when_the_award_is_made():
    call = make_call()
    application = make_applications(call, 1)[0]
    Application.objects.filter(pk=application.pk).update(
        status="approved", awarded_amount=Decimal("100")
    )
    day = datetime.date(2027, 3, 1)
    award = award_create(
        application=application, actor=make_staff(), midterm_due=day, final_due=day.replace(month=9)
    )
    assert award.reports.get(kind="midterm").due_on == day


def test_a_recorded_manual_payment_is_announced_to_the_other_finance_officers(
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    award = make_award(accept=True)
    first, second = make_finance(2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _record(award.tranches.get(position=1), first)
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert "BLOM-2026-118" in mail.outbox[0].subject


def test_a_submitted_report_is_announced_to_programme_staff(django_capture_on_commit_callbacks):
    from django.core import mail

    staff = make_staff()
    award = make_award(accept=True, staff=staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_submit(
            report=award.reports.get(kind="midterm"),
            actor=award.grantee,
            progress="Done",
            spending={},
        )
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert award.application.reference in mail.outbox[0].subject


def test_the_payout_country_list_can_be_restored_without_undoing_finance_changes():
    from grants.payments.countries import STRIPE_COUNTRIES, payout_countries_ensure

    PayoutCountry.objects.filter(country="JO").update(stripe_supported=False)
    PayoutCountry.objects.filter(country="KE").delete()
    payout_countries_ensure()
    assert PayoutCountry.objects.count() == len(STRIPE_COUNTRIES) + 2
    assert not PayoutCountry.objects.get(country="JO").stripe_supported
    assert PayoutCountry.objects.get(country="KE").stripe_supported
