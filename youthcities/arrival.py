"""When a request reached the portal.

In the last minutes before a call closes, requests wait in the app servers' queue: an
application sent a second before the deadline may reach a worker after it, and must still count
as on time. The load balancer knows when each request arrived and can say so in a header
(nginx: `proxy_set_header X-Request-Start "t=${msec}";`). REQUEST_START_HEADER names that
header; it is believed only when set, because anyone can write the header themselves (the
proxy overwrites it). Unset, or with a stamp that makes no sense, the request arrived now."""

import datetime

from django.conf import settings
from django.utils import timezone

# A stamp older than this is not believed: no proxy holds a request that long, and a stamp
# copied from an old request must not reopen a call.
OLDEST = datetime.timedelta(minutes=2)
# Clocks of the proxy and the app servers differ a little: a stamp this far ahead is now.
CLOCK_SKEW = datetime.timedelta(seconds=2)


def request_arrival(request, now: datetime.datetime | None = None) -> datetime.datetime:
    """The moment the request reached the first proxy, or now."""
    now = now or timezone.now()
    if not settings.REQUEST_START_HEADER:
        return now
    stamp = _parse(request.headers.get(settings.REQUEST_START_HEADER, ""))
    if stamp is None or not now - OLDEST <= stamp <= now + CLOCK_SKEW:
        return now
    return min(stamp, now)


def _parse(value: str) -> datetime.datetime | None:
    """`t=1700000000.123` (seconds, as nginx's $msec), or whole milliseconds or microseconds
    since the epoch (as other proxies write it)."""
    number = value.strip().removeprefix("t=")
    try:
        seconds = float(number)
    except ValueError:
        return None
    if seconds != seconds or seconds <= 0:  # NaN, or nonsense
        return None
    if seconds > 1e14:
        seconds /= 1e6
    elif seconds > 1e11:
        seconds /= 1e3
    try:
        return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)
    except (OverflowError, OSError, ValueError):
        return None
