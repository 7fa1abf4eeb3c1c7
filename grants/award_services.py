"""Award and disbursement services: creating an award, the grantee's agreement and reports,
paying tranches through Stripe Connect or by a manual transfer two finance officers sign off,
Stripe's events, reversals and clawbacks, and reconciliation with Stripe.

Every change of state is one function here, in a transaction, checked against the tables in
`award_lifecycle`, leaving an audit entry. Money moves only by appending ledger rows."""

import contextlib
import datetime
import logging
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from youthcities.accounts.roles import FINANCE, PROGRAMME_STAFF
from youthcities.accounts.selectors import has_role, users_with_role
from youthcities.audit.services import audit_record

from . import stripe_gateway as gateway
from .award_lifecycle import GRANTEE, STAFF, SYSTEM, can_move
from .award_models import (
    Award,
    LedgerEntry,
    ManualPayment,
    PayoutCountry,
    ReconciliationRun,
    Report,
    ReportEvidence,
    ReportSpending,
    StripeAccount,
    StripeEvent,
    Tranche,
)
from .errors import GrantError, NotAllowed, StorageUnavailable
from .models import Application
from .money import format_money, minor_units, quantum
from .stripe_gateway import (
    GatewayError,
    NotPayable,
    OutcomeUnknown,
    PayoutNotAllowed,
    TransferMismatch,
)
from .uploads import check_upload

logger = logging.getLogger(__name__)

ADULT_AGE = 18
T = Tranche.State
Kind = LedgerEntry.Kind


class BadMoney(GrantError):
    message = _("This amount cannot be used.")


class BadSchedule(GrantError):
    message = _("The tranche schedule must add up to 100 %.")


@dataclass(frozen=True)
class ScheduleItem:
    condition: str
    percent: Decimal


# 50 % on the signed agreement, 30 % on an approved mid-term report, 20 % on the final report.
DEFAULT_SCHEDULE = (
    ScheduleItem(Tranche.Condition.AGREEMENT, Decimal(50)),
    ScheduleItem(Tranche.Condition.MIDTERM_REPORT, Decimal(30)),
    ScheduleItem(Tranche.Condition.FINAL_REPORT, Decimal(20)),
)
REPORT_FOR = {
    Tranche.Condition.MIDTERM_REPORT: Report.Kind.MIDTERM,
    Tranche.Condition.FINAL_REPORT: Report.Kind.FINAL,
}
MIDTERM_AFTER = datetime.timedelta(days=90)
FINAL_AFTER = datetime.timedelta(days=180)


def _require(actor, role: str) -> None:
    if actor is None or not has_role(actor, role):
        raise NotAllowed()


def _notify(*args, **kwargs):
    from .review_services import _notify as notify

    notify(*args, **kwargs)


# --- Money checks ------------------------------------------------------------------------------


def check_money(amount, currency: str, *, expected_currency: str) -> Decimal:
    """A positive Decimal in the expected currency with at most its minor units. Never a float."""
    if isinstance(amount, float):
        raise BadMoney(_("Amounts are never floating-point numbers."))
    if currency != expected_currency:
        raise BadMoney(
            _("This award is paid in %(expected)s, not %(currency)s.")
            % {"expected": expected_currency, "currency": currency}
        )
    try:
        amount = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        raise BadMoney(_("Give an amount, e.g. 250.")) from None
    if not amount.is_finite() or amount <= 0:
        raise BadMoney(_("The amount must be more than zero."))
    if amount != amount.quantize(quantum(currency), rounding=ROUND_DOWN):
        raise BadMoney(
            _("%(currency)s amounts have at most %(digits)d decimals.")
            % {"currency": currency, "digits": minor_units(currency)}
        )
    return amount.quantize(quantum(currency))


def award_paid(award: Award) -> Decimal:
    total = award.ledger.filter(kind__in=LedgerEntry.PAID_KINDS).aggregate(t=Sum("amount"))["t"]
    return total or Decimal(0)


def _ledger_add(*, award: Award, kind: str, amount: Decimal, **fields) -> LedgerEntry:
    return LedgerEntry.objects.create(
        award=award,
        call_id=award.call_id,
        kind=kind,
        amount=amount,
        currency=award.currency,
        **fields,
    )


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


