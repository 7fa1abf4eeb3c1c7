"""Money sent outside Stripe (bank, mobile money, a host organisation): one finance officer
records the transfer with its evidence, a second approves or rejects it."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grants.applications.uploads import check_upload
from grants.errors import NotAllowed
from grants.payments.gateway import (
    NotPayable,
)
from grants.payments.ledger import (
    BadMoney,
    Kind,
    T,
    award_paid,
    check_money,
    ledger_add,
    tranche_locked,
)
from grants.payments.lifecycle import MANUAL_PAYMENT, TRANCHE
from grants.payments.models import (
    ManualPayment,
    Tranche,
)
from grants.payments.signals import tranche_paid
from grants.permissions import require_role
from youthcities.accounts.roles import FINANCE
from youthcities.accounts.selectors import users_with_role
from youthcities.audit.services import audit_record
from youthcities.money import format_money
from youthcities.notify import notify

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
    require_role(actor, FINANCE)
    _check_transfer(method=method, reference=reference, paid_on=paid_on, evidence=evidence)
    checked = check_upload(evidence)
    with transaction.atomic():
        current = tranche_locked(tranche)
        award = current.award
        amount = check_money(amount, currency, expected_currency=award.currency)
        _check_pays_the_tranche(current, amount)
        TRANCHE.move(current, T.PROCESSING, FINANCE)
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
        notify(
            users_with_role(FINANCE).exclude(pk=actor.pk),
            "grants/email/manual_payment",
            {"payment": payment, "award": award},
            link=("grants_award_admin:award", [award.pk]),
        )
    return payment


def _check_transfer(*, method: str, reference: str, paid_on: datetime.date, evidence) -> None:
    """What the officer says of the transfer: how, its reference, its evidence, a past date."""
    if method not in ManualPayment.Method.values:
        raise NotAllowed(_("Choose how the money was sent."))
    if not reference.strip():
        raise NotAllowed(_("Give the transfer's reference."))
    if evidence is None:
        raise NotAllowed(_("Attach the evidence of the transfer."))
    if paid_on > timezone.localdate():
        raise NotAllowed(_("The date of the transfer cannot be in the future."))


def _check_pays_the_tranche(tranche: Tranche, amount) -> None:
    """The transfer pays exactly this (locked) tranche, within what is left on the award, and
    the tranche is ready to pay."""
    award = tranche.award
    left = award.amount - award_paid(award)
    if amount > left:
        raise BadMoney(
            _("This is more than the %(left)s left to pay on the award.")
            % {"left": format_money(left, award.currency)}
        )
    if amount != tranche.amount:
        raise BadMoney(
            _("The tranche is %(amount)s: record the transfer of exactly that amount.")
            % {"amount": format_money(tranche.amount, award.currency)}
        )
    if tranche.state != T.PAYABLE:
        raise NotPayable(
            _("This tranche is %(state)s: only a tranche ready to pay can be paid.")
            % {"state": tranche.get_state_display().lower()}
        )


def manual_payment_check_approver(*, payment: ManualPayment, actor) -> None:
    """The four-eyes rule, asked before the confirmation step and again when approving: the
    officer who recorded a payment never approves it, and only a recorded one is approved."""
    if payment.recorded_by_id == actor.pk:
        raise NotAllowed(_("Another finance officer must approve a payment you recorded."))
    if not MANUAL_PAYMENT.can_move(payment.state, ManualPayment.State.APPROVED, FINANCE):
        raise NotAllowed(_("This payment is already decided."))


def manual_payment_approve(*, payment: ManualPayment, actor) -> ManualPayment:
    """A second finance officer approves a recorded transfer: only now is the tranche paid."""
    require_role(actor, FINANCE)
    with transaction.atomic():
        current = ManualPayment.objects.select_for_update().get(pk=payment.pk)
        manual_payment_check_approver(payment=current, actor=actor)
        MANUAL_PAYMENT.move(current, ManualPayment.State.APPROVED, FINANCE)
        tranche = tranche_locked(current.tranche)
        TRANCHE.move(tranche, T.PAID, FINANCE)
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.save(update_fields=["state", "decided_by", "decided_at"])
        tranche.paid_at = timezone.now()
        tranche.save(update_fields=["state", "paid_at"])
        ledger_add(
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
        tranche_paid.send(sender=Tranche, tranche=tranche)
    return current


def manual_payment_reject(*, payment: ManualPayment, actor, reason: str) -> ManualPayment:
    """Refuse a recorded transfer (wrong evidence, wrong amount): the tranche has failed and
    can be made ready to pay again."""
    require_role(actor, FINANCE)
    if not reason.strip():
        raise NotAllowed(_("Give a reason."))
    with transaction.atomic():
        current = ManualPayment.objects.select_for_update().get(pk=payment.pk)
        MANUAL_PAYMENT.move(current, ManualPayment.State.REJECTED, FINANCE)
        tranche = tranche_locked(current.tranche)
        TRANCHE.move(tranche, T.FAILED, FINANCE)
        tranche.failure_reason = reason.strip()[:300]
        tranche.save(update_fields=["state", "failure_reason"])
        current.decided_by = actor if actor.pk != current.recorded_by_id else None
        current.decided_at = timezone.now()
        current.reason = reason.strip()
        current.save(update_fields=["state", "decided_by", "decided_at", "reason"])
        ledger_add(
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
