"""The home page's view of the whole programme, read through each app's selectors. Apart from
`selectors` (which reads this app's models) so that the home page model can call it."""

from dataclasses import dataclass

from django.utils import timezone

from campaigns.selectors import campaigns_listing
from grants.applications.selectors import applications_submitted_count
from grants.awards.selectors import awards_count
from grants.calls.selectors import calls_open
from youthcities.network.workshops.selectors import (
    ProgrammeFigures,
    commitments_delivered,
    programme_figures,
    workshops_upcoming,
)

HOME_CAMPAIGNS = 3
HOME_WORKSHOPS = 3
HOME_DELIVERED = 3


@dataclass(frozen=True)
class HomePortal:
    """What the home page shows of the whole programme."""

    now: object
    open_calls: list
    campaigns: list
    workshops: list
    delivered: list
    applications: int
    grants: int
    figures: ProgrammeFigures


def home_portal(*, language: str, now=None) -> HomePortal:
    """The open calls, featured campaigns (the reader's language first), upcoming workshops,
    the commitments kept last, and the programme's figures: a fixed number of queries, however
    much the programme holds."""
    now = now or timezone.now()
    return HomePortal(
        now=now,
        open_calls=calls_open(now),
        campaigns=list(campaigns_listing(language=language)[:HOME_CAMPAIGNS]),
        workshops=list(workshops_upcoming(today=timezone.localdate(now))[:HOME_WORKSHOPS]),
        delivered=commitments_delivered(limit=HOME_DELIVERED),
        applications=applications_submitted_count(),
        grants=awards_count(),
        figures=programme_figures(),
    )