def payout_country_set(*, country: str, stripe_supported: bool, actor, note: str = ""):
    """Finance say whether Stripe Connect pays out in a country (Stripe's coverage changes).
    Awards made afterwards follow it; existing awards keep their method."""
    from youthcities.accounts.countries import is_country

    _require(actor, FINANCE)
    country = country.strip().upper()
    if not is_country(country):
        raise NotAllowed(_("%(code)s is not a country code.") % {"code": country})
    with transaction.atomic():
        row, _created = PayoutCountry.objects.select_for_update().get_or_create(country=country)
        row.stripe_supported = stripe_supported
        row.note = note.strip()[:200]
        row.save()
        audit_record(
            actor=actor,
            action="payout_country.set",
            target=row,
            data={"stripe_supported": stripe_supported, "note": row.note},
        )
    return row


def stripe_serves(country: str) -> bool:
    return PayoutCountry.objects.filter(country=country, stripe_supported=True).exists()


def _split(amount: Decimal, currency: str, schedule) -> list[Decimal]:
    """Each tranche's share rounded down to the currency's minor units; the last one takes what
    is left, so the tranches always add up to the award exactly."""
    parts = [
        (amount * item.percent / 100).quantize(quantum(currency), rounding=ROUND_DOWN)
        for item in schedule[:-1]
    ]
    parts.append(amount - sum(parts, Decimal(0)))
    return parts


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
    _require(actor, PROGRAMME_STAFF)
    schedule = tuple(schedule)
    if (
        not schedule
        or sum((item.percent for item in schedule), Decimal(0)) != 100
        or any(item.percent <= 0 for item in schedule)
        or any(item.condition not in Tranche.Condition.values for item in schedule)
    ):
        raise BadSchedule()
    today = timezone.localdate()
    due = {
        Report.Kind.MIDTERM: midterm_due or today + MIDTERM_AFTER,
        Report.Kind.FINAL: final_due or today + FINAL_AFTER,
    }
    with transaction.atomic():
        current = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call", "applicant", "city")
            .get(pk=application.pk)
        )
        if current.status != Application.Status.APPROVED or not current.awarded_amount:
            raise NotAllowed(_("Only an approved application becomes an award."))
        if Award.objects.filter(application=current).exists():
            raise NotAllowed(_("This application already has its award."))
        currency = current.call.currency
        amount = check_money(current.awarded_amount, currency, expected_currency=currency)
        payee_kind, payee_name, country = _payee_for(current)
        method = (
            Award.Method.STRIPE
            if payee_kind == Award.PayeeKind.GRANTEE and stripe_serves(country)
            else Award.Method.MANUAL
        )
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
        for position, (item, part) in enumerate(
            zip(schedule, _split(amount, currency, schedule), strict=True), start=1
        ):
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
        _ledger_add(award=award, kind=Kind.COMMITTED, amount=amount, actor=actor)
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
        # The applicant hears of it once, with the decision (application_decide's email).
    return award


def _move(obj, table: str, target: str, role: str) -> None:
    if not can_move(table, obj.state, target, role):
        raise NotAllowed(
            _("This cannot be done now: it is %(state)s.")
            % {"state": obj.get_state_display().lower()}
        )
    obj.state = target


def _lock_award(award: Award) -> Award:
    return Award.objects.select_for_update().get(pk=award.pk)


def _lock_tranche(tranche: Tranche) -> Tranche:
    return (
        Tranche.objects.select_for_update(of=("self",))
        .select_related("award", "award__stripe_account")
        .get(pk=tranche.pk)
    )


def award_accept_agreement(*, award: Award, actor) -> Award:
    """The grantee accepts the grant agreement; the tranche due on it becomes payable."""
    with transaction.atomic():
        current = _lock_award(award)
        if actor is None or current.grantee_id != actor.pk:
            raise NotAllowed()
        _move(current, "award", Award.State.ACTIVE, GRANTEE)
        current.agreement_accepted_at = timezone.now()
        current.agreement_accepted_by = actor
        current.save(update_fields=["state", "agreement_accepted_at", "agreement_accepted_by"])
        for tranche in current.tranches.select_for_update().filter(
            condition=Tranche.Condition.AGREEMENT
        ):
            _move(tranche, "tranche", T.PAYABLE, GRANTEE)
            tranche.save(update_fields=["state"])
        audit_record(actor=actor, action="award.agreement_accepted", target=current)
    return current


