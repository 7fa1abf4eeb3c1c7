"""How long we keep what, in one table. `manage.py purge_expired` applies it every day.

Each row's purge is registered by the app that owns the data (from its AppConfig.ready), so
the ground floor names no app above it. A purge works in batches, each in its own transaction,
and chooses its rows by their state: run again after an interruption it finishes the job, and
run twice it does nothing the second time."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

DAY = datetime.timedelta(days=1)
BATCH = 500


@dataclass(frozen=True)
class Rule:
    key: str
    what: object  # lazy label
    kept_for: object  # lazy, for people: "7 days"
    period: datetime.timedelta | None  # None: the period is per call (see the purge)
    then: object  # lazy: what happens at the end


# The table. The README's retention table is this one, written out.
RETENTION: tuple[Rule, ...] = (
    Rule(
        "unconfirmed_supporter_emails",
        _("Supporters' emails never confirmed"),
        _("7 days"),
        7 * DAY,
        _("the email is removed; the support still counts"),
    ),
    Rule(
        "unconfirmed_guardian_consent",
        _("Guardian links and unconfirmed guardian data"),
        _("30 days after the last link"),
        30 * DAY,
        _("deleted; the young person can send a new link"),
    ),
    Rule(
        "abandoned_drafts",
        _("Draft applications never submitted"),
        _("12 months after the call closed"),
        365 * DAY,
        _("deleted with their documents"),
    ),
    Rule(
        "declined_applications",
        _("Declined applications and their documents"),
        _("per call, default 24 months after the decision"),
        None,
        _("deleted with their documents and reviews"),
    ),
    Rule(
        "access_records",
        _("Sessions, rate-limit keys and finished background tasks"),
        _("30 days"),
        30 * DAY,
        _("deleted (rate-limit keys expire in the cache within the hour)"),
    ),
    Rule(
        "data_downloads",
        _("Data downloads (My data)"),
        _("24 hours"),
        DAY,
        _("the ZIP file and its link are deleted"),
    ),
    Rule(
        "ledger_and_awards",
        _("Ledger and award records"),
        _("7 years after the award"),
        7 * 365 * DAY,
        _("pseudonymised: the payee becomes “Former member”"),
    ),
)
RULES = {rule.key: rule for rule in RETENTION}

# purge(now, *, dry_run, limit) -> how many rows it changed (or would change)
Purge = Callable[..., int]
_purges: dict[str, list[Purge]] = {}


def register_purge(key: str, purge: Purge) -> None:
    if key not in RULES:
        raise KeyError(f"{key} is not a row of the retention table")
    registered = _purges.setdefault(key, [])
    if purge.__qualname__ not in {p.__qualname__ for p in registered}:
        registered.append(purge)


def purges(key: str) -> list[Purge]:
    return list(_purges.get(key, ()))


def in_batches(queryset, apply, *, dry_run: bool, limit: int | None = None) -> int:
    """Apply `apply(batch_queryset)` to `queryset` BATCH rows at a time, each batch committed on
    its own; `limit` stops early (as an interrupted run would). Returns the rows handled."""
    from django.db import transaction

    if dry_run:
        total = queryset.count()
        return min(total, limit) if limit is not None else total
    done = 0
    while limit is None or done < limit:
        size = BATCH if limit is None else min(BATCH, limit - done)
        with transaction.atomic():
            ids = list(queryset.values_list("pk", flat=True)[:size])
            if not ids:
                break
            apply(queryset.model.objects.filter(pk__in=ids))
        done += len(ids)
    return done
