"""Applications: a draft per person and call, its steps saved as typed, its documents, its
co-applicants, and the one submit and withdraw. Each change in a transaction, audited."""

import logging

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from grants.applications.lifecycle import APPLICATION
from grants.applications.models import (
    Application,
    Attachment,
    BudgetLine,
    CoApplicant,
    ReferenceCounter,
)
from grants.applications.rules import STEP_FIELDS, STEPS, application_problems
from grants.applications.selectors import co_applicant_invitations, questions_of
from grants.applications.uploads import check_upload
from grants.calls.models import GrantCall
from grants.calls.services import ranking_touch
from grants.errors import (
    CallClosed,
    CallNotOpen,
    IncompleteApplication,
    NotAllowed,
    StaleDraft,
    StorageUnavailable,
    TooManyInvitations,
)
from grants.permissions import require_role
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.accounts.selectors import can_participate
from youthcities.accounts.tasks import send_email
from youthcities.audit.services import audit_record
from youthcities.lifecycle import APPLICANT
from youthcities.ratelimit import rate_consume

logger = logging.getLogger(__name__)
INVITATIONS_PER_HOUR = 10  # co-applicant invitations per application


def application_own_by_call_slug(*, slug: str, applicant) -> Application | None:
    """The person's own application to the call with this slug, with its call and its version
    of the questions, in one query (every step of the wizard starts here); None if they have
    none yet (then `application_joined_or_started`)."""
    try:  # one per person and call (a constraint): no ordering to compile or sort
        application = Application.objects.select_related("call", "questions_version").get(
            call__slug=slug, applicant=applicant
        )
    except Application.DoesNotExist:
        return None
    return _with_questions(application)


def application_draft_for(*, call: GrantCall, applicant) -> Application:
    """The person's application to this call, made on first use. A co-applicant without an
    application of their own works on the draft they were invited to."""
    application = Application.objects.filter(call=call, applicant=applicant).first()
    if application is not None:
        application.call = call  # the caller's: one query less
        return _with_questions(application)
    return application_joined_or_started(call=call, applicant=applicant)


def application_joined_or_started(*, call: GrantCall, applicant) -> Application:
    """For someone with no application of their own to this call: the draft they were invited
    to as a co-applicant, or a new one of their own."""
    invited = (
        Application.objects.filter(
            call=call,
            status=Application.Status.DRAFT,
            co_applicants__in=co_applicant_invitations(applicant),
        )
        .order_by("created_at")
        .first()
    )
    if invited is not None:
        invited.call = call
        return _with_questions(invited)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                call=call, applicant=applicant, questions_version_id=call.questions_in_force_id
            )
            audit_record(actor=applicant, action="application.started", target=application)
            return application
    except IntegrityError:  # started at the same moment in another tab
        return Application.objects.get(call=call, applicant=applicant)


def _with_questions(application: Application) -> Application:
    """A draft keeps the version of the questions it started with. One started before the call
    had questions answers the version in force when it is next opened."""
    if application.questions_version_id is None and application.is_draft:
        in_force = application.call.questions_in_force_id
        if in_force is not None:
            Application.objects.filter(pk=application.pk, questions_version=None).update(
                questions_version_id=in_force
            )
            application.refresh_from_db(fields=["questions_version"])
    return application


