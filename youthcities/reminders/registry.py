"""The ground floor's registry of reminder kinds and of deadline sources. Each floor registers
its own (at import of its `reminders.py`, from its app's `ready()`), so the scheduler here knows
nothing of applications, reviews or reports, and every import still runs down the floors."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class ReminderKind:
    """One kind of reminder.

    `candidates(now)` is every object the reminder is due for at `now`: the same queryset is
    asked again, inside the sending transaction, whether the object is still due (an application
    withdrawn or decided meanwhile is not). `recipients(obj)` are the people to remind (a kind
    with many candidates may also give `recipients_in_bulk(objs)`, {obj.pk: people}, answered
    in a few queries for all of them),
    `key(obj)` names the occurrence (a moved deadline is a new one), `context(obj)` goes to the
    email templates `<template>_subject.txt` and `<template>_message.txt`, and `link(obj, user)`
    is a (URL name, args) pair: each recipient's own way to it."""

    code: str
    label: object  # a lazy, translated label for the account page
    template: str
    candidates: Callable[[datetime], QuerySet]
    recipients: Callable[[Model], list]
    key: Callable[[Model], str]
    context: Callable[[Model], dict]
    link: Callable[[Model, object], tuple[str, list]]
    recipients_in_bulk: Callable[[list], dict] | None = None
    # Who is offered this kind on their account page (role codes); empty: everyone.
    roles: tuple[str, ...] = ()
    # Security notices are never optional: such a kind offers no "never".
    optional: bool = True
    # A notice that comes once in a life (the age of consent reached) is not a choice on the
    # account page: it is sent immediately.
    offered: bool = True
    order: int = field(default=100, compare=False)


@dataclass(frozen=True)
class Deadline:
    """One date in a person's calendar feed."""

    uid: str
    title: str
    starts: datetime | date
    ends: datetime | date | None = None
    url: str = ""
    description: str = ""


_KINDS: dict[str, ReminderKind] = {}
_DEADLINE_SOURCES: list[Callable[[object], Iterable[Deadline]]] = []


def register_kind(kind: ReminderKind) -> ReminderKind:
    _KINDS[kind.code] = kind
    return kind


def kinds() -> list[ReminderKind]:
    return sorted(_KINDS.values(), key=lambda kind: (kind.order, kind.code))


def kind(code: str) -> ReminderKind:
    return _KINDS[code]


def register_deadlines(source: Callable[[object], Iterable[Deadline]]):
    """`source(user)` yields that person's deadlines; usable as a decorator."""
    if source not in _DEADLINE_SOURCES:
        _DEADLINE_SOURCES.append(source)
    return source


def deadline_sources() -> list[Callable[[object], Iterable[Deadline]]]:
    return list(_DEADLINE_SOURCES)
