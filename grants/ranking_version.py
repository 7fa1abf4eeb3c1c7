"""The ranking of a call is cached; every change it shows bumps the call's `ranking_version`,
inside the transaction of the change, so that a cached ranking is never read after it."""

from django.db.models import F


def ranking_touch(call_id: int) -> None:
    from .models import GrantCall

    GrantCall.objects.filter(pk=call_id).update(ranking_version=F("ranking_version") + 1)