def _complete_if_paid(award: Award) -> None:
    if not award.tranches.exclude(state=T.PAID).exists() and can_move(
        "award", award.state, Award.State.COMPLETED, SYSTEM
    ):
        Award.objects.filter(pk=award.pk).update(state=Award.State.COMPLETED)
        audit_record(actor=None, action="award.completed", target=award)


# --- Reports -----------------------------------------------------------------------------------


def report_submit(
    *,
    report: Report,
    actor,
    progress: str,
    spending: dict[int, Decimal],
    evidence: list = (),
) -> Report:
    """The grantee's report: progress, evidence files and money spent per budget line."""
    with transaction.atomic():
        current = (
            Report.objects.select_for_update(of=("self",))
            .select_related("award__application")
            .get(pk=report.pk)
        )
        award = current.award
        if actor is None or award.grantee_id != actor.pk:
            raise NotAllowed()
        if award.state != Award.State.ACTIVE:
            raise NotAllowed(_("Accept the grant agreement before you report."))
        _move(current, "report", Report.State.SUBMITTED, GRANTEE)
        if not progress.strip():
            raise NotAllowed(_("Say what the project has done so far."))
        lines = {line.pk: line for line in award.application.budget_lines.all()}
        amounts = {}
        for line_id, amount in spending.items():
            if line_id not in lines:
                raise NotAllowed(_("This budget line is not part of the project."))
            if amount in (None, ""):
                continue
            if Decimal(amount) == 0:
                amounts[line_id] = Decimal(0)
                continue
            amounts[line_id] = check_money(amount, award.currency, expected_currency=award.currency)
        checked = [check_upload(upload) for upload in evidence]
        current.progress = progress.strip()
        current.submitted_at = timezone.now()
        current.submitted_by = actor
        current.save(update_fields=["state", "progress", "submitted_at", "submitted_by"])
        current.spending.all().delete()
        ReportSpending.objects.bulk_create(
            [
                ReportSpending(report=current, budget_line_id=line_id, amount=amount)
                for line_id, amount in amounts.items()
            ]
        )
        _evidence_store(current, evidence, checked)
        audit_record(
            actor=actor,
            action="report.submitted",
            target=current,
            data={"spent": {str(k): str(v) for k, v in amounts.items()}},
        )
        _notify(
            users_with_role(PROGRAMME_STAFF),
            "report_submitted",
            {"report": current, "award": award, "application": award.application},
            link=("grants_award_admin:award", [award.pk]),
        )
    return current


def _evidence_store(report: Report, uploads, checked) -> None:
    """Put a report's evidence files in private storage. If storage fails, the files stored so
    far are removed again and `StorageUnavailable` rolls the report back: nothing is half sent,
    and the form, shown again with what was typed, says the upload failed."""
    stored = []
    try:
        for upload, checked_file in zip(uploads, checked, strict=True):
            item = ReportEvidence(report=report, original_name=upload.name[:200])
            item.file.save(
                f"evidence.{checked_file.extension}", ContentFile(checked_file.content), save=False
            )
            stored.append(item.file.name)
            item.save()
    except (BotoCoreError, ClientError, OSError) as error:
        logger.warning("report %s: evidence not stored: %s", report.pk, error)
        for name in stored:
            with contextlib.suppress(BotoCoreError, ClientError, OSError):
                ReportEvidence.file.field.storage.delete(name)
        raise StorageUnavailable(
            _(
                "We could not store your evidence files just now, so the report is not sent "
                "yet. What you typed is kept below: attach the files again and send the report "
                "in a few minutes."
            )
        ) from None


