"""The safeguarding review tells every author, in their own language, when a campaign is sent
back (with the moderator's comment) or approved.

Wagtail's own notifier emails only the person who submitted, in English. Connecting ours under the
same dispatch_uid first (this app is ready before wagtail.admin) keeps Wagtail's from being added:
Django ignores a second receiver with a known dispatch_uid."""

from wagtail.models import WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected

from . import services


def _sent_back(sender, instance, **kwargs):
    services.review_sent_back(workflow_state=instance)


def _approved(sender, instance, **kwargs):
    services.review_approved(workflow_state=instance)


def connect() -> None:
    workflow_rejected.connect(
        _sent_back, sender=WorkflowState, dispatch_uid="workflow_state_rejected_email_notification"
    )
    workflow_approved.connect(
        _approved, sender=WorkflowState, dispatch_uid="workflow_state_approved_email_notification"
    )
