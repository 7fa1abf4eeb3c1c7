"""Reads: a person's choice per reminder kind, and their deadlines as an iCalendar feed."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

from youthcities.accounts.selectors import has_role
from youthcities.reminders import registry
from youthcities.reminders.models import CalendarFeed, Delivery, ReminderPreference


def reminder_choices_of(user) -> list[tuple[registry.ReminderKind, str]]:
    """The kinds this person can receive, with their current choice."""
    chosen = dict(ReminderPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return [
        (kind, chosen.get(kind.code, Delivery.IMMEDIATELY))
        for kind in registry.kinds()
        if kind.offered and (not kind.roles or any(has_role(user, role) for role in kind.roles))
    ]


def feed_owner(token: str):
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    return feed.user if feed and feed.user.is_active else None


def deadlines_of(user) -> list[registry.Deadline]:
    return [deadline for source in registry.deadline_sources() for deadline in source(user)]


def personal_calendar(user, *, title: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Young Cities//my deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", title)
    stamp = timezone.now()
    for deadline in deadlines_of(user):
        event = Event()
        event.add("uid", f"{deadline.uid}@youngcities")
        event.add("dtstamp", stamp)
        event.add("summary", deadline.title)
        event.add("dtstart", deadline.starts)
        if deadline.ends is not None:
            event.add("dtend", deadline.ends)
        elif isinstance(deadline.starts, datetime.datetime):
            event.add("dtend", deadline.starts)
        else:
            event.add("dtend", deadline.starts + datetime.timedelta(days=1))
        if deadline.url:
            event.add("url", deadline.url)
        if deadline.description:
            event.add("description", deadline.description)
        calendar.add_component(event)
    return calendar.to_ical()