def application_save_step(
    *,
    application: Application,
    step: str,
    data: dict,
    version: int,
    actor,
    complete=True,
    wizard_state: dict | None = None,
) -> Application:
    """Write one wizard step to the draft. `version` is the one the form was shown with: if the
    draft moved on since (another tab, another device) nothing is written.

    A valid step is `complete`. "Save and finish later" on a half-filled step writes only the
    answers that are valid on their own (`complete=False`): the step is not done, and the
    rest of what was typed waits in the wizard's state (`wizard_state`) for the next visit.
    The wizard passes its state as it will be after this step, written in the same statement."""
    if step not in STEP_FIELDS:
        raise ValueError(step)
    row_only = complete and _is_row_only(application, step)
    if row_only and _saved_in_place(application, step, data, version, wizard_state):
        return application
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        if not current.is_editable:
            raise NotAllowed()
        if current.version != version:
            raise StaleDraft()
        if complete:
            _write_step(current, step, data, actor)
        else:
            for field in STEP_FIELDS[step]:
                if field in data:
                    setattr(current, field, data[field])
            if step == "answers" and "answers" in data:
                _link_answer_files(current, actor)
        if not current.is_draft:  # answers staff asked for: the ranking shows the title
            ranking_touch(current.call_id, applications=[current.pk])
        done = {*current.completed_steps, step} if complete else {*current.completed_steps} - {step}
        current.completed_steps = [s for s in STEPS if s in done]
        current.version = version + 1  # the row is locked: no one else moved it
        fields = _STEP_SAVED_FIELDS
        if wizard_state is not None:
            current.wizard_state = wizard_state
            fields = [*fields, "wizard_state"]
        current.save(update_fields=fields)
    return current


_STEP_SAVED_FIELDS = [
    f.name for f in Application._meta.concrete_fields if f.name not in {"id", "wizard_state"}
]
# Steps whose answers are columns of the draft row and nothing else (no co-applicants, budget
# lines or files): saved by one conditional UPDATE, the step saved most often in a deadline rush.
_ROW_ONLY_STEPS = {"eligibility", "project", "review"}


def _is_row_only(application: Application, step: str) -> bool:
    """The call's own questions are row-only too when none of them asks for a file."""
    if step == "answers":
        return not any(question.kind == "file" for question in questions_of(application))
    return step in _ROW_ONLY_STEPS


def _saved_in_place(
    application: Application, step: str, data: dict, version: int, wizard_state: dict | None
) -> bool:
    """Write a row-only step of a draft in one statement, or do nothing and say so. The row must
    still be the draft at `version` that the caller loaded (every save moves the version on), so
    the steps done are the caller's plus this one; otherwise the locked path below decides
    (a stale version, a submitted application)."""
    if not application.is_draft or application.version != version:
        return False
    values = {field: data.get(field) for field in STEP_FIELDS[step]}
    if step == "answers":
        values["answers"] = values["answers"] or {}
    if wizard_state is not None:
        values["wizard_state"] = wizard_state
    done = {*application.completed_steps, step}
    completed = [s for s in STEPS if s in done]
    now = timezone.now()
    written = Application.objects.filter(
        pk=application.pk, version=version, status=Application.Status.DRAFT
    ).update(**values, completed_steps=completed, version=version + 1, updated_at=now)
    if not written:
        return False
    for field, value in {**values, "completed_steps": completed, "updated_at": now}.items():
        setattr(application, field, value)
    application.version = version + 1
    return True


def _write_step(application, step, data, actor) -> None:
    for field in STEP_FIELDS[step]:
        setattr(application, field, data.get(field))
    if step == "team":
        _set_co_applicants(application, data.get("co_applicants", []))
    if step == "budget":
        _set_budget(application, data.get("lines", []))
    if step == "documents":
        _attach(application, data.get("attachment_ids", []), actor)
    if step == "answers":
        application.answers = data.get("answers") or {}
        _link_answer_files(application, actor)


def _link_answer_files(application, actor) -> None:
    """The files answering questions belong to the draft; a replaced one no longer does."""
    ids = [
        value["attachment"]
        for value in (application.answers or {}).values()
        if isinstance(value, dict) and "attachment" in value
    ]
    answer_files = Attachment.objects.filter(kind=Attachment.Kind.ANSWER)
    answer_files.filter(application=application).exclude(pk__in=ids).update(application=None)
    answer_files.filter(pk__in=ids, uploaded_by=actor, application__isnull=True).update(
        application=application
    )


