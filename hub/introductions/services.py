"""Every change of an introduction: asked → offered → introduced or declined → outcome noted.
Nobody's contact leaves the portal until both sides agreed."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from hub.errors import (
    AlreadyDecided,
    IntroductionOpen,
    NoCityToSpeakFor,
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

from .models import CounterpartContact, Introduction
from .selectors import counterparts_in, member_city, organisation_of


def introduction_ask(*, requester, city, wish: str, about=None) -> Introduction:
    """A member asks to be put in touch with someone in another member city, about the city or
    one of its initiatives (`about`: an `Initiative` of that city). `introduction_route` sends it
    on: to a contact who takes requests directly, else to programme staff."""
    if not is_member(requester):
        raise NotMember()
    if about is not None and about.city_id != city.pk:
        raise NotAllowed()
    own = member_city(requester)
    if own is not None and own.pk == city.pk:
        raise OwnCity()
    try:
        with transaction.atomic():
            introduction = Introduction.objects.create(
                requester=requester,
                requester_city=own,
                city=city,
                wish=wish.strip(),
                about_kind=about.kind if about else "",
                about_id=about.pk if about else None,
                about_title=about.title[:200] if about else "",
            )
            audit_record(
                actor=requester,
                action="hub.introduction_asked",
                target=introduction,
                data={"city": city.pk, "about": [introduction.about_kind, introduction.about_id]},
            )
            introduction_route(introduction=introduction)
    except IntegrityError:  # the one-open constraint: a second tab, a double click
        raise IntroductionOpen() from None
    return introduction


def introduction_route(*, introduction) -> Introduction:
    """The one place that decides where a new request goes. A contact of the city who opted in
    to take requests directly (the earliest to opt in, never the requester) is offered it at
    once, as if staff had picked them; otherwise programme staff are told and pick. Runs inside
    `introduction_ask`'s transaction, on the request it just created."""
    direct = (
        CounterpartContact.objects.filter(city_id=introduction.city_id, takes_requests=True)
        .exclude(user_id=introduction.requester_id)
        .filter(user__in=counterparts_in(introduction.city))
        .select_related("user")
        .first()
    )
    if direct is None:
        notify(
            list(users_with_role(PROGRAMME_STAFF)),
            "hub/email/introduction_asked",
            {"introduction": introduction},
            link=("hub_admin:introductions", []),
        )
        return introduction
    return _offer(introduction, direct.user, by=None, action="hub.introduction_offered_directly")


def _offer(introduction, counterpart, *, by, action: str) -> Introduction:
    """Offer a request to a counterpart (picked by staff `by`, or straight to a contact who
    takes requests: `by` None): recorded, audited, and the counterpart asked by email."""
    introduction.status = Introduction.Status.OFFERED
    introduction.counterpart = counterpart
    introduction.offered_by = by
    introduction.offered_at = timezone.now()
    introduction.save(update_fields=["status", "counterpart", "offered_by", "offered_at"])
    audit_record(actor=by, action=action, target=introduction, data={"counterpart": counterpart.pk})
    notify(
        [counterpart],
        "hub/email/introduction_offered",
        {"introduction": introduction},
        link=("hub:introduction_answer", [introduction.token]),
    )
    return introduction


def contact_opt_in(*, user, role: str, takes_requests: bool) -> CounterpartContact:
    """A municipal officer or member becomes a counterpart contact of the city they work for
    (or changes their role or whether requests come straight to them)."""
    if not is_member(user):
        raise NotMember()
    city = member_city(user)
    if city is None:
        raise NoCityToSpeakFor()
    with transaction.atomic():
        contact, created = CounterpartContact.objects.update_or_create(
            user=user,
            defaults={"city": city, "role": role.strip(), "takes_requests": bool(takes_requests)},
        )
        audit_record(
            actor=user,
            action="hub.contact_opted_in" if created else "hub.contact_changed",
            target=contact,
            data={"city": city.pk, "takes_requests": contact.takes_requests},
        )
    return contact


def contact_opt_out(*, user) -> None:
    """No longer a contact: gone from the city's page, and requests wait for staff again.
    Requests already offered to them stay theirs to answer."""
    with transaction.atomic():
        contact = CounterpartContact.objects.select_for_update().filter(user=user).first()
        if contact is None:
            return
        audit_record(
            actor=user,
            action="hub.contact_opted_out",
            target=contact,
            data={"city": contact.city_id},
        )
        contact.delete()


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
        return _offer(current, counterpart, by=actor, action="hub.introduction_offered")


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