def report_review(*, report: Report, actor, approve: bool, comment: str = "") -> Report:
    """Staff approve a report (its tranche becomes payable) or return it with a comment."""
    _require(actor, PROGRAMME_STAFF)
    if not approve and not comment.strip():
        raise NotAllowed(_("Say what needs to change."))
    with transaction.atomic():
        current = (
            Report.objects.select_for_update(of=("self",))
            .select_related("award__application", "award__grantee")
            .get(pk=report.pk)
        )
        target = Report.State.APPROVED if approve else Report.State.RETURNED
        _move(current, "report", target, STAFF)
        current.staff_comment = comment.strip()
        current.reviewed_at = timezone.now()
        current.reviewed_by = actor
        current.save(update_fields=["state", "staff_comment", "reviewed_at", "reviewed_by"])
        if approve and current.tranche_id:
            tranche = Tranche.objects.select_for_update().get(pk=current.tranche_id)
            _move(tranche, "tranche", T.PAYABLE, STAFF)
            tranche.save(update_fields=["state"])
        audit_record(
            actor=actor,
            action=f"report.{target}",
            target=current,
            data={"comment": current.staff_comment},
        )
        _notify(
            [current.award.grantee],
            "report_reviewed",
            {"report": current, "award": current.award, "approved": approve},
            link=("grants:award", [current.award_id]),
        )
    return current


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


def account_apply(*, account: dict) -> StripeAccount | None:
    """Bring our record of a Connect account to what Stripe says now. None: not ours."""
    with transaction.atomic():
        local = StripeAccount.objects.select_for_update().filter(account_id=account["id"]).first()
        if local is not None:
            _account_update(local, account)
    return local


def _account_update(local: StripeAccount, account: dict) -> None:
    enabled = bool(account.get("payouts_enabled"))
    submitted = bool(account.get("details_submitted"))
    if (local.payouts_enabled, local.details_submitted) != (enabled, submitted):
        local.payouts_enabled = enabled
        local.details_submitted = submitted
        local.save(update_fields=["payouts_enabled", "details_submitted", "updated_at"])
        audit_record(
            actor=None,
            action="stripe.account_updated",
            target=local,
            data={"payouts_enabled": enabled, "details_submitted": submitted},
        )


# --- Paying through Stripe ---------------------------------------------------------------------


def tranche_pay(*, tranche: Tranche, actor) -> Tranche:
    """Pay a payable tranche by Stripe transfer, here and now (scripts, the demo, tests). The
    row lock and the state make concurrent clicks, retries and workers pay once; the idempotency
    key is saved before the call, so a retry after a timeout asks Stripe for the same transfer,
    never a second one. The admin's Pay button uses `tranche_pay_request` instead."""
    return tranche_send(tranche=tranche_pay_begin(tranche=tranche, actor=actor))


def tranche_pay_request(*, tranche: Tranche, actor) -> Tranche:
    """The finance officer's Pay click: record the intent (the tranche is "being paid", its key
    saved) and leave the call to Stripe to a background task, queued once this commits. A web
    request never waits for Stripe."""
    from .tasks import send_tranche_transfer

    with transaction.atomic():
        current = tranche_pay_begin(tranche=tranche, actor=actor)
        transaction.on_commit(lambda: send_tranche_transfer.enqueue(tranche_id=current.pk))
    return current


def tranche_pay_begin(*, tranche: Tranche, actor) -> Tranche:
    """The first half of `tranche_pay`: lock, check, and save the attempt's idempotency key.
    Committed before Stripe is called."""
    _require(actor, FINANCE)
    with transaction.atomic():
        current = _lock_tranche(tranche)
        award = current.award
        if current.state != T.PAYABLE:
            raise NotPayable(
                _("This tranche is %(state)s: only a tranche ready to pay can be paid.")
                % {"state": current.get_state_display().lower()}
            )
        if award.payout_method != Award.Method.STRIPE:
            raise PayoutNotAllowed(_("This award is paid by manual transfer."))
        account = award.stripe_account
        if account is None or not account.payouts_enabled:
            raise PayoutNotAllowed()
        _move(current, "tranche", T.PROCESSING, FINANCE)
        current.attempt += 1
        current.idempotency_key = current.new_idempotency_key()
        current.failure_reason = ""
        current.save(update_fields=["state", "attempt", "idempotency_key", "failure_reason"])
        audit_record(
            actor=actor,
            action="tranche.transfer_requested",
            target=current,
            data={"idempotency_key": current.idempotency_key, "amount": str(current.amount)},
        )
    return current


