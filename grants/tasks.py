import datetime

from django.utils import timezone, translation
from django_tasks import task

from .services import attachments_delete_abandoned

# Uploads that never joined an application are kept this long (an applicant may come back).
ABANDONED_AFTER = datetime.timedelta(days=2)


@task()
def delete_abandoned_uploads() -> int:
    return attachments_delete_abandoned(older_than=timezone.now() - ABANDONED_AFTER)


@task()
def export_ranking(job_id: int) -> None:
    from .exports import export_build
    from .models import ExportJob

    job = ExportJob.objects.select_related("call").get(pk=job_id)
    with translation.override(job.requested_by.preferred_language or "en"):
        try:
            export_build(job)
        except Exception:
            ExportJob.objects.filter(pk=job_id).update(status=ExportJob.Status.FAILED)
            raise
