"""Demo labs and workshops for `seed_demo`: past ones with their participants, recommendations,
the cities' answers and commitments at several stages, and upcoming ones to register for.
Past registrations are written directly (registration closes when a workshop starts);
everything after goes through the services."""

import datetime
import random

from django.utils import timezone

from demo import content
from youthcities.accounts.models import User
from youthcities.accounts.roles import MUNICIPAL
from youthcities.accounts.services import user_complete_profile, user_set_roles
from youthcities.network.cities.models import City, CityStaff
from youthcities.network.cities.services import city_upsert, organisation_upsert
from youthcities.network.workshops.models import Attendance, Registration, Workshop, WorkshopSession
from youthcities.network.workshops.services import (
    commitment_progress,
    recommendation_answer,
    recommendation_create,
)

PAST = [
    "irbid",
    "zarqa",
    "saida",
    "tripoli",
    "karak",
    "majdal-anjar",
    "mombasa",
    "dakar",
    "kumanovo",
    "tirana",
]
UPCOMING = [
    ("irbid", "policy_workshop", 12),
    ("zarqa", "innovation_lab", 20),
    ("dakar", "innovation_lab", 35),
]
YOUNG_PEOPLE = 100
DECISION_MAKERS = 30
TITLES = {
    "innovation_lab": (
        "Youth Innovation Lab",
        "Laboratoire d'innovation des jeunes",
        "مختبر الابتكار الشبابي",
    ),
    "policy_workshop": (
        "Youth Policy Workshop",
        "Atelier jeunesse et politiques locales",
        "ورشة الشباب والسياسات المحلية",
    ),
}
DESCRIPTIONS = {
    "innovation_lab": (
        "Two days in which young people design and launch a counter-narrative campaign.",
        "Deux jours pendant lesquels des jeunes conçoivent et lancent une campagne de contre-discours.",
        "يومان يصمّم فيهما الشباب حملةً مضادّةً لخطاب الكراهية ويطلقونها.",
    ),
    "policy_workshop": (
        "Three days in which young people and municipal leaders work on local policy together.",
        "Trois jours pendant lesquels des jeunes et des élus municipaux travaillent ensemble sur les politiques locales.",
        "ثلاثة أيام يعمل فيها الشباب وقادة البلدية معًا على السياسات المحلية.",
    ),
}
FACILITATORS = ("Young Cities team", "L’équipe Young Cities", "فريق «مدن شابة»")
RECOMMENDATIONS = [
    (
        "A youth council with its own budget",
        "Give the youth council a yearly budget it decides on, and publish how it is spent.",
        "inclusion",
        "Youth and sports",
    ),
    (
        "Safe online spaces in schools",
        "Train one teacher per school to answer online hate, with students as peer moderators.",
        "hate_speech",
        "Education",
    ),
    (
        "Open the cultural centre in the evening",
        "Keep the cultural centre open until 22:00 for youth-run activities across communities.",
        "polarisation",
        "Culture",
    ),
]
# (answer, explanation, progress steps), taken in turn: commitments end up at several stages
ANSWERS = [
    ("accepted", "The council will get a budget line from next year.", [20, 40]),
    ("accepted", "The education office will train teachers in two pilot schools.", [50, 100]),
    ("under_consideration", "The cost of evening staff is being studied; answer by spring.", None),
    ("accepted", "Agreed; work starts once the new budget year begins.", []),
]


def seed_network() -> None:
    """The network's cities and a few organisations in them."""
    for slug, name, country, region, languages in content.CITIES:
        city = City.objects.filter(slug=slug).first()
        if city is None:
            city_upsert(slug=slug, name=name, country=country, region=region, languages=languages)
    for name, kind, city_slug in content.ORGANISATIONS:
        organisation_upsert(name=name, kind=kind, city=City.objects.get(slug=city_slug))


def seed_workshops() -> None:
    if Workshop.objects.exists():
        return
    today = timezone.localdate()
    rng = random.Random(8)
    cities = {city.slug: city for city in City.objects.all()}
    young, makers = _participants(cities)
    for index, slug in enumerate(PAST):
        _past_workshop(index, cities[slug], young=young, makers=makers, today=today, rng=rng)
    for slug, kind, days in UPCOMING:
        _workshop(cities[slug], kind, today + datetime.timedelta(days=days), capacity=15)


