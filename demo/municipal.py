"""The Zarqa officer's work in the demo (municipal@example.org): a past policy workshop in
Zarqa whose young participants wrote three recommendations; the city accepted one (a
commitment at 30 %) and two wait for an answer. Safe to run again."""

import datetime

from django.utils import timezone

from demo.network import DESCRIPTIONS, FACILITATORS, TITLES
from youthcities.accounts.models import User
from youthcities.network.cities.models import City
from youthcities.network.workshops.models import Registration, Workshop, WorkshopSession
from youthcities.network.workshops.services import (
    commitment_progress,
    recommendation_answer,
    recommendation_create,
)

SLUG = "policy-workshop-zarqa-answers"
ZARQA_RECOMMENDATIONS = [
    (
        "Night buses to the youth centre",
        "Run a bus from the eastern districts to the youth centre until 10 pm, so that girls "
        "can come to evening activities safely.",
        "inclusion",
        "Transport",
    ),
    (
        "A counter-speech club in every secondary school",
        "Give each secondary school a room and a trained teacher one afternoon a week for "
        "students who answer hate online with their own stories.",
        "hate_speech",
        "Education",
    ),
    (
        "Open the stadium's hall for youth meetings",
        "Let youth groups book the stadium's hall for free on weekday evenings.",
        "civic_participation",
        "Sports and youth",
    ),
]


def seed_municipal() -> None:
    if Workshop.objects.filter(slug=SLUG).exists():
        return
    officer = User.objects.filter(email="municipal@example.org").first()
    zarqa = City.objects.filter(slug="zarqa").first()
    lab = Workshop.objects.filter(city=zarqa).order_by("starts_on").first()
    if officer is None or zarqa is None or lab is None:
        return
    today = timezone.localdate()
    starts = today - datetime.timedelta(days=21)
    en, fr, ar = TITLES["policy_workshop"]
    description_en, description_fr, description_ar = DESCRIPTIONS["policy_workshop"]
    facilitators_en, facilitators_fr, facilitators_ar = FACILITATORS
    workshop = Workshop.objects.create(
        slug=SLUG,
        kind="policy_workshop",
        city=zarqa,
        title_en=f"{en}, {zarqa.name}",
        title_fr=f"{fr}, {zarqa.name_fr or zarqa.name}",
        title_ar=f"{ar}، {zarqa.name_ar or zarqa.name}",
        description_en=description_en,
        description_fr=description_fr,
        description_ar=description_ar,
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=2),
        venue=f"Youth centre of {zarqa.name}",
        facilitators_en=facilitators_en,
        facilitators_fr=facilitators_fr,
        facilitators_ar=facilitators_ar,
        capacity=12,
    )
    for day in range(3):
        WorkshopSession.objects.create(
            workshop=workshop,
            day=starts + datetime.timedelta(days=day),
            starts_at=datetime.time(9, 30),
            title_en=f"Day {day + 1}",
            title_fr=f"Jour {day + 1}",
            title_ar=f"اليوم {day + 1}",
            sort_order=day,
        )
    # The young people of Zarqa's lab came back for the policy workshop.
    young = [
        r.user
        for r in lab.registrations.filter(role=Registration.Role.YOUTH).select_related("user")
    ][: len(ZARQA_RECOMMENDATIONS)]
    Registration.objects.bulk_create(
        Registration(workshop=workshop, user=person, status="registered") for person in young
    )
    made = [
        recommendation_create(
            workshop=workshop,
            author=author,
            title=title,
            text=text,
            theme=theme,
            department=department,
        )
        for author, (title, text, theme, department) in zip(
            young, ZARQA_RECOMMENDATIONS, strict=False
        )
    ]
    if not made:
        return
    # The last one is accepted, with a commitment to update; the first two wait for an answer.
    recommendation_answer(
        recommendation=made[-1],
        actor=officer,
        decision="accepted",
        explanation="The hall is free for youth groups from next month, Sunday to Thursday.",
        owner="Sports and youth",
        due_on=today + datetime.timedelta(days=60),
        milestones="Booking rules agreed\nFirst bookings\nA review with the youth council",
    )
    commitment_progress(
        commitment=made[-1].commitment,
        actor=officer,
        percent=30,
        note="Booking rules agreed with the youth council.",
    )
