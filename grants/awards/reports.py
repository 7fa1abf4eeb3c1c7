"""The grantee's reports (progress, evidence, money spent per budget line) and staff's review
of them: an approved report makes its tranche payable."""

import contextlib
import logging
from decimal import Decimal

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grants.applications.uploads import check_upload
from grants.awards.lifecycle import REPORT
from grants.awards.models import Award, Report, ReportEvidence, ReportSpending
from grants.errors import NotAllowed, StorageUnavailable
from grants.payments.ledger import T, check_money
from grants.payments.lifecycle import TRANCHE
from grants.payments.models import Tranche
from grants.permissions import require_role
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.accounts.selectors import users_with_role
from youthcities.audit.services import audit_record
from youthcities.lifecycle import GRANTEE
from youthcities.notify import notify

logger = logging.getLogger(__name__)


def report_submit(
    *,
    report: Report,
    actor,
    progress: str,
    spending: dict[int, Decimal],
    evidence: list = (),
) -> Report:
    """The grantee's report: progress, evidence files and money spent per budget line."""
    with transaction.atomic():
        current = (
            Report.objects.select_for_update(of=("self",))
            .select_related("award__application")
            .get(pk=report.pk)
        )
        award = current.award
        if actor is None or award.grantee_id != actor.pk:
            raise NotAllowed()
        if award.state != Award.State.ACTIVE:
            raise NotAllowed(_("Accept the grant agreement before you report."))
        REPORT.move(current, Report.State.SUBMITTED, GRANTEE)
        if not progress.strip():
            raise NotAllowed(_("Say what the project has done so far."))
        lines = {line.pk: line for line in award.application.budget_lines.all()}
        amounts = {}
        for line_id, amount in spending.items():
            if line_id not in lines:
                raise NotAllowed(_("This budget line is not part of the project."))
            if amount in (None, ""):
                continue
            if Decimal(amount) == 0:
                amounts[line_id] = Decimal(0)
                continue
            amounts[line_id] = check_money(amount, award.currency, expected_currency=award.currency)
        checked = [check_upload(upload) for upload in evidence]
        current.progress = progress.strip()
        current.submitted_at = timezone.now()
        current.submitted_by = actor
        current.save(update_fields=["state", "progress", "submitted_at", "submitted_by"])
        current.spending.all().delete()
        ReportSpending.objects.bulk_create(
            [
                ReportSpending(report=current, budget_line_id=line_id, amount=amount)
                for line_id, amount in amounts.items()
            ]
        )
        _evidence_store(current, evidence, checked)
        audit_record(
            actor=actor,
            action="report.submitted",
            target=current,
            data={"spent": {str(k): str(v) for k, v in amounts.items()}},
        )
        notify(
            users_with_role(PROGRAMME_STAFF),
            "grants/email/report_submitted",
            {"report": current, "award": award, "application": award.application},
            link=("grants_award_admin:award", [award.pk]),
        )
    return current


def _evidence_store(report: Report, uploads, checked) -> None:
    """Put a report's evidence files in private storage. If storage fails, the files stored so
    far are removed again and `StorageUnavailable` rolls the report back: nothing is half sent,
    and the form, shown again with what was typed, says the upload failed."""
    stored = []
    try:
        for upload, checked_file in zip(uploads, checked, strict=True):
            item = ReportEvidence(report=report, original_name=upload.name[:200])
            item.file.save(
                f"evidence.{checked_file.extension}", ContentFile(checked_file.content), save=False
            )
            stored.append(item.file.name)
            item.save()
    except (BotoCoreError, ClientError, OSError) as error:
        logger.warning("report %s: evidence not stored: %s", report.pk, error)
        for name in stored:
            with contextlib.suppress(BotoCoreError, ClientError, OSError):
                ReportEvidence.file.field.storage.delete(name)
        raise StorageUnavailable(
            _(
                "We could not store your evidence files just now, so the report is not sent "
                "yet. What you typed is kept below: attach the files again and send the report "
                "in a few minutes."
            )
        ) from None


def report_review(*, report: Report, actor, approve: bool, comment: str = "") -> Report:
    """Staff approve a report (its tranche becomes payable) or return it with a comment."""
    require_role(actor, PROGRAMME_STAFF)
    if not approve and not comment.strip():
        raise NotAllowed(_("Say what needs to change."))
    with transaction.atomic():
        current = (
            Report.objects.select_for_update(of=("self",))
            .select_related("award__application", "award__grantee")
            .get(pk=report.pk)
        )
        target = Report.State.APPROVED if approve else Report.State.RETURNED
        REPORT.move(current, target, PROGRAMME_STAFF)
        current.staff_comment = comment.strip()
        current.reviewed_at = timezone.now()
        current.reviewed_by = actor
        current.save(update_fields=["state", "staff_comment", "reviewed_at", "reviewed_by"])
        if approve and current.tranche_id:
            tranche = Tranche.objects.select_for_update().get(pk=current.tranche_id)
            TRANCHE.move(tranche, T.PAYABLE, PROGRAMME_STAFF)
            tranche.save(update_fields=["state"])
        audit_record(
            actor=actor,
            action=f"report.{target}",
            target=current,
            data={"comment": current.staff_comment},
        )
        notify(
            [current.award.grantee],
            "grants/email/report_reviewed",
            {"report": current, "award": current.award, "approved": approve},
            link=("grants:award", [current.award_id]),
        )
    return current
