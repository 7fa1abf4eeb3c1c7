"""Who may call a grants service: the role check and the refusal every lifecycle raises."""

from django.utils.translation import gettext as _

from grants.errors import NotAllowed
from youthcities.accounts.selectors import has_role


def require_role(actor, role: str) -> None:
    if actor is None or not has_role(actor, role):
        raise NotAllowed()


def cannot_move(obj) -> NotAllowed:
    """The error for a thing whose state does not allow the change."""
    return NotAllowed(
        _("This cannot be done now: it is %(state)s.") % {"state": obj.get_state_display().lower()}
    )
