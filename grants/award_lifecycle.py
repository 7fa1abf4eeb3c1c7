"""The lifecycles of awards, tranches, reports and manual payments as data: which state may
follow which, and who may make the change. Services check every change against these tables;
nothing else decides."""

from youthcities.accounts.roles import FINANCE, PROGRAMME_STAFF

from .award_models import Award, ManualPayment, Report, Tranche

GRANTEE = "grantee"  # the award's own grantee
STAFF = PROGRAMME_STAFF
SYSTEM = "system"  # Stripe's answer, a webhook or the catch-up task

A = Award.State
T = Tranche.State
R = Report.State
M = ManualPayment.State

AWARD_TRANSITIONS: dict[tuple[str, str], set[str]] = {
    (A.AWAITING_AGREEMENT, A.ACTIVE): {GRANTEE},
    (A.ACTIVE, A.COMPLETED): {SYSTEM},  # when the last tranche is paid
}

# scheduled → payable → processing → paid; failed → payable again; paid → reversed only with a
# reversing ledger entry.
TRANCHE_TRANSITIONS: dict[tuple[str, str], set[str]] = {
    (T.SCHEDULED, T.PAYABLE): {GRANTEE, STAFF},  # the agreement accepted, a report approved
    (T.PAYABLE, T.PROCESSING): {FINANCE},  # a Stripe transfer sent, a manual payment recorded
    (T.PROCESSING, T.PAID): {FINANCE, SYSTEM},  # Stripe's answer, a second officer's approval
    (T.PROCESSING, T.FAILED): {FINANCE, SYSTEM},  # Stripe refused, the approval refused
    (T.FAILED, T.PAYABLE): {FINANCE},
    (T.PAID, T.REVERSED): {FINANCE, SYSTEM},  # with a reversing ledger entry, nothing else
}

REPORT_TRANSITIONS: dict[tuple[str, str], set[str]] = {
    (R.DUE, R.SUBMITTED): {GRANTEE},
    (R.RETURNED, R.SUBMITTED): {GRANTEE},
    (R.SUBMITTED, R.APPROVED): {STAFF},
    (R.SUBMITTED, R.RETURNED): {STAFF},
}

MANUAL_PAYMENT_TRANSITIONS: dict[tuple[str, str], set[str]] = {
    (M.RECORDED, M.APPROVED): {FINANCE},  # by another officer than the one who recorded it
    (M.RECORDED, M.REJECTED): {FINANCE},
}

TABLES = {
    "award": AWARD_TRANSITIONS,
    "tranche": TRANCHE_TRANSITIONS,
    "report": REPORT_TRANSITIONS,
    "manual_payment": MANUAL_PAYMENT_TRANSITIONS,
}


def can_move(table: str, current: str, target: str, role: str) -> bool:
    return role in TABLES[table].get((current, target), set())


def next_states(table: str, current: str, role: str) -> list[str]:
    return [to for (frm, to), roles in TABLES[table].items() if frm == current and role in roles]