def tranche_send(*, tranche: Tranche) -> Tranche:
    """Send (or send again) the transfer of a tranche being paid, with its saved key. Stripe is
    asked first whether it already holds a transfer for the tranche (a retry after it forgot the
    key, or an attempt whose answer was lost): that one is recorded, no second one is made.
    Only a clear refusal fails the tranche; no answer, a timeout or a 5xx leave it "being paid"
    under the same key (`OutcomeUnknown`), for the next retry."""
    current = Tranche.objects.select_related("award__stripe_account").get(pk=tranche.pk)
    if current.state != T.PROCESSING or not current.idempotency_key:
        raise NotPayable()
    award = current.award
    existing = gateway.transfer_of_tranche(
        transfer_group=award.transfer_group, tranche_id=current.pk
    )
    if existing is not None:
        applied = transfer_apply(transfer=existing)
        if applied is None or applied.state == T.PROCESSING:
            raise TransferMismatch()
        return applied
    try:
        transfer = gateway.transfer_create(
            amount=current.amount,
            currency=award.currency,
            destination=award.stripe_account.account_id,
            transfer_group=award.transfer_group,
            idempotency_key=current.idempotency_key,
            metadata={"tranche": str(current.pk), "award": str(award.pk)},
        )
    except OutcomeUnknown:
        raise
    except GatewayError as error:
        _tranche_failed(current, key=current.idempotency_key, reason=str(error))
        raise
    return transfer_apply(transfer=transfer) or current


def _tranche_failed(tranche: Tranche, *, key: str, reason: str) -> None:
    with transaction.atomic():
        current = _lock_tranche(tranche)
        if current.state != T.PROCESSING or current.idempotency_key != key:
            return
        _move(current, "tranche", T.FAILED, SYSTEM)
        current.failure_reason = reason[:300]
        current.save(update_fields=["state", "failure_reason"])
        _ledger_add(
            award=current.award,
            tranche=current,
            kind=Kind.FAILED,
            amount=current.amount,
            method=Award.Method.STRIPE,
            reference=key,
            note=reason[:300],
        )
        audit_record(actor=None, action="tranche.failed", target=current, data={"reason": reason})


def transfer_apply(*, transfer: dict) -> Tranche | None:
    """Bring a tranche to what Stripe says of its transfer now: paid once, reversed once.
    Idempotent and order-free: any number of calls with any fresher state give one result."""
    metadata = transfer.get("metadata") or {}
    try:
        tranche_id = int(metadata.get("tranche", ""))
    except ValueError:
        return None
    with transaction.atomic():
        try:
            current = _lock_tranche(Tranche(pk=tranche_id))
        except Tranche.DoesNotExist:
            return None
        award = current.award
        amount = gateway.from_minor(transfer["amount"], award.currency)
        if (
            transfer.get("currency", "").upper() != award.currency
            or amount != current.amount
            or transfer.get("transfer_group") != award.transfer_group
        ):
            return None  # not the transfer we asked for: reconciliation lists it
        if current.state == T.PROCESSING and current.stripe_transfer_id in ("", transfer["id"]):
            _move(current, "tranche", T.PAID, SYSTEM)
            current.stripe_transfer_id = transfer["id"]
            current.paid_at = timezone.now()
            current.save(update_fields=["state", "stripe_transfer_id", "paid_at"])
            _ledger_add(
                award=award,
                tranche=current,
                kind=Kind.PAID,
                amount=current.amount,
                method=Award.Method.STRIPE,
                reference=transfer["id"],
            )
            audit_record(
                actor=None,
                action="tranche.paid",
                target=current,
                data={"transfer": transfer["id"], "amount": str(amount)},
            )
            _complete_if_paid(award)
        reversed_amount = gateway.from_minor(transfer.get("amount_reversed") or 0, award.currency)
        if (
            reversed_amount > 0
            and current.state == T.PAID
            and current.stripe_transfer_id == transfer["id"]
        ):
            paid = current.ledger.get(kind=Kind.PAID)
            _reverse(paid, actor=None, amount=reversed_amount, note="Stripe transfer reversed")
            _move(current, "tranche", T.REVERSED, SYSTEM)
            current.save(update_fields=["state"])
    return current


# --- Manual payments ---------------------------------------------------------------------------


