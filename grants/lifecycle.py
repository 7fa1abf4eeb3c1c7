"""The application lifecycle as data: which state may follow which, and who may move it.
Services check a change against this table; nothing else decides."""

from .models import Application

S = Application.Status

# (from, to): the roles that may make the change ("applicant" = the application's own applicant)
APPLICATION_TRANSITIONS: dict[tuple[str, str], set[str]] = {
    (S.DRAFT, S.SUBMITTED): {"applicant"},
    (S.SUBMITTED, S.WITHDRAWN): {"applicant"},
}


def can_move(current: str, target: str, role: str) -> bool:
    return role in APPLICATION_TRANSITIONS.get((current, target), set())
