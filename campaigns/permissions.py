"""Who may do what with a campaign in the Wagtail admin.

Activists hold Wagtail's "add" permission on the campaign indexes, which lets them create
campaigns and edit the ones they own; co-authors may edit too. They see no one else's campaigns
in the admin (explorer, search, choosers, site history). Nobody publishes a campaign directly, not
staff, not a superuser: a campaign goes live only when the safeguarding review approves it."""

from wagtail.permission_policies.pages import PagePermissionPolicy

from youthcities.accounts.roles import MODERATOR
from youthcities.accounts.selectors import has_role

from .models import CampaignCoAuthor, CampaignPage


def campaigns_hidden_from(user):
    """The ids of the campaigns a person may not see in the admin: other people's, for someone
    whose only right over them is to add campaigns (an activist). Staff and moderators, who hold
    wider rights over the campaigns, see them all."""
    if not user.is_active or user.is_superuser:
        return CampaignPage.objects.none().values("pk")
    # "change" without "add": Wagtail counts the pages a mere "add" holder owns, and no others.
    wider = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, {"change", "publish", "lock", "unlock", "bulk_delete"}
    )
    co_authored = CampaignCoAuthor.objects.filter(user_id=user.pk).values("page_id")
    return (
        CampaignPage.objects.exclude(pk__in=wider.values("pk"))
        .exclude(pk__in=co_authored)
        .values("pk")
    )


class CampaignAwarePagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, except that what a person may explore leaves out the campaigns
    hidden from them. Wagtail's explorer, admin search, explorer menu and site history report
    all read `explorable_instances`."""

    def explorable_instances(self, user):
        return super().explorable_instances(user).exclude(pk__in=campaigns_hidden_from(user))


def is_moderator(user) -> bool:
    return has_role(user, MODERATOR)
