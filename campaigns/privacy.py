"""Campaigns' kinds of a person's data: the campaigns they wrote or co-wrote, and the campaigns
they supported with their email. Registered from CampaignsConfig.ready."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

from campaigns.models import AbuseReport, CampaignCoAuthor, CampaignPage, Support
from youthcities.privacy.registry import DataKind, Erasure, register, register_free_text


def _iso(value):
    return value.isoformat() if value else None


def _written(user):
    return CampaignPage.objects.filter(Q(owner=user) | Q(co_authors__user=user)).distinct()


def _campaigns(user) -> list[dict]:
    return [
        {
            "title": page.title,
            "language": page.locale.language_code,
            "your_part": "author" if page.owner_id == user.pk else "co-author",
            "published": page.live,
            "first_published": _iso(page.first_published_at),
            "summary": page.summary,
            "address": page.url_path,
        }
        for page in _written(user).select_related("locale").order_by("pk")
    ]


def _supports(user) -> list[dict]:
    return [
        {
            "campaign": s.page.title,
            "name": s.display_name,
            "email": s.email,
            "confirmed": _iso(s.confirmed_at),
            "when": _iso(s.created_at),
        }
        for s in Support.objects.filter(email__iexact=user.email).select_related("page")
    ]


def _campaigns_erase(erasure: Erasure) -> dict:
    """Campaigns stay published under "Former member" unless the person ticked to take them
    down; as a co-author their address goes."""
    co = CampaignCoAuthor.objects.filter(user=erasure.user).update(email=erasure.placeholder_email)
    written = list(_written(erasure.user))
    transaction.on_commit(lambda: purge_pages_from_cache(written))  # the CDN's copies
    unpublished = 0
    if erasure.unpublish_campaigns:
        for page in CampaignPage.objects.live().filter(owner=erasure.user).specific():
            page.unpublish(user=None)
            unpublished += 1
    return {"co_author": co, "unpublished": unpublished}


def _supports_erase(erasure: Erasure) -> dict:
    deleted, _rows = Support.objects.filter(email__iexact=erasure.email).delete()
    return {"deleted": deleted}


def register_kinds() -> None:
    # Where people type what they like in what stays (youthcities.privacy.registry): a reporter
    # may name an author in a report, an author a friend in a campaign's body.
    register_free_text(CampaignPage, "title", "summary", "body")
    register_free_text(AbuseReport, "details", "resolution")
    register(
        DataKind(
            key="campaigns",
            label=_("Campaigns"),
            description=_("The campaigns you wrote or co-wrote."),
            order=70,
            count=lambda user: _written(user).count(),
            export=_campaigns,
            stays=_(
                "Campaigns you wrote stay published under “Former member”, unless you tick "
                "below to take them down."
            ),
            erase=_campaigns_erase,
        )
    )
    register(
        DataKind(
            key="supports",
            label=_("Campaigns you support"),
            description=_("Campaigns you supported with your email address."),
            order=75,
            count=lambda user: Support.objects.filter(email__iexact=user.email).count(),
            export=_supports,
            goes=_("Your supports of campaigns."),
            erase=_supports_erase,
        )
    )


def purge_unconfirmed_supporter_emails(now, *, dry_run=False, limit=None) -> int:
    """A supporter who never opened the confirmation link: their email goes, the support
    stays counted."""
    from youthcities.privacy.retention import RULES, in_batches

    expired = Support.objects.filter(
        confirmed_at__isnull=True,
        created_at__lt=now - RULES["unconfirmed_supporter_emails"].period,
    ).exclude(email="")
    return in_batches(expired, lambda b: b.update(email=""), dry_run=dry_run, limit=limit)


def register_purges() -> None:
    from youthcities.privacy.retention import register_purge

    register_purge("unconfirmed_supporter_emails", purge_unconfirmed_supporter_emails)
