"""Awards: the award an approved application becomes (payee, payout method, tranches, the
committed amount), the grantee's agreement, Stripe onboarding, completion once every tranche
is paid, and money paid back. Each change in a transaction, audited."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.applications.models import Application
from grants.awards.lifecycle import AWARD
from grants.awards.models import Award, Report
from grants.awards.schedule import DEFAULT_SCHEDULE, schedule_is_valid
from grants.errors import GrantError, NotAllowed
from grants.payments import gateway
from grants.payments.gateway import (
    PayoutNotAllowed,
)
from grants.payments.ledger import BadMoney, Kind, T, award_paid, check_money, ledger_add
from grants.payments.lifecycle import TRANCHE
from grants.payments.models import LedgerEntry, StripeAccount, Tranche
from grants.payments.services import stripe_serves
from grants.payments.signals import tranche_paid
from grants.permissions import require_role
from youthcities.accounts.roles import FINANCE, PROGRAMME_STAFF
from youthcities.accounts.services import guardian_notify
from youthcities.audit.services import audit_record
from youthcities.lifecycle import GRANTEE, SYSTEM
from youthcities.money import quantum

ADULT_AGE = 18


class BadSchedule(GrantError):
    message = gettext_lazy("The tranche schedule must add up to 100 %.")


REPORT_FOR = {
    Tranche.Condition.MIDTERM_REPORT: Report.Kind.MIDTERM,
    Tranche.Condition.FINAL_REPORT: Report.Kind.FINAL,
}
MIDTERM_AFTER = datetime.timedelta(days=90)
FINAL_AFTER = datetime.timedelta(days=180)


# --- Awards ------------------------------------------------------------------------------------


def _payee_for(application: Application) -> tuple[str, str, str]:
    """Who receives the money: the grantee if an adult; for a minor's group the host
    organisation if there is one, else the parent or guardian who gave consent."""
    applicant = application.applicant
    country = applicant.country or (application.city.country if application.city_id else "")
    age = applicant.age
    if age is not None and age >= ADULT_AGE:
        return Award.PayeeKind.GRANTEE, applicant.legal_name or applicant.display_name, country
    if application.organisation_name:
        return Award.PayeeKind.HOST_ORGANISATION, application.organisation_name, country
    consent = getattr(applicant, "guardian_consent", None)
    if consent is None or not consent.is_confirmed:
        raise NotAllowed(
            _(
                "The applicant is a minor without a host organisation or a confirmed guardian: "
                "nobody can receive the money."
            )
        )
    return Award.PayeeKind.GUARDIAN, consent.confirmed_by_name or consent.guardian_email, country


def _split(amount: Decimal, currency: str, schedule) -> list[Decimal]:
    """Each tranche's share rounded down to the currency's minor units; the last one takes what
    is left, so the tranches always add up to the award exactly."""
    parts = [
        (amount * item.percent / 100).quantize(quantum(currency), rounding=ROUND_DOWN)
        for item in schedule[:-1]
    ]
    parts.append(amount - sum(parts, Decimal(0)))
    return parts


@dataclass(frozen=True)
class PlannedTranche:
    condition: str
    label: str
    percent: Decimal
    amount: Decimal
    report_due: datetime.date | None


def award_plan(
    *,
    amount: Decimal,
    currency: str,
    schedule=DEFAULT_SCHEDULE,
    midterm_due: datetime.date | None = None,
    final_due: datetime.date | None = None,
) -> list[PlannedTranche]:
    """What `award_create` will make of an approval, read before it is made (the decision's
    confirmation step): each tranche with its amount and the report it waits for, by the same
    split and due dates."""
    schedule = tuple(schedule)
    due = _report_due_dates(midterm_due=midterm_due, final_due=final_due)
    return [
        PlannedTranche(
            condition=item.condition,
            label=str(Tranche.Condition(item.condition).label),
            percent=item.percent,
            amount=part,
            report_due=due.get(REPORT_FOR.get(item.condition)),
        )
        for item, part in zip(schedule, _split(amount, currency, schedule), strict=True)
    ]


def award_create(
    *,
    application: Application,
    actor,
    schedule=DEFAULT_SCHEDULE,
    midterm_due: datetime.date | None = None,
    final_due: datetime.date | None = None,
) -> Award:
    """The award of an approved application: its tranches, its reports and the committed
    amount in the ledger. Called by `application_decide` when staff approve."""
    require_role(actor, PROGRAMME_STAFF)
    schedule = tuple(schedule)
    if not schedule_is_valid(schedule):
        raise BadSchedule()
    due = _report_due_dates(midterm_due=midterm_due, final_due=final_due)
    with transaction.atomic():
        current = _lock_approved_application(application)
        currency = current.call.currency
        amount = check_money(current.awarded_amount, currency, expected_currency=currency)
        payee_kind, payee_name, country = _payee_for(current)
        method = _payout_method(payee_kind, country)
        award = Award.objects.create(
            application=current,
            call=current.call,
            grantee=current.applicant,
            amount=amount,
            currency=currency,
            payee_kind=payee_kind,
            payee_name=payee_name,
            payee_country=country,
            payout_method=method,
            created_by=actor,
        )
        _tranches_create(award=award, schedule=schedule, due=due)
        ledger_add(award=award, kind=Kind.COMMITTED, amount=amount, actor=actor)
        audit_record(
            actor=actor,
            action="award.created",
            target=award,
            data={
                "application": current.pk,
                "amount": str(amount),
                "currency": currency,
                "payee_kind": payee_kind,
                "method": method,
                "schedule": [[i.condition, str(i.percent)] for i in schedule],
            },
        )
        # The applicant hears of it once, with the decision (application_decide's email); a
        # guardian who consented hears what was awarded, and nothing more.
        guardian_notify(
            user=current.applicant,
            template="grants/email/guardian_award",
            context={
                "amount": amount,
                "currency": currency,
                "call": current.call,
                "paid_to_guardian": payee_kind == Award.PayeeKind.GUARDIAN,
            },
        )
    return award


def _report_due_dates(*, midterm_due, final_due) -> dict[str, datetime.date]:
    """When each report is due: the dates staff chose, or 90 and 180 days from today."""
    today = timezone.localdate()
    return {
        Report.Kind.MIDTERM: midterm_due or today + MIDTERM_AFTER,
        Report.Kind.FINAL: final_due or today + FINAL_AFTER,
    }


def _lock_approved_application(application: Application) -> Application:
    """The application, locked, when it is approved with an amount and has no award yet."""
    current = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call", "applicant", "city")
        .get(pk=application.pk)
    )
    if current.status != Application.Status.APPROVED or not current.awarded_amount:
        raise NotAllowed(_("Only an approved application becomes an award."))
    if Award.objects.filter(application=current).exists():
        raise NotAllowed(_("This application already has its award."))
    return current


def _payout_method(payee_kind: str, country: str) -> str:
    """Stripe for an adult grantee in a country Stripe serves; a recorded transfer otherwise."""
    if payee_kind == Award.PayeeKind.GRANTEE and stripe_serves(country):
        return Award.Method.STRIPE
    return Award.Method.MANUAL


def _tranches_create(*, award: Award, schedule, due) -> None:
    """The award's tranches in the schedule's order, each with the report it waits for."""
    parts = _split(award.amount, award.currency, schedule)
    for position, (item, part) in enumerate(zip(schedule, parts, strict=True), start=1):
        tranche = Tranche.objects.create(
            award=award,
            position=position,
            condition=item.condition,
            percent=item.percent,
            amount=part,
        )
        kind = REPORT_FOR.get(item.condition)
        if kind:
            Report.objects.create(award=award, tranche=tranche, kind=kind, due_on=due[kind])


def _lock_award(award: Award) -> Award:
    return Award.objects.select_for_update().get(pk=award.pk)


def award_accept_agreement(*, award: Award, actor) -> Award:
    """The grantee accepts the grant agreement; the tranche due on it becomes payable."""
    with transaction.atomic():
        current = _lock_award(award)
        if actor is None or current.grantee_id != actor.pk:
            raise NotAllowed()
        AWARD.move(current, Award.State.ACTIVE, GRANTEE)
        current.agreement_accepted_at = timezone.now()
        current.agreement_accepted_by = actor
        current.save(update_fields=["state", "agreement_accepted_at", "agreement_accepted_by"])
        for tranche in current.tranches.select_for_update().filter(
            condition=Tranche.Condition.AGREEMENT
        ):
            TRANCHE.move(tranche, T.PAYABLE, GRANTEE)
            tranche.save(update_fields=["state"])
        audit_record(actor=actor, action="award.agreement_accepted", target=current)
    return current


def award_complete_if_paid(award: Award) -> None:
    if not award.tranches.exclude(state=T.PAID).exists() and AWARD.can_move(
        award.state, Award.State.COMPLETED, SYSTEM
    ):
        Award.objects.filter(pk=award.pk).update(state=Award.State.COMPLETED)
        audit_record(actor=None, action="award.completed", target=award)


@receiver(tranche_paid)
def _complete_when_paid(sender, tranche, **kwargs):
    """Payments, a floor below, say a tranche is paid (in the payment's transaction)."""
    award_complete_if_paid(tranche.award)


# --- Stripe Connect ----------------------------------------------------------------------------


def stripe_onboarding_link(*, award: Award, actor, return_url: str, refresh_url: str) -> str:
    """The grantee's link to Stripe's onboarding: their Connect account is made once."""
    if actor is None or award.grantee_id != actor.pk:
        raise NotAllowed()
    if award.payout_method != Award.Method.STRIPE:
        raise PayoutNotAllowed(_("This award is paid by manual transfer."))
    account = StripeAccount.objects.filter(owner=actor, country=award.payee_country).first()
    if account is None:
        remote = gateway.account_create(
            country=award.payee_country, email=actor.email, user_id=actor.pk
        )
        with transaction.atomic():
            account, created = StripeAccount.objects.get_or_create(
                account_id=remote["id"],
                defaults={"owner": actor, "country": award.payee_country},
            )
            if created:
                audit_record(actor=actor, action="stripe.account_created", target=account, data={})
    with transaction.atomic():
        if award.stripe_account_id != account.pk:
            Award.objects.filter(pk=award.pk).update(stripe_account=account)
            audit_record(
                actor=actor,
                action="award.stripe_account_linked",
                target=award,
                data={"account": account.account_id},
            )
    return gateway.account_link(
        account_id=account.account_id, refresh_url=refresh_url, return_url=return_url
    )


def award_clawback(*, award: Award, actor, amount, currency: str, reference: str) -> LedgerEntry:
    """Money the grantee paid back (unspent or misused): a negative movement of paid money."""
    require_role(actor, FINANCE)
    with transaction.atomic():
        current = _lock_award(award)
        amount = check_money(amount, currency, expected_currency=current.currency)
        if amount > award_paid(current):
            raise BadMoney(_("More than was paid cannot be paid back."))
        entry = ledger_add(
            award=current,
            kind=Kind.CLAWBACK,
            amount=-amount,
            reference=reference.strip()[:120],
            actor=actor,
        )
        audit_record(
            actor=actor, action="award.clawback", target=current, data={"amount": str(amount)}
        )
    return entry
