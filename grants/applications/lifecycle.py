"""The application lifecycle (see `youthcities.lifecycle`)."""

from grants.applications.models import Application
from grants.errors import NotAllowed
from youthcities.accounts.roles import PROGRAMME_STAFF as STAFF
from youthcities.lifecycle import APPLICANT, Lifecycle

S = Application.Status

# (from, to): the roles that may make the change
APPLICATION = Lifecycle(
    {
        (S.DRAFT, S.SUBMITTED): {APPLICANT},
        (S.SUBMITTED, S.WITHDRAWN): {APPLICANT},
        (S.SUBMITTED, S.SHORTLISTED): {STAFF},
        (S.SUBMITTED, S.APPROVED): {STAFF},
        (S.SUBMITTED, S.DECLINED): {STAFF},
        (S.SUBMITTED, S.MORE_INFO): {STAFF},
        (S.SHORTLISTED, S.APPROVED): {STAFF},
        (S.SHORTLISTED, S.DECLINED): {STAFF},
        (S.SHORTLISTED, S.MORE_INFO): {STAFF},
        # Staff asked for more: the applicant edits and sends it back (or withdraws).
        (S.MORE_INFO, S.SUBMITTED): {APPLICANT},
        (S.MORE_INFO, S.WITHDRAWN): {APPLICANT},
    },
    refused=lambda application: NotAllowed(),
    field="status",
)

# Applications reviewers work on.
IN_REVIEW = (S.SUBMITTED, S.SHORTLISTED, S.MORE_INFO)
