"""Every change of an introduction: asked → offered → introduced or declined → outcome noted.
Nobody's contact leaves the portal until both sides agreed."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from hub.errors import (
    AlreadyDecided,
    IntroductionOpen,
    NotAllowed,
    NotCounterpart,
    NotMember,
    OwnCity,
)
from hub.selectors import is_member
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.accounts.selectors import has_role, users_with_role
from youthcities.audit.services import audit_record
from youthcities.notify import notify

from .models import Introduction
from .selectors import counterparts_in, member_city, organisation_of


def introduction_ask(*, requester, city, wish: str) -> Introduction:
    """A member asks to be put in touch with someone in another member city."""
    if not is_member(requester):
        raise NotMember()
    own = member_city(requester)
    if own is not None and own.pk == city.pk:
        raise OwnCity()
    try:
        with transaction.atomic():
            introduction = Introduction.objects.create(
                requester=requester, requester_city=own, city=city, wish=wish.strip()
            )
            audit_record(
                actor=requester,
                action="hub.introduction_asked",
                target=introduction,
                data={"city": city.pk},
            )
            notify(
                list(users_with_role(PROGRAMME_STAFF)),
                "hub/email/introduction_asked",
                {"introduction": introduction},
                link=("hub_admin:introductions", []),
            )
    except IntegrityError:  # the one-open constraint: a second tab, a double click
        raise IntroductionOpen() from None
    return introduction


def introduction_offer(*, introduction, actor, counterpart) -> Introduction:
    """Staff pick the counterpart; they are asked (by email, with a link) whether they agree."""
    if not has_role(actor, PROGRAMME_STAFF):
        raise NotAllowed()
    with transaction.atomic():
        current = Introduction.objects.select_for_update().get(pk=introduction.pk)
        if current.status != Introduction.Status.ASKED:
            raise AlreadyDecided()
        if (
            counterpart.pk == current.requester_id
            or not counterparts_in(current.city).filter(pk=counterpart.pk).exists()
        ):
            raise NotCounterpart()
        current.status = Introduction.Status.OFFERED
        current.counterpart = counterpart
        current.offered_by = actor
        current.offered_at = timezone.now()
        current.save(update_fields=["status", "counterpart", "offered_by", "offered_at"])
        audit_record(
            actor=actor,
            action="hub.introduction_offered",
            target=current,
            data={"counterpart": counterpart.pk},
        )
        notify(
            [counterpart],
            "hub/email/introduction_offered",
            {"introduction": current},
            link=("hub:introduction_answer", [current.token]),
        )
    return current


def _contact(user) -> dict:
    return {"name": user.display_name, "email": user.email, "organisation": organisation_of(user)}


def introduction_answer(*, introduction, user, accept: bool) -> Introduction:
    """The counterpart agrees (both get the other's contact, each in their language) or declines
    (the requester is told, without a name)."""
    with transaction.atomic():
        current = (
            Introduction.objects.select_for_update(of=("self",))
            .select_related("requester", "counterpart", "city")
            .get(pk=introduction.pk)
        )
        if current.counterpart_id != user.pk:
            raise NotAllowed()
        if current.status != Introduction.Status.OFFERED:
            raise AlreadyDecided()
        current.status = Introduction.Status.INTRODUCED if accept else Introduction.Status.DECLINED
        current.answered_at = timezone.now()
        current.save(update_fields=["status", "answered_at"])
        audit_record(
            actor=user,
            action="hub.introduction_accepted" if accept else "hub.introduction_declined",
            target=current,
        )
        if accept:
            requester, counterpart = current.requester, current.counterpart
            for person, other in ((requester, counterpart), (counterpart, requester)):
                notify(
                    [person],
                    "hub/email/introduction_made",
                    {"introduction": current, "contact": _contact(other)},
                    link=("hub:my_introductions", []),
                )
        else:
            notify(
                [current.requester],
                "hub/email/introduction_declined",
                {"introduction": current},
                link=("hub:my_introductions", []),
            )
    return current


def introduction_note_outcome(*, introduction, user, outcome: str) -> Introduction:
    """Either side says what came of it: an exchange visit, a shared document, a joint project,
    or nothing."""
    if outcome not in Introduction.Outcome.values:
        raise NotAllowed()
    with transaction.atomic():
        current = Introduction.objects.select_for_update().get(pk=introduction.pk)
        if user.pk not in (current.requester_id, current.counterpart_id):
            raise NotAllowed()
        if current.status != Introduction.Status.INTRODUCED:
            raise NotAllowed()
        if current.outcome:
            raise AlreadyDecided()
        current.outcome = outcome
        current.outcome_at = timezone.now()
        current.save(update_fields=["outcome", "outcome_at"])
        audit_record(
            actor=user,
            action="hub.introduction_outcome",
            target=current,
            data={"outcome": outcome},
        )
    return current
