"""Who may do what with a campaign in the Wagtail admin.

Activists hold Wagtail's "add" permission on the campaign indexes, which lets them create
campaigns and edit the ones they own; co-authors may edit too. Nobody in the activist role may
publish: a campaign goes live only through the safeguarding review."""

from wagtail.models import PagePermissionTester

from youthcities.accounts.roles import MODERATOR
from youthcities.accounts.selectors import can_participate, has_role


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


def is_moderator(user) -> bool:
    return has_role(user, MODERATOR)


class CampaignPermissionTester(PagePermissionTester):
    def can_edit(self):
        if super().can_edit():
            return True
        return self.user.is_active and "add" in self.permissions and is_author(self.user, self.page)

    def can_submit_for_moderation(self):
        # A minor whose guardian has not consented keeps drafts but cannot send them for review.
        return super().can_submit_for_moderation() and bool(can_participate(self.user))
