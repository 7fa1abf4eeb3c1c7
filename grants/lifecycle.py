"""The application lifecycle as data: which state may follow which, and who may move it.
Services check a change against this table; nothing else decides."""

from .models import Application

S = Application.Status
APPLICANT = "applicant"  # the application's own applicant
STAFF = "programme_staff"

# (from, to): the roles that may make the change
APPLICATION_TRANSITIONS: dict[tuple[str, str], set[str]] = {
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
}

# Applications reviewers work on.
IN_REVIEW = (S.SUBMITTED, S.SHORTLISTED, S.MORE_INFO)


def can_move(current: str, target: str, role: str) -> bool:
    return role in APPLICATION_TRANSITIONS.get((current, target), set())


def next_states(current: str, role: str) -> list[str]:
    return [
        to
        for (frm, to), roles in APPLICATION_TRANSITIONS.items()
        if frm == current and role in roles
    ]
