"""A lifecycle as data: which state may follow which, and who may make the change. Every table
of states in the portal (applications, awards, tranches, reports, manual payments) is one
`Lifecycle`; services move a thing only through `move`, so nothing else decides."""

from collections.abc import Callable

# Who moves a thing when it is not a role: its own applicant or grantee, or the system (Stripe's
# answer, a webhook, a scheduled task).
APPLICANT = "applicant"
GRANTEE = "grantee"
SYSTEM = "system"


class Lifecycle:
    def __init__(
        self,
        transitions: dict[tuple[str, str], set[str]],
        *,
        refused: Callable[[object], Exception],
        field: str = "state",
    ):
        self.transitions = transitions
        self.refused = refused  # the error to raise for a thing that cannot move
        self.field = field

    @property
    def states(self) -> set[str]:
        return {state for pair in self.transitions for state in pair}

    def can_move(self, current: str, target: str, role: str) -> bool:
        return role in self.transitions.get((current, target), set())

    def next_states(self, current: str, role: str) -> list[str]:
        return [
            to for (frm, to), roles in self.transitions.items() if frm == current and role in roles
        ]

    def move(self, obj, target: str, role: str) -> None:
        """Set `obj`'s state to `target` if `role` may make that change; else refuse."""
        if not self.can_move(getattr(obj, self.field), target, role):
            raise self.refused(obj)
        setattr(obj, self.field, target)