def manual_payment_record(
    *,
    tranche: Tranche,
    actor,
    method: str,
    reference: str,
    paid_on: datetime.date,
    amount,
    currency: str,
    evidence,
) -> ManualPayment:
    """A finance officer records a transfer made outside Stripe, with its evidence. The tranche
    is "being paid" until a second officer approves it."""
    _require(actor, FINANCE)
    if method not in ManualPayment.Method.values:
        raise NotAllowed(_("Choose how the money was sent."))
    if not reference.strip():
        raise NotAllowed(_("Give the transfer's reference."))
    if evidence is None:
        raise NotAllowed(_("Attach the evidence of the transfer."))
    if paid_on > timezone.localdate():
        raise NotAllowed(_("The date of the transfer cannot be in the future."))
    checked = check_upload(evidence)
    with transaction.atomic():
        current = _lock_tranche(tranche)
        award = current.award
        amount = check_money(amount, currency, expected_currency=award.currency)
        left = award.amount - award_paid(award)
        if amount > left:
            raise BadMoney(
                _("This is more than the %(left)s left to pay on the award.")
                % {"left": format_money(left, award.currency)}
            )
        if amount != current.amount:
            raise BadMoney(
                _("The tranche is %(amount)s: record the transfer of exactly that amount.")
                % {"amount": format_money(current.amount, award.currency)}
            )
        if current.state != T.PAYABLE:
            raise NotPayable(
                _("This tranche is %(state)s: only a tranche ready to pay can be paid.")
                % {"state": current.get_state_display().lower()}
            )
        _move(current, "tranche", T.PROCESSING, FINANCE)
        current.save(update_fields=["state"])
        payment = ManualPayment(
            tranche=current,
            method=method,
            reference=reference.strip(),
            paid_on=paid_on,
            amount=amount,
            currency=currency,
            evidence_name=evidence.name[:200],
            recorded_by=actor,
        )
        payment.evidence.save(
            f"transfer.{checked.extension}", ContentFile(checked.content), save=False
        )
        payment.save()
        audit_record(
            actor=actor,
            action="manual_payment.recorded",
            target=payment,
            data={"tranche": current.pk, "amount": str(amount), "reference": payment.reference},
        )
        _notify(
            users_with_role(FINANCE).exclude(pk=actor.pk),
            "manual_payment",
            {"payment": payment, "award": award},
            link=("grants_award_admin:award", [award.pk]),
        )
    return payment


def manual_payment_approve(*, payment: ManualPayment, actor) -> ManualPayment:
    """A second finance officer approves a recorded transfer: only now is the tranche paid."""
    _require(actor, FINANCE)
    with transaction.atomic():
        current = ManualPayment.objects.select_for_update().get(pk=payment.pk)
        if current.recorded_by_id == actor.pk:
            raise NotAllowed(_("Another finance officer must approve a payment you recorded."))
        _move(current, "manual_payment", ManualPayment.State.APPROVED, FINANCE)
        tranche = _lock_tranche(current.tranche)
        _move(tranche, "tranche", T.PAID, FINANCE)
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.save(update_fields=["state", "decided_by", "decided_at"])
        tranche.paid_at = timezone.now()
        tranche.save(update_fields=["state", "paid_at"])
        _ledger_add(
            award=tranche.award,
            tranche=tranche,
            kind=Kind.PAID,
            amount=current.amount,
            method=current.method,
            reference=current.reference,
            actor=actor,
        )
        audit_record(
            actor=actor,
            action="manual_payment.approved",
            target=current,
            data={"tranche": tranche.pk, "recorded_by": current.recorded_by_id},
        )
        _complete_if_paid(tranche.award)
    return current


def manual_payment_reject(*, payment: ManualPayment, actor, reason: str) -> ManualPayment:
    """Refuse a recorded transfer (wrong evidence, wrong amount): the tranche has failed and
    can be made ready to pay again."""
    _require(actor, FINANCE)
    if not reason.strip():
        raise NotAllowed(_("Give a reason."))
    with transaction.atomic():
        current = ManualPayment.objects.select_for_update().get(pk=payment.pk)
        _move(current, "manual_payment", ManualPayment.State.REJECTED, FINANCE)
        tranche = _lock_tranche(current.tranche)
        _move(tranche, "tranche", T.FAILED, FINANCE)
        tranche.failure_reason = reason.strip()[:300]
        tranche.save(update_fields=["state", "failure_reason"])
        current.decided_by = actor if actor.pk != current.recorded_by_id else None
        current.decided_at = timezone.now()
        current.reason = reason.strip()
        current.save(update_fields=["state", "decided_by", "decided_at", "reason"])
        _ledger_add(
            award=tranche.award,
            tranche=tranche,
            kind=Kind.FAILED,
            amount=current.amount,
            method=current.method,
            reference=current.reference,
            actor=actor,
            note=reason.strip()[:300],
        )
        audit_record(
            actor=actor, action="manual_payment.rejected", target=current, data={"reason": reason}
        )
    return current


