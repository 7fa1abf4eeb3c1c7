"""The campaign rules in Wagtail's own terms, applied after every `migrate`, when seeding and when
a campaign index is created:

- activists may add campaigns under every campaign index (and so edit their own), never publish;
- their photos go into one collection, where they may upload and choose images;
- every campaign goes through the "Safeguarding review" task, done by a moderator, who may
  publish (approving publishes) but not write campaigns.
"""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_noop
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from youthcities.accounts.roles import ACTIVIST, MODERATOR

from .models import CampaignIndexPage

WORKFLOW_NAME = "Safeguarding review"
TASK_NAME = "Safeguarding review"
COLLECTION_NAME = "Campaign images"


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def campaign_images_collection() -> Collection:
    # A flushed database (as between browser tests) has lost the root Wagtail's migration made.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def safeguarding_workflow() -> Workflow:
    moderators, _created = Group.objects.get_or_create(name=MODERATOR)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(moderators)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def campaign_index_prepare(index: CampaignIndexPage) -> None:
    activists, _created = Group.objects.get_or_create(name=ACTIVIST)
    GroupPagePermission.objects.get_or_create(
        group=activists, page=index, permission=_permission("wagtailcore", "add_page")
    )
    # Approving the last task publishes the campaign, as the moderator who approved it.
    moderators, _created = Group.objects.get_or_create(name=MODERATOR)
    GroupPagePermission.objects.get_or_create(
        group=moderators, page=index, permission=_permission("wagtailcore", "publish_page")
    )
    WorkflowPage.objects.update_or_create(
        page=index, defaults={"workflow": safeguarding_workflow()}
    )


def campaigns_setup() -> None:
    activists, _created = Group.objects.get_or_create(name=ACTIVIST)
    collection = campaign_images_collection()
    for codename in ("add_image", "choose_image"):
        GroupCollectionPermission.objects.get_or_create(
            group=activists,
            collection=collection,
            permission=_permission("wagtailimages", codename),
        )
    for index in CampaignIndexPage.objects.all():
        campaign_index_prepare(index)


# Marked for translation: Wagtail shows these names in the admin as they are stored.
_NAMES = (
    gettext_noop("Safeguarding review"),
    gettext_noop("Campaign images"),
)