def _set_co_applicants(application, emails):
    wanted = {email.lower() for email in emails}
    existing = set(application.co_applicants.values_list("email", flat=True))
    new = sorted(wanted - existing)
    # Each new co-applicant gets an email: removing and adding people must not send without end.
    if new and not rate_consume(
        scope="grants-invite", key=application.pk, limit=INVITATIONS_PER_HOUR, cost=len(new)
    ):
        raise TooManyInvitations()
    application.co_applicants.exclude(email__in=wanted).delete()
    CoApplicant.objects.bulk_create(CoApplicant(application=application, email=e) for e in new)
    for email in new:
        _queue_invitation(application, email)


def _queue_invitation(application: Application, email: str) -> None:
    applicant = application.applicant
    with translation.override(applicant.preferred_language):
        context = {
            "application": application,
            "applicant": applicant,
            "call": application.call,
            "link": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("grants:apply", kwargs={"slug": application.call.slug}),
        }
        subject = render_to_string("grants/email/invitation_subject.txt", context).strip()
        body = render_to_string("grants/email/invitation_message.txt", context)
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=[email]))


def _set_budget(application, lines):
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(
            application=application,
            position=position,
            description=line["description"],
            category=line["category"],
            amount=line["amount"],
        )
        for position, line in enumerate(lines)
    )


def _attach(application, attachment_ids, actor):
    Attachment.objects.filter(application=application).exclude(kind=Attachment.Kind.ANSWER).exclude(
        pk__in=attachment_ids
    ).update(application=None)
    Attachment.objects.filter(
        pk__in=attachment_ids, uploaded_by=actor, application__isnull=True
    ).update(application=application)


def attachments_hold(*, application: Application, attachments, actor) -> None:
    """Put the person's fresh uploads with the draft at once (its documents step was refused for
    another file): they are then not abandoned. Nothing else of the draft changes."""
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        if not current.is_editable:
            raise NotAllowed()
        Attachment.objects.filter(
            pk__in=[a.pk for a in attachments], uploaded_by=actor, application__isnull=True
        ).update(application=current)


def attachment_store(*, uploaded_by, kind: str, upload) -> Attachment:
    """Check an uploaded file and put it at once in private storage. It belongs to no
    application until its step is saved; abandoned ones are removed by a periodic task."""
    checked = check_upload(upload)
    name = upload.name.rsplit("/", 1)[-1][:150]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    try:
        attachment = Attachment(
            uploaded_by=uploaded_by,
            kind=kind,
            original_name=f"{stem}.{checked.extension}",
            content_type=checked.content_type,
            size=len(checked.content),
        )
        attachment.file.save(
            f"upload.{checked.extension}", ContentFile(checked.content), save=False
        )
        attachment.save()
    except (BotoCoreError, ClientError, OSError) as error:
        logger.warning("upload failed: %s", error)
        raise StorageUnavailable() from None
    return attachment


def attachments_delete_abandoned(*, older_than) -> int:
    """Remove uploads that never joined an application (the applicant left or replaced them)."""
    abandoned = Attachment.objects.filter(application__isnull=True, created_at__lt=older_than)
    count = 0
    for attachment in abandoned:
        attachment.file.delete(save=False)
        attachment.delete()
        count += 1
    return count


def application_submit(*, application: Application, user, now=None) -> Application:
    """Submit a draft: the deadline, the person and every answer are checked again; the
    application gets its reference; the applicant gets an email in their language."""
    now = now or timezone.now()
    with transaction.atomic():
        current = (
            Application.objects.select_for_update().select_related("call").get(pk=application.pk)
        )
        call = current.call
        if current.applicant_id != user.pk or not APPLICATION.can_move(
            current.status, Application.Status.SUBMITTED, APPLICANT
        ):
            raise NotAllowed()
        # Staff asked for more information: the answer may come after the deadline.
        resubmission = current.status == Application.Status.MORE_INFO
        if not resubmission and not call.has_opened(now):
            raise CallNotOpen()
        if not resubmission and call.has_closed(now):
            raise CallClosed()
        participation = can_participate(user, min_age=call.min_age, max_age=call.max_age)
        if not participation:
            raise NotAllowed(participation.reason)
        problems = application_problems(current)
        if problems:
            raise IncompleteApplication(problems)
        if not resubmission:
            current.reference = _next_reference(now.year)
            current.submitted_at = now
        APPLICATION.move(current, Application.Status.SUBMITTED, APPLICANT)
        ranking_touch(call.pk, applications=[current.pk])
        current.version = F("version") + 1
        current.save()
        current.refresh_from_db(fields=["version"])
        audit_record(
            actor=user,
            action="application.resubmitted" if resubmission else "application.submitted",
            target=current,
            data={"reference": current.reference},
        )
        _queue_confirmation(current, user)
    return current


