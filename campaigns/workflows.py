"""The safeguarding review is the only way a campaign goes live.

WAGTAIL_FINISH_WORKFLOW_ACTION points here: when a workflow is approved, its object is published
while `publishing_by_review()` is true, and a campaign's permission tester allows publishing only
then (see page_permissions.CampaignPermissionTester.can_publish). Imported by wagtail.models
while it loads: nothing here may import a model at module level."""

from contextvars import ContextVar

_by_review: ContextVar[bool] = ContextVar("campaigns_published_by_review", default=False)


def publishing_by_review() -> bool:
    return _by_review.get()


def publish_approved(workflow_state, user=None):
    from wagtail.workflows import publish_workflow_state

    token = _by_review.set(True)
    try:
        return publish_workflow_state(workflow_state, user=user)
    finally:
        _by_review.reset(token)
