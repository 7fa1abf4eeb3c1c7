"""What the portal holds about a person, kind by kind. The ground floor knows no app above it:
each app registers its kinds from its AppConfig.ready (grants/privacy.py, campaigns/privacy.py,
youthcities/network/privacy.py), and the privacy services walk whatever is registered.

A kind says how to count it (the "My data" page), export it (one JSON file of the ZIP, and the
person's own files), what stops an erasure (an open award, a payment in flight) and how to erase
it (delete, or pseudonymise what the law makes us keep)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Erasure:
    """What an erasure passes to every kind: the person, and what identified them before."""

    user: object
    actor: object  # the person themselves, or the staff member handling their request
    email: str
    values: tuple[str, ...]  # every identifying string (email, legal name, display name…)
    placeholder_email: str
    unpublish_campaigns: bool = False


@dataclass(frozen=True)
class ExportFile:
    """One of the person's own files: where it goes in the ZIP and how to open it."""

    path: str
    open: Callable[[], object]


@dataclass(frozen=True)
class DataKind:
    key: str  # the JSON file's name: "applications" → applications.json
    label: Promise
    description: Promise  # what it is, for the "My data" page
    order: int
    count: Callable[[object], int]
    export: Callable[[object], list[dict]]
    files: Callable[[object], Iterable[ExportFile]] = lambda user: ()
    # On erasure: what goes (deleted) and what stays (kept, pseudonymised), said on the page.
    goes: Promise | None = None
    stays: Promise | None = None
    blockers: Callable[[object], list[str]] = lambda user: []
    erase: Callable[[Erasure], dict] = lambda erasure: {}


@dataclass(frozen=True)
class FreeText:
    """Fields of records kept after an erasure where people type what they like (an answer, a
    message, a review, a campaign's body): the erased person's legal name and addresses are
    rewritten in them, whoever typed them. A StreamField or JSON field is walked string by
    string."""

    model: type
    fields: tuple[str, ...]


_kinds: dict[str, DataKind] = {}
_free_text: dict[str, FreeText] = {}


def register(kind: DataKind) -> DataKind:
    """Register a kind (again, after a reload of the app: the last one wins)."""
    _kinds[kind.key] = kind
    return kind


def kinds() -> list[DataKind]:
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.key))


def register_free_text(model, *fields: str) -> FreeText:
    """The one registry of free-text fields (each app registers its own from AppConfig.ready)."""
    entry = FreeText(model=model, fields=tuple(fields))
    _free_text[model._meta.label] = entry
    return entry


def free_text_fields() -> list[FreeText]:
    return sorted(_free_text.values(), key=lambda entry: entry.model._meta.label)
