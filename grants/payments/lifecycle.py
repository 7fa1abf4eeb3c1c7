"""The lifecycles of tranches and manual payments (see `youthcities.lifecycle`)."""

from grants.payments.models import ManualPayment, Tranche
from grants.permissions import cannot_move
from youthcities.accounts.roles import FINANCE, PROGRAMME_STAFF
from youthcities.lifecycle import GRANTEE, SYSTEM, Lifecycle

T = Tranche.State
M = ManualPayment.State

# scheduled → payable → processing → paid; failed → payable again; paid → reversed only with a
# reversing ledger entry.
TRANCHE = Lifecycle(
    {
        (T.SCHEDULED, T.PAYABLE): {GRANTEE, PROGRAMME_STAFF},  # agreement accepted, report approved
        (T.PAYABLE, T.PROCESSING): {FINANCE},  # a Stripe transfer sent, a manual payment recorded
        (T.PROCESSING, T.PAID): {FINANCE, SYSTEM},  # Stripe's answer, a second officer's approval
        (T.PROCESSING, T.FAILED): {FINANCE, SYSTEM},  # Stripe refused, the approval refused
        (T.FAILED, T.PAYABLE): {FINANCE},
        (T.PAID, T.REVERSED): {FINANCE, SYSTEM},  # with a reversing ledger entry, nothing else
    },
    refused=cannot_move,
)

MANUAL_PAYMENT = Lifecycle(
    {
        (M.RECORDED, M.APPROVED): {FINANCE},  # by another officer than the one who recorded it
        (M.RECORDED, M.REJECTED): {FINANCE},
    },
    refused=cannot_move,
)