def tranche_retry(*, tranche: Tranche, actor) -> Tranche:
    """A failed tranche is ready to pay again."""
    _require(actor, FINANCE)
    with transaction.atomic():
        current = _lock_tranche(tranche)
        _move(current, "tranche", T.PAYABLE, FINANCE)
        current.save(update_fields=["state"])
        audit_record(actor=actor, action="tranche.payable_again", target=current)
    return current


# --- Corrections -------------------------------------------------------------------------------


def _reverse(entry: LedgerEntry, *, actor, amount: Decimal, note: str) -> LedgerEntry:
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise NotAllowed(_("This entry is reversed already."))
    reversal = _ledger_add(
        award=entry.award,
        tranche=entry.tranche,
        kind=Kind.REVERSAL,
        amount=-amount,
        method=entry.method,
        reference=entry.reference,
        reverses=entry,
        actor=actor,
        note=note[:300],
    )
    audit_record(
        actor=actor,
        action="ledger.reversed",
        target=reversal,
        data={"reverses": entry.pk, "amount": str(amount), "note": note},
    )
    return reversal


def ledger_reverse(*, entry: LedgerEntry, actor, reason: str) -> LedgerEntry:
    """Correct a payment recorded in error by a new, reversing entry; the tranche shows it."""
    _require(actor, FINANCE)
    if not reason.strip():
        raise NotAllowed(_("Give a reason."))
    if entry.kind != Kind.PAID:
        raise NotAllowed(_("Only a payment can be reversed."))
    with transaction.atomic():
        tranche = _lock_tranche(entry.tranche)
        reversal = _reverse(entry, actor=actor, amount=entry.amount, note=reason.strip())
        _move(tranche, "tranche", T.REVERSED, FINANCE)
        tranche.save(update_fields=["state"])
    return reversal


