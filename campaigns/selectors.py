"""What the public campaign pages, city pages and authors read."""

from django.db.models import QuerySet

from .models import CampaignPage, Support
from .page_permissions import is_author


def published_campaigns(language: str) -> QuerySet[CampaignPage]:
    return CampaignPage.objects.published(language)


def campaigns_listing(**filters) -> QuerySet[CampaignPage]:
    """Published campaigns with their reach and supporters, newest first (see
    `CampaignPageQuerySet.listing` for the filters)."""
    return CampaignPage.objects.listing(**filters)


def supporters_for_export(*, page: CampaignPage, user) -> QuerySet[Support]:
    """Supporters who confirmed they want updates, for the campaign's own authors only."""
    if not is_author(user, page):
        return Support.objects.none()
    return Support.objects.filter(page=page, confirmed_at__isnull=False).exclude(email="")


def campaigns_for_city(*, city, language: str, limit: int = 6) -> list[CampaignPage]:
    return list(campaigns_listing(language=language, city=city)[:limit])


def campaigns_made_in(*, workshop_id: int, language: str) -> list[CampaignPage]:
    """The campaigns a lab or workshop produced (a workshop names its city: not those whose
    authors keep the city off public pages)."""
    return list(
        campaigns_listing(language=language).filter(workshop_id=workshop_id, show_city=True)
    )


def campaigns_serving(*, commitment_ids, language: str) -> dict[int, list[CampaignPage]]:
    """The campaigns that serve each of these commitments, by commitment."""
    serving: dict[int, list[CampaignPage]] = {}
    campaigns = published_campaigns(language).filter(
        serves_id__in=list(commitment_ids), show_city=True
    )
    for campaign in campaigns:
        serving.setdefault(campaign.serves_id, []).append(campaign)
    return serving
