"""Counterpart introductions of the demo, one in each state, all through the hub's services:
asked, offered (to municipal@example.org: its answer page is theirs), introduced a month ago and
waiting for "did you connect?", declined, and introduced with its outcome noted."""

import datetime

from django.utils import timezone

from hub.introductions.models import Introduction
from hub.introductions.selectors import counterparts_in
from hub.introductions.services import (
    introduction_answer,
    introduction_ask,
    introduction_note_outcome,
    introduction_offer,
)
from youthcities.accounts.models import User
from youthcities.network.cities.models import City

# requester, city, what they want to learn, state, counterpart (None: the city's first), outcome
INTRODUCTIONS = [
    (
        "saida.officer@example.org",
        "dakar",
        "How your neighbourhood workshops bring young people and the police to one table.",
        "asked",
        None,
        "",
    ),
    (
        "saida.officer@example.org",
        "zarqa",
        "How you trained young presenters for the youth radio, and what it cost.",
        "offered",
        "municipal@example.org",
        "",
    ),
    (
        "municipal@example.org",
        "saida",
        "How the mentoring pillar of your youth strategy pairs young people with staff.",
        "introduced",
        "saida.officer@example.org",
        "",
    ),
    (
        "saida.officer@example.org",
        "mombasa",
        "How your youth council chooses its members.",
        "declined",
        None,
        "",
    ),
    (
        "municipal@example.org",
        "tripoli",
        "How you ran the counter-narrative campaign with the schools.",
        "introduced",
        None,
        "joint_project",
    ),
]
A_MONTH_AGO = datetime.timedelta(days=35)


def seed_introductions() -> None:
    staff = User.objects.get(email="staff@example.org")
    for row in INTRODUCTIONS:
        _introduction(row, staff)


def _introduction(row, staff) -> None:
    email, slug, wish, state, counterpart_email, outcome = row
    requester = User.objects.filter(email=email).first()
    city = City.objects.filter(slug=slug).first()
    if requester is None or city is None:
        return
    if Introduction.objects.filter(requester=requester, city=city, wish=wish).exists():
        return
    if counterpart_email:
        counterpart = User.objects.get(email=counterpart_email)
    else:
        counterpart = counterparts_in(city).exclude(pk=requester.pk).first()
    if state != "asked" and counterpart is None:
        return
    introduction = introduction_ask(requester=requester, city=city, wish=wish)
    if state == "asked":
        return
    introduction_offer(introduction=introduction, actor=staff, counterpart=counterpart)
    if state == "offered":
        return
    introduction_answer(introduction=introduction, user=counterpart, accept=state == "introduced")
    # Answered a month ago, so "did you connect?" is due (or was asked, and answered).
    Introduction.objects.filter(pk=introduction.pk).update(answered_at=timezone.now() - A_MONTH_AGO)
    if outcome:
        introduction_note_outcome(introduction=introduction, user=requester, outcome=outcome)
