"""What the public campaign pages, city pages and authors read."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowState

from youthcities.accounts.roles import MODERATOR
from youthcities.accounts.selectors import has_role
from youthcities.admin_panels import Waiting

from .models import AbuseReport, CampaignCoAuthor, CampaignIndexPage, CampaignPage, Support
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
    for campaign in campaigns.select_related("locale"):
        serving.setdefault(campaign.serves_id, []).append(campaign)
    return serving


def moderation_waiting(user) -> list[Waiting]:
    """What waits for a safeguarding moderator on the admin dashboard: campaigns in their
    review and open reports of abuse, one counting query each."""
    if not has_role(user, MODERATOR):
        return []
    return [
        Waiting(
            _("Campaigns to review"),
            TaskState.objects.reviewable_by(user).count(),
            reverse("wagtailadmin_reports:workflow_tasks"),
            order=60,
        ),
        Waiting(
            _("Reports of abuse to handle"),
            AbuseReport.objects.filter(status=AbuseReport.Status.OPEN).count(),
            reverse("campaigns_admin:reports"),
            order=70,
        ),
    ]


def changes_requested(page) -> TaskState | None:
    """The moderator's request for changes a campaign is waiting on (with its comment), while
    it has not gone back to review: one query."""
    state = (
        WorkflowState.objects.for_instance(page)
        .select_related("current_task_state__finished_by")
        .order_by("-created_at")
        .first()
    )
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return state.current_task_state


def campaign_indexes() -> list:
    """Where campaigns are written: one index per language, with its locale (one query)."""
    return list(
        CampaignIndexPage.objects.select_related("locale").order_by("locale__language_code")
    )


def authors_by_page(page_ids) -> dict[int, list]:
    """The owner and co-authors of each campaign (owner first), in two queries: what a moderator
    reads beside a report about an author. Never shown in public."""
    from django.contrib.auth import get_user_model

    pages = dict(CampaignPage.objects.filter(pk__in=page_ids).values_list("pk", "owner_id"))
    co_authors = CampaignCoAuthor.objects.filter(page_id__in=page_ids, user__isnull=False)
    pairs = [(page_id, owner_id) for page_id, owner_id in pages.items() if owner_id]
    pairs += list(co_authors.order_by("sort_order", "pk").values_list("page_id", "user_id"))
    people = get_user_model().objects.in_bulk({user_id for _page, user_id in pairs})
    authors: dict[int, list] = {}
    for page_id, user_id in pairs:
        user = people.get(user_id)
        if user is not None and user.is_active and user not in authors.get(page_id, []):
            authors.setdefault(page_id, []).append(user)
    return authors


def authors_of_page(page: CampaignPage) -> list:
    return authors_by_page([page.pk]).get(page.pk, [])
