"""What the public campaign pages, city pages and authors read."""

from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from .models import CampaignCoAuthor, CampaignPage, ReachFigure, Support
from .permissions import is_author


def _one_per_campaign(campaigns: QuerySet, language: str) -> QuerySet:
    """A campaign translated into the reader's language is listed once, in that language."""
    translated_here = CampaignPage.objects.live().filter(
        translation_key=OuterRef("translation_key"), locale__language_code=language
    )
    return campaigns.exclude(Q(Exists(translated_here)) & ~Q(locale__language_code=language))


def _reach_sum():
    return Coalesce(
        Subquery(
            ReachFigure.objects.filter(page=OuterRef("pk"))
            .values("page")
            .annotate(total=Sum("impressions"))
            .values("total"),
            output_field=IntegerField(),
        ),
        0,
    )


def published_campaigns(language: str) -> QuerySet[CampaignPage]:
    return _one_per_campaign(CampaignPage.objects.live().public(), language)


def campaigns_listing(
    *,
    language: str,
    city=None,
    region: str = "",
    theme: str = "",
    written_in: str = "",
    query: str = "",
) -> QuerySet[CampaignPage]:
    campaigns = published_campaigns(language)
    if city is not None:
        campaigns = campaigns.filter(city=city)
    if region:
        campaigns = campaigns.filter(city__region=region)
    if theme:
        campaigns = campaigns.filter(themes__contains=f",{theme},")
    if written_in:
        campaigns = campaigns.filter(locale__language_code=written_in)
    campaigns = (
        campaigns.select_related("city", "hero_image", "locale")
        .prefetch_related("hero_image__renditions")
        .annotate(
            reached=_reach_sum(),
            supporters=Coalesce(
                Subquery(
                    Support.objects.filter(page=OuterRef("pk"))
                    .values("page")
                    .annotate(n=Count("pk"))
                    .values("n"),
                    output_field=IntegerField(),
                ),
                0,
            ),
        )
        .order_by("-first_published_at")
    )
    if query:
        # Wagtail search: PostgreSQL full text on PostgreSQL. Filters go through the database first.
        ids = [page.pk for page in CampaignPage.objects.live().search(query)]
        campaigns = campaigns.filter(pk__in=ids)
    return campaigns


@dataclass(frozen=True)
class Totals:
    campaigns: int
    reached: int


def campaigns_reach(*, language: str, city=None) -> Totals:
    campaigns = published_campaigns(language)
    if city is not None:
        campaigns = campaigns.filter(city=city)
    reached = ReachFigure.objects.filter(page__in=campaigns.values("pk")).aggregate(
        total=Sum("impressions")
    )["total"]
    return Totals(campaigns=campaigns.count(), reached=reached or 0)


@dataclass(frozen=True)
class PublicFacts:
    authors: list[str]
    reached: int
    engaged: int
    supporters: int
    reach: list


def campaign_public_facts(page: CampaignPage) -> PublicFacts:
    """What a campaign page shows about its authors and its reach: display names only."""
    names = [page.owner.display_name] if page.owner_id else []
    names += [
        name
        for name in CampaignCoAuthor.objects.filter(page=page, user__isnull=False)
        .order_by("sort_order")
        .values_list("user__display_name", flat=True)
        if name not in names
    ]
    reach = list(page.reach.all())
    return PublicFacts(
        authors=names,
        reached=sum(figure.impressions for figure in reach),
        engaged=sum(figure.engagements for figure in reach),
        supporters=Support.objects.filter(page=page).count(),
        reach=reach,
    )


def supporters_for_export(*, page: CampaignPage, user) -> QuerySet[Support]:
    """Supporters who confirmed they want updates, for the campaign's own authors only."""
    if not is_author(user, page):
        return Support.objects.none()
    return Support.objects.filter(page=page, confirmed_at__isnull=False).exclude(email="")


def campaigns_for_city(*, city, language: str, limit: int = 6) -> list[CampaignPage]:
    return list(campaigns_listing(language=language, city=city)[:limit])


def campaigns_made_in(*, workshop_id: int, language: str) -> list[CampaignPage]:
    """The campaigns a lab or workshop produced."""
    return list(campaigns_listing(language=language).filter(workshop_id=workshop_id))


def campaigns_serving(*, commitment_ids, language: str) -> dict[int, list[CampaignPage]]:
    """The campaigns that serve each of these commitments, by commitment."""
    serving: dict[int, list[CampaignPage]] = {}
    for campaign in published_campaigns(language).filter(serves_id__in=list(commitment_ids)):
        serving.setdefault(campaign.serves_id, []).append(campaign)
    return serving
