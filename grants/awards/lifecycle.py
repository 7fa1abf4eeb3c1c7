"""The lifecycles of awards and reports (see `youthcities.lifecycle`)."""

from grants.awards.models import Award, Report
from grants.permissions import cannot_move
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.lifecycle import GRANTEE, SYSTEM, Lifecycle

A = Award.State
R = Report.State

AWARD = Lifecycle(
    {
        (A.AWAITING_AGREEMENT, A.ACTIVE): {GRANTEE},
        (A.ACTIVE, A.COMPLETED): {SYSTEM},  # when the last tranche is paid
    },
    refused=cannot_move,
)

REPORT = Lifecycle(
    {
        (R.DUE, R.SUBMITTED): {GRANTEE},
        (R.RETURNED, R.SUBMITTED): {GRANTEE},
        (R.SUBMITTED, R.APPROVED): {PROGRAMME_STAFF},
        (R.SUBMITTED, R.RETURNED): {PROGRAMME_STAFF},
    },
    refused=cannot_move,
)
