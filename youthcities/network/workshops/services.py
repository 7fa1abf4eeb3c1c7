"""Taking part in workshops and the municipal loop: registration with a waiting list, youth
recommendations, official answers, commitments and their progress. Each change is one
function, in a transaction, with an audit entry; each checks who may make it."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.accounts.selectors import can_participate, has_role
from youthcities.audit.services import audit_record
from youthcities.errors import ServiceError
from youthcities.network.cities.selectors import city_of_staff
from youthcities.network.follows.services import notify_followers
from youthcities.network.workshops.models import (
    Answer,
    Attendance,
    Commitment,
    ProgressUpdate,
    Recommendation,
    Registration,
    Workshop,
)


class NetworkError(ServiceError):
    pass


def _refuse(message: str):
    raise NetworkError(message)


# --- Registration ----------------------------------------------------------------------------


def workshop_register(*, workshop: Workshop, user, today: datetime.date | None = None):
    """A young person registers; when the places are taken they join the waiting list."""
    today = today or timezone.localdate()
    participation = can_participate(user)
    if not participation:
        _refuse(participation.reason)
    if not workshop.registration_open(today):
        _refuse(_("This workshop has already started: registration is closed."))
    with transaction.atomic():
        # The workshop row lock makes "is there a place?" and "take it" one step.
        locked = Workshop.objects.select_for_update().get(pk=workshop.pk)
        existing = Registration.objects.filter(workshop=locked, user=user).first()
        if existing and existing.status != Registration.Status.CANCELLED:
            return existing
        taken = Registration.objects.filter(
            workshop=locked, role=Registration.Role.YOUTH, status=Registration.Status.REGISTERED
        ).count()
        status = (
            Registration.Status.REGISTERED
            if taken < locked.capacity
            else Registration.Status.WAITING
        )
        if existing:
            existing.status = status
            existing.save(update_fields=["status"])
            registration = existing
        else:
            registration = Registration.objects.create(workshop=locked, user=user, status=status)
        audit_record(actor=user, action=f"workshop.{status}", target=registration)
    return registration


def registration_cancel(*, registration: Registration, user) -> Registration:
    """Cancel a place; the first person waiting takes it."""
    if registration.user_id != user.pk:
        _refuse(_("You cannot do this."))
    with transaction.atomic():
        Workshop.objects.select_for_update().get(pk=registration.workshop_id)
        current = Registration.objects.get(pk=registration.pk)
        had_place = current.status == Registration.Status.REGISTERED
        current.status = Registration.Status.CANCELLED
        current.save(update_fields=["status"])
        audit_record(actor=user, action="workshop.cancelled", target=current)
        if had_place and current.role == Registration.Role.YOUTH:
            waiting = Registration.objects.filter(
                workshop_id=current.workshop_id, status=Registration.Status.WAITING
            ).first()
            if waiting:
                waiting.status = Registration.Status.REGISTERED
                waiting.save(update_fields=["status"])
                audit_record(actor=None, action="workshop.promoted", target=waiting)
    return current


def municipal_invite(*, workshop: Workshop, user, actor) -> Registration:
    """Programme staff invite a municipal decision maker (they take no young person's place)."""
    if not has_role(actor, PROGRAMME_STAFF):
        _refuse(_("You cannot do this."))
    with transaction.atomic():
        registration, _created = Registration.objects.update_or_create(
            workshop=workshop,
            user=user,
            defaults={
                "role": Registration.Role.MUNICIPAL,
                "status": Registration.Status.REGISTERED,
            },
        )
        audit_record(actor=actor, action="workshop.municipal_invited", target=registration)
    return registration


# --- Recommendations, answers, commitments ---------------------------------------------------


def recommendation_create(
    *, workshop: Workshop, author, title: str, text: str, theme: str, department: str
) -> Recommendation:
    """A young participant of the workshop writes a recommendation to the city."""
    registered = Registration.objects.filter(
        workshop=workshop,
        user=author,
        role=Registration.Role.YOUTH,
        status=Registration.Status.REGISTERED,
    ).exists()
    if not registered:
        _refuse(_("Only the workshop's young participants can write its recommendations."))
    participation = can_participate(author)
    if not participation:
        _refuse(participation.reason)
    with transaction.atomic():
        recommendation = Recommendation.objects.create(
            workshop=workshop,
            author=author,
            title=title.strip(),
            text=text.strip(),
            theme=theme,
            department=department.strip(),
        )
        audit_record(actor=author, action="recommendation.created", target=recommendation)
        notify_followers(
            kind="recommendation",
            data={"title": recommendation.title},
            link=f"/workshops/{workshop.slug}/",
            city=workshop.city,
            workshop=workshop,
        )
    return recommendation


def _speaks_for(actor, city_id: int) -> bool:
    city = city_of_staff(actor)
    return city is not None and city.pk == city_id


def recommendation_answer(
    *,
    recommendation: Recommendation,
    actor,
    decision: str,
    explanation: str,
    owner: str = "",
    due_on: datetime.date | None = None,
    milestones: str = "",
) -> Answer:
    """The city's official answer. Accepting makes a commitment (owner, due date, milestones)."""
    if not _speaks_for(actor, recommendation.city_id):
        _refuse(_("Only the municipal staff of this city can answer it."))
    if decision not in Answer.Decision.values:
        _refuse(_("Choose an answer."))
    if not explanation.strip():
        _refuse(_("Explain the answer: the public reads it."))
    accepted = decision == Answer.Decision.ACCEPTED
    if accepted and (not owner.strip() or due_on is None):
        _refuse(_("An accepted recommendation needs a responsible department and a due date."))
    with transaction.atomic():
        current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        if not accepted and Commitment.objects.filter(recommendation=current).exists():
            _refuse(_("The city has committed to this: post progress on the commitment instead."))
        answer, _created = Answer.objects.update_or_create(
            recommendation=current,
            defaults={
                "decision": decision,
                "explanation": explanation.strip(),
                "answered_by": actor,
            },
        )
        if accepted:
            Commitment.objects.update_or_create(
                recommendation=current,
                defaults={
                    "city_id": current.city_id,
                    "owner": owner.strip(),
                    "due_on": due_on,
                    "milestones": milestones.strip(),
                },
            )
        audit_record(actor=actor, action=f"recommendation.{decision}", target=current)
        notify_followers(
            kind="answer",
            data={"title": current.title, "decision": decision, "city": current.city.name},
            link=f"/cities/{current.city.slug}/",
            city=current.city,
            workshop=current.workshop,
        )
    return answer


def commitment_progress(*, commitment: Commitment, actor, percent: int, note: str = ""):
    """Municipal staff post progress. Going back needs a note that says why."""
    if not _speaks_for(actor, commitment.city_id):
        _refuse(_("Only the municipal staff of this city can update it."))
    if percent is None or not 0 <= percent <= 100:
        _refuse(_("Progress is a percentage from 0 to 100."))
    with transaction.atomic():
        current = Commitment.objects.select_for_update().get(pk=commitment.pk)
        if percent < current.progress and not note.strip():
            _refuse(_("Progress went back: add a note that explains why."))
        update = ProgressUpdate.objects.create(
            commitment=current, percent=percent, note=note.strip(), posted_by=actor
        )
        current.progress = percent
        current.save(update_fields=["progress"])
        audit_record(
            actor=actor, action="commitment.progress", target=current, data={"percent": percent}
        )
        recommendation = current.recommendation
        notify_followers(
            kind="progress",
            data={"title": recommendation.title, "percent": percent},
            link=f"/cities/{current.city.slug}/commitments/",
            city=current.city,
            workshop=recommendation.workshop,
            commitment=current,
        )
    return update


def attendance_set(*, registration: Registration, days: list[datetime.date], actor) -> None:
    """Record exactly these days as attended by this participant (staff tick them in a grid)."""
    if not has_role(actor, PROGRAMME_STAFF):
        _refuse(_("You cannot do this."))
    workshop = registration.workshop
    if any(not workshop.holds(day) for day in days):
        _refuse(_("That day is not one of the workshop's days."))
    with transaction.atomic():
        kept = set(days)
        stored = set(registration.attendance.values_list("day", flat=True))
        Attendance.objects.filter(registration=registration, day__in=stored - kept).delete()
        Attendance.objects.bulk_create(
            Attendance(registration=registration, day=day) for day in sorted(kept - stored)
        )
        if kept != stored:
            audit_record(
                actor=actor,
                action="workshop.attendance_set",
                target=registration,
                data={"days": [day.isoformat() for day in sorted(kept)]},
            )
