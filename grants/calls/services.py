"""Calls: the version their cached ranking is read at, the one unlock of a scored rubric, and
the versions of a call's own questions."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from grants.calls.models import CallQuestions, GrantCall
from grants.calls.questions import questions_definition
from grants.calls.signals import ranking_changed
from grants.errors import NotAllowed
from grants.permissions import require_role
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.audit.services import audit_record


def ranking_touch(call_id: int, *, applications=(), reviewers=(), whole: bool = False) -> None:
    """The ranking of a call is cached; every change it shows bumps the call's version, inside
    the transaction of the change, so that a cached ranking is never read after it. The review
    floor brings its score table up to date in the same transaction (`ranking_changed`): name
    the applications (and the reviewers whose scores) the change concerns."""
    GrantCall.objects.filter(pk=call_id).update(ranking_version=F("ranking_version") + 1)
    ranking_changed.send(
        sender=GrantCall,
        call_id=call_id,
        applications=list(applications),
        reviewers=list(reviewers),
        whole=whole,
    )


def rubric_unlock(*, call: GrantCall, actor, reason: str) -> GrantCall:
    """Allow one change of a rubric that already has scores. Submitted reviews are re-scored
    with the new weights when the change is saved (`rubric_changed`)."""
    require_role(actor, PROGRAMME_STAFF)
    if not reason.strip():
        raise NotAllowed(_("Give a reason for unlocking the rubric."))
    with transaction.atomic():
        call = GrantCall.objects.select_for_update().get(pk=call.pk)
        call.rubric_unlocked_at = timezone.now()
        call.save(update_fields=["rubric_unlocked_at"])
        audit_record(actor=actor, action="rubric.unlocked", target=call, data={"reason": reason})
    return call


def _put_in_force(call: GrantCall, version: CallQuestions) -> None:
    GrantCall.objects.filter(pk=call.pk).update(questions_in_force=version)
    call.questions_in_force = version


def call_questions_publish(*, call: GrantCall, actor) -> CallQuestions | None:
    """Make the call's questions (its StreamField, as saved) the ones new drafts answer. The
    latest version is changed in place while no application answers it; once one does, a new
    version is made and the drafts keep theirs. None while the call never had questions."""
    definition = questions_definition(call.questions)
    with transaction.atomic():
        locked = GrantCall.objects.select_for_update().get(pk=call.pk)  # one publisher at a time
        latest = CallQuestions.objects.filter(call=call).order_by("-number").first()
        if latest is None and not definition:
            return None
        if latest is not None and latest.definition == definition:
            if locked.questions_in_force_id != latest.pk:  # a stale save wrote an older one
                _put_in_force(call, latest)
            return latest
        if latest is not None and not latest.applications.exists():
            latest.definition = definition
            latest.save(update_fields=["definition"])
            version = latest
        else:
            version = CallQuestions.objects.create(
                call=call, number=(latest.number + 1) if latest else 1, definition=definition
            )
        _put_in_force(call, version)
        audit_record(
            actor=actor,
            action="call.questions_published",
            target=call,
            data={"version": version.number, "questions": len(definition)},
        )
    return version
