"""Review's background work: the ranking export, built away from the web request."""

from django.utils import translation
from django_tasks import task


@task()
def export_ranking(job_id: int) -> None:
    from grants.review.exports import export_build
    from grants.review.models import ExportJob

    job = ExportJob.objects.select_related("call").get(pk=job_id)
    with translation.override(job.requested_by.preferred_language or "en"):
        try:
            export_build(job)
        except Exception:
            ExportJob.objects.filter(pk=job_id).update(status=ExportJob.Status.FAILED)
            raise
