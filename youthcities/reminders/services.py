"""Finding what is due and sending each reminder once; the daily digest; people's choices; the
calendar feed's secret address.

Once: a reminder is a `ReminderSent` row inserted in the same transaction that queues its email
(the email leaves only when that transaction commits). A second scheduler inserting the same
(kind, key, person) waits on the first one's row and then fails the unique constraint, so it
sends nothing; so does any rerun."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from youthcities.audit.services import audit_record
from youthcities.errors import ServiceError
from youthcities.notify import notify
from youthcities.reminders import registry
from youthcities.reminders.models import CalendarFeed, Delivery, ReminderPreference, ReminderSent

DIGEST_EVERY = datetime.timedelta(hours=24)


class NotOptional(ServiceError):
    pass


@dataclass(frozen=True)
class DueReminder:
    kind: registry.ReminderKind
    obj: object
    user: object
    key: str


def reminders_due(*, now=None, only_unsent: bool = True) -> list[DueReminder]:
    """Every reminder due at `now`, one per person, not yet sent (what --dry-run lists)."""
    now = now or timezone.now()
    due = []
    for kind in registry.kinds():
        objects = list(kind.candidates(now))
        keys = {obj.pk: kind.key(obj) for obj in objects}
        sent = (
            set(
                ReminderSent.objects.filter(kind=kind.code, key__in=keys.values()).values_list(
                    "key", "user_id"
                )
            )
            if only_unsent and keys
            else set()
        )
        recipients = (
            kind.recipients_in_bulk(objects)
            if kind.recipients_in_bulk is not None and objects
            else {obj.pk: kind.recipients(obj) for obj in objects}
        )
        for obj in objects:
            for user in recipients.get(obj.pk, []):
                if (keys[obj.pk], user.pk) not in sent:
                    due.append(DueReminder(kind=kind, obj=obj, user=user, key=keys[obj.pk]))
    return due


def _deliveries(users) -> dict[tuple[int, str], str]:
    return {
        (user_id, kind): delivery
        for user_id, kind, delivery in ReminderPreference.objects.filter(
            user__in=[user.pk for user in users]
        ).values_list("user_id", "kind", "delivery")
    }


def _absolute(link: tuple[str, list]) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(link[0], args=link[1])


def reminder_send(reminder: DueReminder, *, now=None, delivery: str | None = None) -> bool:
    """Send one reminder unless it went already or is no longer due. True when it was sent (or
    queued for the digest, or recorded as not wanted)."""
    now = now or timezone.now()
    kind, user = reminder.kind, reminder.user
    if delivery is None:
        delivery = _deliveries([user]).get((user.pk, kind.code), Delivery.IMMEDIATELY)
    if (delivery == Delivery.NEVER and not kind.optional) or not kind.offered:
        delivery = Delivery.IMMEDIATELY
    context = kind.context(reminder.obj)
    link = kind.link(reminder.obj, user)
    with transaction.atomic():
        # Asked again here: withdrawn, decided, submitted or paid meanwhile is not due.
        if not kind.candidates(now).filter(pk=reminder.obj.pk).exists():
            return False
        with translation.override(user.preferred_language or "en"):
            subject = render_to_string(
                f"{kind.template}_subject.txt", {**context, "user": user, "link": ""}
            ).strip()
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    kind=kind.code,
                    key=reminder.key,
                    user=user,
                    delivery=delivery,
                    subject=subject[:300],
                    link=_absolute(link)[:300],
                    sent_at=now,
                )
        except IntegrityError:
            return False  # another scheduler (or an earlier run) sent it
        if delivery == Delivery.IMMEDIATELY:
            notify([user], kind.template, context, link=link)
    return True


def reminders_send(*, now=None) -> int:
    """What the scheduler runs: every due reminder once, then the digests that are due."""
    now = now or timezone.now()
    due = reminders_due(now=now)
    deliveries = _deliveries({reminder.user for reminder in due})
    sent = 0
    for reminder in due:
        delivery = deliveries.get((reminder.user.pk, reminder.kind.code), Delivery.IMMEDIATELY)
        sent += reminder_send(reminder, now=now, delivery=delivery)
    reminder_digests_send(now=now)
    return sent


def reminder_digests_send(*, now=None) -> int:
    """One email per person with the reminders kept for their digest, at most once a day."""
    now = now or timezone.now()
    waiting = ReminderSent.objects.filter(delivery=Delivery.DIGEST, digested_at__isnull=True)
    recent = set(
        ReminderSent.objects.filter(
            delivery=Delivery.DIGEST, digested_at__gt=now - DIGEST_EVERY
        ).values_list("user_id", flat=True)
    )
    sent = 0
    for user_id in sorted(set(waiting.values_list("user_id", flat=True)) - recent):
        with transaction.atomic():
            # skip_locked: a second scheduler leaves this person's digest to the first.
            items = list(
                waiting.filter(user_id=user_id)
                .select_for_update(skip_locked=True)
                .select_related("user")
                .order_by("sent_at", "pk")
            )
            if not items:
                continue
            ReminderSent.objects.filter(pk__in=[item.pk for item in items]).update(digested_at=now)
            notify([items[0].user], "reminders/email/digest", {"items": items})
            sent += 1
    return sent


def reminder_preferences_set(*, user, choices: dict[str, str]) -> None:
    """Save a person's choice per kind (immediately, digest, never)."""
    with transaction.atomic():
        for code, delivery in choices.items():
            kind = registry.kind(code)
            if delivery == Delivery.NEVER and not kind.optional:
                raise NotOptional()
            ReminderPreference.objects.update_or_create(
                user=user, kind=code, defaults={"delivery": delivery}
            )
        audit_record(actor=user, action="reminders.preferences", target=user, data=choices)


def calendar_feed_of(user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def calendar_feed_renew(*, user) -> CalendarFeed:
    """A new secret address: the old one answers 404 from now on."""
    with transaction.atomic():
        feed = calendar_feed_of(user)
        feed.token = CalendarFeed._meta.get_field("token").default()
        feed.save(update_fields=["token", "created_at"])
        audit_record(actor=user, action="reminders.calendar_renewed", target=user)
    return feed
