"""Who may do what with a campaign in the Wagtail admin.

Activists hold Wagtail's "add" permission on the campaign indexes, which lets them create
campaigns and edit the ones they own; co-authors may edit too. They see no one else's campaigns
in the admin (explorer, search, choosers, site history). Nobody publishes a campaign directly, not
staff, not a superuser: a campaign goes live only when the safeguarding review approves it."""

from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from youthcities.accounts.roles import MODERATOR
from youthcities.accounts.selectors import can_participate, has_role

from .workflows import publishing_by_review


def is_author(user, page) -> bool:
    """The owner, or a co-author in the version being looked at (a draft may add one) or in the
    stored one."""
    from .models import CampaignCoAuthor

    if not user.is_authenticated:
        return False
    if page.owner_id == user.pk:
        return True
    in_this_version = getattr(page, "co_authors", None)
    if in_this_version is not None and any(
        co_author.user_id == user.pk for co_author in in_this_version.all()
    ):
        return True
    return CampaignCoAuthor.objects.filter(page_id=page.pk, user=user).exists()


def campaigns_hidden_from(user):
    """The ids of the campaigns a person may not see in the admin: other people's, for someone
    whose only right over them is to add campaigns (an activist). Staff and moderators, who hold
    wider rights over the campaigns, see them all."""
    from .models import CampaignCoAuthor, CampaignPage

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


class CampaignPermissionTester(PagePermissionTester):
    def can_publish(self):
        # Only the approval of the safeguarding review publishes (see workflows.py).
        return super().can_publish() and publishing_by_review()

    def can_unschedule(self):
        return super().can_publish()

    def can_set_view_restrictions(self):
        return super().can_publish()

    def can_edit(self):
        if super().can_edit():
            return True
        return self.user.is_active and "add" in self.permissions and is_author(self.user, self.page)

    def can_submit_for_moderation(self):
        # A minor whose guardian has not consented keeps drafts but cannot send them for review.
        return super().can_submit_for_moderation() and bool(can_participate(self.user))


class CampaignIndexPermissionTester(PagePermissionTester):
    def can_publish_subpage(self):
        # A new campaign cannot be published as it is created: it goes to the review first.
        return False