def _next_reference(year: int) -> str:
    ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"YC-{year}-{counter.last_number:04d}"


def _queue_confirmation(application: Application, user) -> None:
    with translation.override(user.preferred_language):
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "grants:application", args=[application.pk]
        )
        context = {"application": application, "user": user, "call": application.call, "link": link}
        subject = render_to_string("grants/email/submitted_subject.txt", context).strip()
        body = render_to_string("grants/email/submitted_message.txt", context)
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=[user.email]))


def application_withdraw(*, application: Application, user, now=None) -> Application:
    now = now or timezone.now()
    with transaction.atomic():
        current = (
            Application.objects.select_for_update().select_related("call").get(pk=application.pk)
        )
        if current.applicant_id != user.pk or not APPLICATION.can_move(
            current.status, Application.Status.WITHDRAWN, APPLICANT
        ):
            raise NotAllowed()
        if current.status == Application.Status.SUBMITTED and current.call.has_closed(now):
            raise CallClosed(
                translation.gettext(
                    "The deadline has passed: the application can no longer be withdrawn."
                )
            )
        APPLICATION.move(current, Application.Status.WITHDRAWN, APPLICANT)
        current.withdrawn_at = now
        current.save(update_fields=["status", "withdrawn_at", "updated_at"])
        ranking_touch(current.call_id, applications=[current.pk])
        audit_record(actor=user, action="application.withdrawn", target=current)
    return current


def application_links_set(*, application: Application, workshop, serves, actor) -> Application:
    """Programme staff record where a project came from and which city commitment it serves."""
    require_role(actor, PROGRAMME_STAFF)
    with transaction.atomic():
        application.workshop = workshop
        application.serves = serves
        application.save(update_fields=["workshop", "serves", "updated_at"])
        audit_record(
            actor=actor,
            action="application.links_set",
            target=application,
            data={
                "workshop": workshop.pk if workshop else None,
                "serves": serves.pk if serves else None,
            },
        )
    return application


def applications_withdraw_after_guardian(*, user, now=None) -> list[Application]:
    """A guardian withdrew their consent: the young person's applications still under review
    are withdrawn (whatever the deadline) and programme staff are told, with what could not be
    withdrawn (a shortlisted one waits for their decision)."""
    from youthcities.accounts.selectors import users_with_role
    from youthcities.notify import notify

    now = now or timezone.now()
    S = Application.Status
    withdrawn = []
    for application in Application.objects.select_for_update().filter(
        applicant=user, status__in=[S.SUBMITTED, S.MORE_INFO]
    ):
        APPLICATION.move(application, S.WITHDRAWN, APPLICANT)
        application.withdrawn_at = now
        application.save(update_fields=["status", "withdrawn_at", "updated_at"])
        ranking_touch(application.call_id, applications=[application.pk])
        audit_record(
            actor=None,
            action="application.withdrawn_guardian",
            target=application,
        )
        withdrawn.append(application)
    shortlisted = list(Application.objects.filter(applicant=user, status=S.SHORTLISTED))
    if withdrawn or shortlisted:
        notify(
            users_with_role(PROGRAMME_STAFF),
            "grants/email/guardian_withdrew",
            {
                "withdrawn": [a.reference for a in withdrawn],
                "shortlisted": [a.reference for a in shortlisted],
            },
        )
    return withdrawn


def on_guardian_consent_withdrawn(sender, *, user, consent, **kwargs) -> None:
    applications_withdraw_after_guardian(user=user)
