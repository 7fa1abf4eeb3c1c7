"""Applications' background work: uploads that never joined an application are removed."""

import datetime

from django.utils import timezone
from django_tasks import task

from grants.applications.services import attachments_delete_abandoned

# Uploads that never joined an application are kept this long (an applicant may come back).
ABANDONED_AFTER = datetime.timedelta(days=2)


@task()
def delete_abandoned_uploads() -> int:
    return attachments_delete_abandoned(older_than=timezone.now() - ABANDONED_AFTER)