def award_clawback(*, award: Award, actor, amount, currency: str, reference: str) -> LedgerEntry:
    """Money the grantee paid back (unspent or misused): a negative movement of paid money."""
    _require(actor, FINANCE)
    with transaction.atomic():
        current = _lock_award(award)
        amount = check_money(amount, currency, expected_currency=current.currency)
        if amount > award_paid(current):
            raise BadMoney(_("More than was paid cannot be paid back."))
        entry = _ledger_add(
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


# --- Stripe events -----------------------------------------------------------------------------


def stripe_event_store(*, event: dict) -> StripeEvent | None:
    """Keep a verified event by its id; None if it was seen before. The apply task runs after
    the commit."""
    from .tasks import apply_stripe_event

    data_object = (event.get("data") or {}).get("object") or {}
    try:
        with transaction.atomic():
            stored = StripeEvent.objects.create(
                event_id=event["id"],
                type=event.get("type", ""),
                account=event.get("account") or "",
                object_id=str(data_object.get("id", "")),
                payload=dict(event),
            )
    except IntegrityError:
        return None  # a duplicate: Stripe (or the catch-up) sent it before
    transaction.on_commit(lambda: apply_stripe_event.enqueue(event_pk=stored.pk))
    return stored


def stripe_event_apply(*, event_pk: int) -> str:
    """Apply one stored event, once. The object is fetched again from Stripe rather than taken
    from the event, so events in any order lead to the same state."""
    with transaction.atomic():
        event = StripeEvent.objects.select_for_update().get(pk=event_pk)
        if event.processed_at is not None:
            return "duplicate"
        outcome = _apply(event)
        event.processed_at = timezone.now()
        event.outcome = outcome
        event.save(update_fields=["processed_at", "outcome"])
    return outcome


def _apply(event: StripeEvent) -> str:
    if event.type.startswith("account."):
        account_id = event.account or event.object_id
        # Locked before Stripe is asked: two events of one account apply one after the other.
        local = StripeAccount.objects.select_for_update().filter(account_id=account_id).first()
        if local is None:
            return "unknown account"
        _account_update(local, gateway.account_retrieve(account_id))
        return "account updated"
    if event.type.startswith("transfer."):
        tranche = transfer_apply(transfer=gateway.transfer_retrieve(event.object_id))
        return "transfer applied" if tranche is not None else "unknown transfer"
    return "ignored"


STALE_AFTER = datetime.timedelta(minutes=5)


def stripe_events_catch_up(*, since: datetime.timedelta = datetime.timedelta(days=3)) -> int:
    """Store the events Stripe holds that we never received (webhook downtime). Returns how many
    were new; each is applied by the apply task like a webhook's."""
    from .tasks import apply_stripe_event

    created_gte = int((timezone.now() - since).timestamp())
    new = 0
    for event in gateway.events_since(created_gte):
        with transaction.atomic():
            if stripe_event_store(event=event) is not None:
                new += 1
    # Stored but never applied (the process died between the commit and the enqueue).
    stale = StripeEvent.objects.filter(
        processed_at__isnull=True, received_at__lt=timezone.now() - STALE_AFTER
    ).values_list("pk", flat=True)
    for pk in stale:
        apply_stripe_event.enqueue(event_pk=pk)
    return new


def processing_tranches_settle() -> int:
    """Tranches left "being paid" by a Stripe timeout or 5xx: send again with the saved key
    (the transfer Stripe made is found and recorded, or made once). A tranche being paid by a
    recorded manual transfer is left to its second officer."""
    settled = 0
    stuck = (
        Tranche.objects.filter(state=T.PROCESSING, award__payout_method=Award.Method.STRIPE)
        .exclude(idempotency_key="")
        .exclude(manual_payments__state=ManualPayment.State.RECORDED)
    )
    for tranche in stuck:
        try:
            tranche_send(tranche=tranche)
            settled += 1
        except GrantError:
            continue
    return settled


# --- Reconciliation ----------------------------------------------------------------------------


def reconciliation_run(*, actor=None) -> ReconciliationRun:
    """Compare every Stripe transfer with the ledger and keep the list of mismatches."""
    if actor is not None:
        _require(actor, FINANCE)
    paid = {
        entry.reference: entry
        for entry in LedgerEntry.objects.filter(kind=Kind.PAID, method=Award.Method.STRIPE)
    }
    reversed_total = {
        row["reverses__reference"]: -row["total"]
        for row in LedgerEntry.objects.filter(kind=Kind.REVERSAL, method=Award.Method.STRIPE)
        .values("reverses__reference")
        .annotate(total=Sum("amount"))
    }
    mismatches = []
    seen = set()
    checked = 0
    for transfer in gateway.transfers_all():
        checked += 1
        transfer_id = transfer["id"]
        seen.add(transfer_id)
        entry = paid.get(transfer_id)
        currency = transfer["currency"].upper()
        if entry is None:
            mismatches.append(
                {
                    "problem": "transfer_without_ledger",
                    "transfer": transfer_id,
                    "amount": str(gateway.from_minor(transfer["amount"], currency)),
                    "currency": currency,
                }
            )
            continue
        amount = gateway.from_minor(transfer["amount"], entry.currency)
        if currency != entry.currency or amount != entry.amount:
            mismatches.append(
                {
                    "problem": "amount_differs",
                    "transfer": transfer_id,
                    "stripe": f"{currency} {amount}",
                    "ledger": f"{entry.currency} {entry.amount}",
                }
            )
        stripe_reversed = gateway.from_minor(transfer.get("amount_reversed") or 0, entry.currency)
        ledger_reversed = reversed_total.get(transfer_id, Decimal(0))
        if stripe_reversed != ledger_reversed:
            mismatches.append(
                {
                    "problem": "reversal_differs",
                    "transfer": transfer_id,
                    "stripe": str(stripe_reversed),
                    "ledger": str(ledger_reversed),
                }
            )
    for reference, entry in paid.items():
        if reference not in seen:
            mismatches.append(
                {
                    "problem": "ledger_without_transfer",
                    "transfer": reference,
                    "amount": str(entry.amount),
                    "currency": entry.currency,
                }
            )
    with transaction.atomic():
        run = ReconciliationRun.objects.create(transfers_checked=checked, mismatches=mismatches)
        audit_record(
            actor=actor,
            action="stripe.reconciled",
            target=run,
            data={"checked": checked, "mismatches": len(mismatches)},
        )
    return run
