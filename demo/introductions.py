"""City profiles and counterpart introductions of the demo, all through the hub's services.
Profiles: sections for the seed cities written by their municipal staff and approved (one left
waiting for approval, one not translated). Introductions, one in each state: asked, offered (to
municipal@example.org: its answer page is theirs), introduced a month ago and waiting for "did
you connect?", declined, and introduced with its outcome noted; Saida's officer asked Tripoli
about an initiative (its profile). Dakar's challenges are for members only. Two contacts opted in: Saida's
officer takes requests directly, Zarqa's leaves them to the programme team."""

import datetime

from django.utils import timezone

from hub.introductions.models import CounterpartContact, Introduction
from hub.introductions.selectors import counterparts_in, initiative_of
from hub.introductions.services import (
    contact_opt_in,
    introduction_answer,
    introduction_ask,
    introduction_note_outcome,
    introduction_offer,
)
from hub.profiles.models import ProfileSection
from hub.profiles.services import profile_draft_decide, profile_draft_save
from youthcities.accounts.models import User
from youthcities.network.cities.models import City, CityStaff

# Sections only members read (non-members see the title and how to apply).
MEMBERS_ONLY = {("dakar", "challenges")}

# city, section, English, French, Arabic, themes, approve?
PROFILES = [
    (
        "dakar",
        "challenges",
        "Rumours on messaging groups set neighbourhoods against each other after each election.",
        "Après chaque élection, des rumeurs sur les messageries dressent les quartiers les uns "
        "contre les autres.",
        "بعد كل انتخابات، تؤلّب الشائعات على مجموعات المراسلة الأحياء بعضها على بعض.",
        ["polarisation"],
        True,
    ),
    (
        "saida",
        "challenges",
        "Young people leave school early and few take part in the city's decisions.",
        "Les jeunes quittent l'école tôt et peu participent aux décisions de la ville.",
        "يترك الشباب المدرسة مبكرًا، وقلّة منهم يشاركون في قرارات المدينة.",
        ["civic_participation"],
        True,
    ),
    (
        "saida",
        "approaches",
        "A mentoring programme pairs young people with municipal staff for a year.",
        "Un programme de mentorat associe des jeunes à des agents municipaux pendant un an.",
        "برنامج إرشاد يجمع الشباب بموظفي البلدية لمدة عام.",
        ["inclusion", "civic_participation"],
        True,
    ),
    (
        "zarqa",
        "initiatives",
        "A youth radio where young presenters check rumours about refugees live on air.",
        "Une radio jeunesse où de jeunes animateurs vérifient en direct les rumeurs sur les "
        "réfugiés.",
        "إذاعة شبابية يتحقق فيها مقدّمون شباب على الهواء من الشائعات عن اللاجئين.",
        ["hate_speech", "media_literacy"],
        True,
    ),
    (
        "zarqa",
        "youth_engagement",
        "Every neighbourhood elects two young people to the city's youth council.",
        "",
        "",
        ["civic_participation"],
        False,  # waiting for approval
    ),
    (
        "dakar",
        "youth_engagement",
        "Neighbourhood workshops bring young people and the police to one table.",
        "",  # not translated: French readers see the English, marked
        "",
        ["polarisation", "inclusion"],
        True,
    ),
    (
        "tripoli",
        "initiatives",
        "Schools and youth groups ran a counter-narrative campaign against online hate.",
        "Écoles et groupes de jeunes ont mené une campagne de contre-discours contre la haine "
        "en ligne.",
        "نفّذت المدارس ومجموعات الشباب حملة خطاب بديل ضد الكراهية على الإنترنت.",
        ["hate_speech", "violent_extremism"],
        True,
    ),
]


def seed_profiles() -> None:
    staff = User.objects.get(email="staff@example.org")
    for slug, kind, en, fr, ar, themes, approve in PROFILES:
        city = City.objects.filter(slug=slug).first()
        author = CityStaff.objects.filter(city=city).order_by("pk").first() if city else None
        if author is None or ProfileSection.objects.filter(city=city, kind=kind).exists():
            continue
        section = profile_draft_save(
            user=author.user,
            city=city,
            kind=kind,
            texts={"en": en, "fr": fr, "ar": ar},
            themes=themes,
            members_only=(slug, kind) in MEMBERS_ONLY,
        )
        if approve:
            profile_draft_decide(section=section, actor=staff, approve=True)


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

# email, role members see, requests straight to them?
CONTACTS = [
    ("saida.officer@example.org", "Youth policy officer", True),
    ("municipal@example.org", "Head of the youth unit", False),
]


def seed_introductions() -> None:
    staff = User.objects.get(email="staff@example.org")
    for row in INTRODUCTIONS:
        _introduction(row, staff)
    _about_an_initiative()
    # After the requests above: a direct contact would have taken them before staff could pick.
    for email, role, direct in CONTACTS:
        user = User.objects.filter(email=email).first()
        if user is not None and not CounterpartContact.objects.filter(user=user).exists():
            contact_opt_in(user=user, role=role, takes_requests=direct)


def _about_an_initiative() -> None:
    """Saida's officer asks about Tripoli's initiatives, from its profile."""
    requester = User.objects.filter(email="saida.officer@example.org").first()
    section = ProfileSection.objects.filter(city__slug="tripoli", kind="initiatives").first()
    if requester is None or section is None:
        return
    if Introduction.objects.filter(requester=requester, about_kind="profile").exists():
        return
    about = initiative_of("profile", section.pk)
    if about is not None:
        introduction_ask(
            requester=requester,
            city=section.city,
            wish="Which schools joined first, and how did you train the teachers?",
            about=about,
        )


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
