"""The privacy floor's background work: building a person's data download."""

from django_tasks import task


@task()
def build_data_export(export_id: int) -> None:
    from youthcities.privacy.exports import data_export_build
    from youthcities.privacy.models import DataExport

    export = DataExport.objects.select_related("user").get(pk=export_id)
    if export.status != DataExport.Status.PENDING:
        return  # built already (a task run twice builds once)
    try:
        data_export_build(export)
    except Exception:
        DataExport.objects.filter(pk=export_id).update(status=DataExport.Status.FAILED)
        raise
