"""Exports of a call's ranking as CSV or XLSX, built page by page (a constant number of queries
per page) so that progress can be shown. A blind call's export holds no identity."""

import csv
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from grants.applications.models import Application
from grants.applications.selectors import answers_as_text
from grants.review.models import ExportJob
from grants.review.selectors import call_ranking
from youthcities.spreadsheets import row_safe

CHUNK = 500


def _header(blind: bool) -> list[str]:
    columns = [
        _("Position"),
        _("Reference"),
        _("Title"),
        _("City"),
        _("Theme"),
        _("Status"),
        _("Reviews"),
        _("Mean"),
        _("Normalised"),
        _("Spread"),
        _("Reviewers disagree"),
        _("Amount awarded"),
        _("Answers to the call's questions"),
    ]
    if not blind:
        columns += [_("Applicant (display name)"), _("Group"), _("Organisation")]
    return columns


def _identities(ids) -> dict[int, tuple]:
    return {
        row[0]: row[1:]
        for row in Application.objects.filter(pk__in=ids).values_list(
            "pk", "applicant__display_name", "group_name", "organisation_name"
        )
    }


def _answers(ids, blind: bool) -> dict[int, str]:
    """Each application's answers to the call's questions as one cell; on a blind call without
    the identifying ones."""
    applications = Application.objects.filter(pk__in=ids).select_related(
        "call", "questions_version"
    )
    return {a.pk: answers_as_text(a, hide_identifying=blind) for a in applications}


def export_build(job: ExportJob) -> ExportJob:
    """Write the export file for a job, updating its progress after each chunk."""
    call = job.call
    blind = call.blind_review
    job.status = ExportJob.Status.RUNNING
    job.rows_total = call_ranking(call, limit=1).total
    job.save(update_fields=["status", "rows_total"])
    rows = [_header(blind)]
    offset = 0
    while offset < job.rows_total:
        page = call_ranking(call, limit=CHUNK, offset=offset).rows
        if not page:
            break
        identities = {} if blind else _identities([r.id for r in page])
        answers = _answers([r.id for r in page], blind)
        for row in page:
            values = [
                row.position,
                row.reference,
                row.title,
                row.city or "",
                row.theme,
                str(row.status_label),
                row.reviews,
                row.mean,
                row.normalised,
                row.spread,
                _("yes") if row.flagged else "",
                row.awarded_amount,
                answers.get(row.id, ""),
            ]
            if not blind:
                values += list(identities.get(row.id, ("", "", "")))
            rows.append(values)
        offset += len(page)
        job.rows_done = offset
        job.save(update_fields=["rows_done"])
    content = _csv(rows) if job.format == ExportJob.Format.CSV else _xlsx(rows)
    job.file.save(f"ranking.{job.format}", ContentFile(content), save=False)
    job.status = ExportJob.Status.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["file", "status", "finished_at"])
    return job


def _csv(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(row_safe(row))  # a cell that would start a formula is neutralised
    return ("\ufeff" + out.getvalue()).encode()  # BOM: Excel then reads Arabic as UTF-8


def _xlsx(rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Ranking"))
    for row in rows:
        sheet.append(row_safe(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
