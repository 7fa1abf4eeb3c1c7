"""Dates, times and lists of names as a reader of each language writes them: one format per
language, from Babel's data (en "December 1, 2026", fr "1 décembre 2026", ar "1 ديسمبر 2026"),
in the portal's time zone unless one is given."""

import datetime

from babel.dates import format_date, format_time, get_datetime_format
from babel.lists import format_list
from django.utils import timezone
from django.utils.translation import get_language


def _locale(language: str | None) -> str:
    return (language or get_language() or "en").replace("-", "_")


def format_day(value: datetime.date | datetime.datetime, language: str | None = None) -> str:
    """A day: "1 December 2026" (the locale's long date)."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return format_date(value, format="long", locale=_locale(language))


def format_moment(value: datetime.datetime, language: str | None = None, tz=None) -> str:
    """A moment: the long date and the short time, joined as the locale joins them. In the
    current time zone, or `tz`; a value already put in a zone by the template filter
    `timezone` ("in the call's time zone") stays there."""
    if timezone.is_aware(value) and getattr(value, "convert_to_local_time", True):
        value = timezone.localtime(value, tz)
    locale = _locale(language)
    pattern = get_datetime_format("long", locale=locale)
    return pattern.replace("{1}", format_date(value.date(), "long", locale=locale)).replace(
        "{0}", format_time(value.time(), "short", locale=locale)
    )


def format_items(items, language: str | None = None) -> str:
    """Names in a row as the language writes them: "A, B and C", "A, B et C", "A وB وC"."""
    names = [str(item) for item in items]
    return format_list(names, locale=_locale(language)) if names else ""
