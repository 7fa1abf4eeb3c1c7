"""What Wagtail's admin lets a person do with one campaign page: the page models'
`permissions_for_user` return these testers, so this module imports no model of this app (it
reaches a page's co-authors through the page and the person).

Nobody publishes a campaign directly, not staff, not a superuser: a campaign goes live only when
the safeguarding review approves it (see workflows.py)."""

from wagtail.models import PagePermissionTester

from youthcities.accounts.selectors import can_participate

from .workflows import publishing_by_review


def is_author(user, page) -> bool:
    """The owner, or a co-author in the version being looked at (a draft may add one) or in the
    stored one."""
    if not user.is_authenticated:
        return False
    if page.owner_id == user.pk:
        return True
    in_this_version = getattr(page, "co_authors", None)
    if in_this_version is not None and any(
        co_author.user_id == user.pk for co_author in in_this_version.all()
    ):
        return True
    return user.campaigncoauthor_set.filter(page_id=page.pk).exists()


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
