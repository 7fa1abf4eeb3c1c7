"""Counting requests per key in the shared cache (Redis in production), in fixed windows. Used
where a person could otherwise make the portal send email without end."""

import time

from django.core.cache import cache


def rate_consume(*, scope: str, key, limit: int, period: int = 3600, cost: int = 1) -> bool:
    """Count `cost` more uses of `scope` by `key` in the current window; False, counting nothing,
    when that would go over `limit`."""
    bucket = f"rate:{scope}:{key}:{int(time.time() // period)}"
    if cache.get(bucket, 0) + cost > limit:
        return False
    cache.add(bucket, 0, timeout=period)
    try:
        cache.incr(bucket, cost)
    except ValueError:  # expired between add and incr
        cache.set(bucket, cost, timeout=period)
    return True