def _participants(cities):
    """The young people and the municipal decision makers of the past workshops' cities."""
    young = [
        _person(f"youth{n:03d}@example.org", f"Youth {n}", 17 + n % 8, cities[PAST[n % 10]])
        for n in range(1, YOUNG_PEOPLE + 1)
    ]
    makers = [
        _person(f"decision{n:02d}@example.org", f"Decision maker {n}", 45, cities[PAST[n % 10]])
        for n in range(1, DECISION_MAKERS + 1)
    ]
    for maker in makers:
        user_set_roles(user=maker, roles=[MUNICIPAL], actor=None)
        CityStaff.objects.get_or_create(
            user=maker, defaults={"city": cities[PAST[int(maker.email[8:10]) % 10]]}
        )
    municipal = User.objects.filter(email="municipal@example.org").first()
    if municipal:
        CityStaff.objects.get_or_create(user=municipal, defaults={"city": cities["zarqa"]})
    return young, makers


def _past_workshop(index, city, *, young, makers, today, rng) -> None:
    """The index-th past workshop, its participants and their attendance; a policy workshop
    also has its recommendations, the city's answers and progress."""
    kind = "policy_workshop" if index % 2 == 0 else "innovation_lab"
    starts = today - datetime.timedelta(days=120 - index * 9)
    workshop = _workshop(city, kind, starts, capacity=12)
    participants = young[index * 10 : index * 10 + 10]
    registrations = Registration.objects.bulk_create(
        [Registration(workshop=workshop, user=p, status="registered") for p in participants]
        + [
            Registration(workshop=workshop, user=m, role="municipal", status="registered")
            for m in makers
            if m.city_staff.city_id == workshop.city_id
        ]
    )
    # Most came every day; every fourth person missed the last one.
    days = (workshop.ends_on - workshop.starts_on).days + 1
    Attendance.objects.bulk_create(
        Attendance(registration=registration, day=workshop.starts_on + datetime.timedelta(d))
        for number, registration in enumerate(registrations)
        for d in range(days if number % 4 else days - 1)
    )
    if kind == "policy_workshop":
        _recommendations_answered(workshop, participants, index=index, today=today, rng=rng)


def _recommendations_answered(workshop, participants, *, index, today, rng) -> None:
    officer = CityStaff.objects.filter(city=workshop.city).first().user
    for number, (title, text, theme, department) in enumerate(RECOMMENDATIONS):
        recommendation = recommendation_create(
            workshop=workshop,
            author=participants[number],
            title=title,
            text=text,
            theme=theme,
            department=department,
        )
        decision, explanation, steps = ANSWERS[(number + index) % len(ANSWERS)]
        recommendation_answer(
            recommendation=recommendation,
            actor=officer,
            decision=decision,
            explanation=explanation,
            owner=department,
            due_on=today + datetime.timedelta(days=rng.randint(60, 300)),
            milestones="Plan agreed\nBudget approved\nDone",
        )
        for percent in steps or []:
            commitment_progress(
                commitment=recommendation.commitment,
                actor=officer,
                percent=percent,
                note=f"{percent}%: on track.",
            )


def _person(email, name, age, city):
    user = User.objects.filter(email=email).first()
    if user:
        return user
    user = User.objects.create_user(email=email, password=None, display_name=name)
    today = timezone.localdate()
    user_complete_profile(
        user=user,
        display_name=name,
        legal_name="",
        preferred_language="ar",
        date_of_birth=today.replace(year=today.year - age, day=1) - datetime.timedelta(days=40),
        country=city.country,
        city=city.name,
        guardian_email="",
    )
    return user


def _workshop(city, kind, starts, capacity):
    days = 2 if kind == "innovation_lab" else 3
    en, fr, ar = TITLES[kind]
    description_en, description_fr, description_ar = DESCRIPTIONS[kind]
    facilitators_en, facilitators_fr, facilitators_ar = FACILITATORS
    workshop = Workshop.objects.create(
        slug=f"{kind.replace('_', '-')}-{city.slug}-{starts:%Y-%m}",
        kind=kind,
        city=city,
        title_en=f"{en}, {city.name}",
        title_fr=f"{fr}, {city.name_fr or city.name}",
        title_ar=f"{ar}، {city.name_ar or city.name}",
        description_en=description_en,
        description_fr=description_fr,
        description_ar=description_ar,
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=days - 1),
        venue=f"Youth centre of {city.name}",
        facilitators_en=facilitators_en,
        facilitators_fr=facilitators_fr,
        facilitators_ar=facilitators_ar,
        capacity=capacity,
    )
    for day in range(days):
        WorkshopSession.objects.create(
            workshop=workshop,
            day=starts + datetime.timedelta(days=day),
            starts_at=datetime.time(9, 30),
            title_en=f"Day {day + 1}",
            title_fr=f"Jour {day + 1}",
            title_ar=f"اليوم {day + 1}",
            sort_order=day,
        )
    return workshop
