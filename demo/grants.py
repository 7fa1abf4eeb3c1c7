"""Demo grant calls for `seed_demo`: one open, one upcoming, and a closed one holding 55
submitted applications from the network's cities (as in the programme's own reports)."""

import datetime
import random
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from grants.applications.models import Application
from grants.applications.rules import STEPS
from grants.applications.services import (
    application_draft_for,
    application_save_step,
    application_submit,
)
from grants.awards.models import Award
from grants.awards.reports import report_submit
from grants.awards.services import award_accept_agreement, award_create
from grants.calls.models import GrantCall, RubricCriterion
from grants.decisions.services import application_decide, requested_amount
from grants.payments.countries import payout_countries_ensure
from grants.payments.gateway import to_minor
from grants.payments.manual import manual_payment_approve, manual_payment_record
from grants.payments.models import LedgerEntry, StripeAccount
from grants.payments.services import tranche_pay_begin, transfer_apply
from grants.payments.stripe_events import account_apply
from grants.review.models import ReviewAssignment
from grants.review.selectors import call_ranking
from grants.review.services import ScoreInput, assignment_declare, assignments_auto, review_save
from youthcities.accounts.models import User
from youthcities.accounts.roles import REVIEWER
from youthcities.accounts.services import user_set_roles
from youthcities.money import quantum
from youthcities.network.cities.models import City

CALLS = [
    {
        "slug": "local-innovation-grants-2027",
        "title_en": "Local Innovation Grants 2027",
        "title_fr": "Subventions d'innovation locale 2027",
        "title_ar": "منح الابتكار المحلي 2027",
        "description_en": (
            "Up to 5,000 US dollars for youth-led projects that counter hate speech, bridge "
            "divides or prevent violent extremism in your city. Apply as a group of at least "
            "three young people."
        ),
        "description_fr": (
            "Jusqu'à 5 000 dollars américains pour des projets menés par des jeunes qui "
            "combattent les discours de haine, rapprochent les communautés ou préviennent "
            "l'extrémisme violent dans votre ville. Candidatez en groupe d'au moins trois jeunes."
        ),
        "description_ar": (
            "حتى 5000 دولار أمريكي لمشاريع يقودها الشباب لمواجهة خطاب الكراهية أو تقريب "
            "المسافات بين الناس أو الوقاية من التطرف العنيف في مدينتك. قدّم طلبك ضمن مجموعة من "
            "ثلاثة شباب على الأقل."
        ),
        "opens": -10,
        "closes": 30,
        "timezone": "Asia/Beirut",
        "currency": "USD",
        "max_amount": Decimal("5000"),
        "min_team_size": 3,
        "themes": [],
    },
    {
        "slug": "media-literacy-west-africa",
        "title_en": "Media literacy micro-grants, West Africa",
        "title_fr": "Micro-subventions éducation aux médias, Afrique de l'Ouest",
        "title_ar": "منح صغيرة للتربية الإعلامية، غرب أفريقيا",
        "description_en": "Micro-grants for youth projects on media and digital literacy.",
        "description_fr": "Micro-subventions pour des projets de jeunes d'éducation aux médias.",
        "description_ar": "منح صغيرة لمشاريع الشباب في التربية الإعلامية والرقمية.",
        "opens": 20,
        "closes": 60,
        "timezone": "Africa/Dakar",
        "currency": "XOF",
        "max_amount": Decimal("1500000"),
        "themes": ["media_literacy"],
    },
    {
        "slug": "local-innovation-grants-2026",
        "title_en": "Local Innovation Grants 2026",
        "title_fr": "Subventions d'innovation locale 2026",
        "title_ar": "منح الابتكار المحلي 2026",
        "description_en": "Last year's round: 55 applications for 3 grants.",
        "description_fr": "La session de l'an dernier : 55 candidatures pour 3 subventions.",
        "description_ar": "دورة العام الماضي: 55 طلبًا لثلاث منح.",
        "opens": -120,
        "closes": -60,
        "timezone": "Asia/Amman",
        "currency": "JOD",
        "max_amount": Decimal("3500"),
        "themes": [],
    },
]
RUBRIC = [
    {
        "name_en": "Relevance to hate, polarisation or extremism",
        "name_fr": "Pertinence face à la haine, la polarisation ou l'extrémisme",
        "name_ar": "الصلة بمواجهة الكراهية أو الاستقطاب أو التطرف",
        "weight": Decimal("2"),
    },
    {
        "name_en": "Feasibility and plan",
        "name_fr": "Faisabilité et plan",
        "name_ar": "قابلية التنفيذ والخطة",
        "weight": Decimal("1.5"),
    },
    {
        "name_en": "Led by young people",
        "name_fr": "Mené par des jeunes",
        "name_ar": "بقيادة الشباب",
        "weight": Decimal("1"),
    },
    {
        "name_en": "Value for money",
        "name_fr": "Rapport coût-efficacité",
        "name_ar": "القيمة مقابل التكلفة",
        "weight": Decimal("1"),
        "allow_not_applicable": True,
    },
]
CLOSED_CALL_APPLICATIONS = 55
TITLES = [
    "Stories from our street",
    "Football for all neighbourhoods",
    "Fact-checkers club",
    "Murals against hate",
    "Radio of the young",
    "Digital peace ambassadors",
    "Bridges between schools",
    "Podcast: voices of the city",
]


def seed_grants() -> None:
    now = timezone.now()
    calls = {}
    for spec in CALLS:
        fields = {k: v for k, v in spec.items() if k not in {"opens", "closes", "slug"}}
        fields["opens_at"] = now + datetime.timedelta(days=spec["opens"])
        fields["closes_at"] = now + datetime.timedelta(days=spec["closes"])
        call, created = GrantCall.objects.get_or_create(slug=spec["slug"], defaults=fields)
        calls[spec["slug"]] = call
        if created:
            for position, criterion in enumerate(RUBRIC):
                RubricCriterion.objects.create(call=call, sort_order=position, **criterion)
        if created and spec["slug"] == "local-innovation-grants-2026":
            call.cities.set(City.objects.filter(country__in=["LB", "JO", "KE", "SN", "MK", "AL"]))
    closed = calls["local-innovation-grants-2026"]
    if not closed.applications.exists():
        _fill_closed_call(closed)


def _fill_closed_call(call: GrantCall) -> None:
    rng = random.Random(2026)  # the same demo every time
    cities = list(call.cities.all())
    submitted_at = call.closes_at - datetime.timedelta(days=5)
    for number in range(1, CLOSED_CALL_APPLICATIONS + 1):
        city = cities[number % len(cities)]
        with transaction.atomic():
            applicant = User.objects.create_user(
                email=f"group{number:02d}@example.org",
                display_name=f"{city.name} youth group {number}",
                date_of_birth=submitted_at.date().replace(year=submitted_at.year - 19 - number % 8),
                country=city.country,
                city=city.name,
            )
            application = application_draft_for(call=call, applicant=applicant)
            answers = {
                "eligibility": {
                    "city": city,
                    "group_kind": "informal_group",
                    "theme": rng.choice(
                        ["hate_speech", "polarisation", "violent_extremism", "inclusion"]
                    ),
                },
                "team": {
                    "group_name": f"{city.name} Youth {number}",
                    "organisation_name": "",
                    "member_count": rng.randint(3, 15),
                    "lead_role": "Coordinator",
                    "co_applicants": [],
                },
                "project": {
                    "title": f"{rng.choice(TITLES)} ({city.name})",
                    "summary": "Young people of our city meet, learn and speak up together.",
                    "problem": "Hate speech online divides young people in our city.",
                    "audience": "Secondary school students and their families.",
                    "activities": "Workshops, a campaign and a public event.",
                    "timeline": "Six months, starting after the grant is awarded.",
                },
                "budget": {"lines": _budget(rng, call)},
                "documents": {"attachment_ids": []},
                "review": {"declarations_accepted": True},
            }
            application = save_every_step(application, applicant, answers)
            application_submit(application=application, user=applicant, now=submitted_at)
    assert call.applications.filter(status=Application.Status.SUBMITTED).count() == 55


def save_every_step(application: Application, actor, answers: dict) -> Application:
    """Save each wizard step's answers in order, as the wizard would (a call without questions
    of its own has its "Your answers" step saved empty)."""
    for step in STEPS:
        application = application_save_step(
            application=application,
            step=step,
            data=answers.get(step, {}),
            version=application.version,
            actor=actor,
        )
    return application


def _budget(rng, call):
    lines = [
        ("Workshop materials", "materials"),
        ("Venue and refreshments", "venue"),
        ("Social media campaign", "communication"),
    ]
    return [
        {
            "description": description,
            "category": category,
            "amount": Decimal(rng.randint(200, 1000)),
        }
        for description, category in lines
    ]


# --- Review of the closed call ---------------------------------------------------------------

# Two more panel members make three reviews per application possible; they cannot log in.
PANEL = [("panel3@example.org", "Samir (panel)"), ("panel4@example.org", "Léa (panel)")]
# How each reviewer leans: Amina scores harshly, Marc leniently (the calibration view shows it).
BIAS = {"reviewer@example.org": -0.7, "reviewer2@example.org": 0.6}
LEFT_TO_DO = 3  # Amina's reviews left undone, so that the demo reviewer has work waiting
APPROVED = 3  # as in the programme's first round


def seed_reviews() -> None:
    """Reviewers, assignments and scores for the closed call, and its three approvals."""
    call = GrantCall.objects.filter(slug="local-innovation-grants-2026").first()
    if call is None or ReviewAssignment.objects.filter(application__call=call).exists():
        return
    staff = User.objects.get(email="staff@example.org")
    _panel_ensure()
    call.reviewers_per_application = 3
    call.review_closes_at = timezone.now() + datetime.timedelta(days=14)
    call.save(update_fields=["reviewers_per_application", "review_closes_at"])
    assignments_auto(call=call, actor=staff)

    rng = random.Random(55)
    quality = _quality_of_applications(call, rng)
    criteria = list(call.criteria.all())
    assignments = ReviewAssignment.objects.filter(application__call=call).select_related(
        "reviewer", "application"
    )
    amina_left = 0
    for assignment in assignments.order_by("application__reference", "reviewer__email"):
        if assignment.reviewer.email == "reviewer@example.org" and amina_left < LEFT_TO_DO:
            amina_left += 1
            continue  # still to be declared and scored
        _review_one(assignment, criteria=criteria, quality=quality, rng=rng)
    _approve_the_best(call, staff)


def _panel_ensure() -> None:
    for email, name in PANEL:
        if not User.objects.filter(email=email).exists():
            member = User.objects.create_user(email=email, password=None, display_name=name)
            user_set_roles(user=member, roles=[REVIEWER], actor=None)


def _quality_of_applications(call, rng) -> dict[int, float]:
    """How good each application is, around which its reviewers score."""
    quality = {a.pk: rng.uniform(1.6, 4.6) for a in call.applications.order_by("reference")}
    # The panel's favourite is a Lebanese group's project: Stripe does not pay out in Lebanon, so
    # the demo has an award paid by manual transfer.
    favourite = call.applications.filter(city__country="LB").order_by("-reference").first()
    if favourite is not None:
        quality[favourite.pk] = 4.8
    return quality


def _review_one(assignment, *, criteria, quality, rng) -> None:
    """A reviewer declares (one declares a conflict) and scores with their lean."""
    reviewer = assignment.reviewer
    if reviewer.email == PANEL[0][0] and assignment.application.reference.endswith("0007"):
        assignment_declare(
            assignment=assignment,
            reviewer=reviewer,
            conflict=True,
            reason="I mentored this group at the Saida lab.",
        )
        return
    assignment_declare(assignment=assignment, reviewer=reviewer, conflict=False)
    lean = BIAS.get(reviewer.email, 0.0) + quality[assignment.application_id]
    scores = {
        c.pk: ScoreInput(score=max(1, min(5, round(lean + rng.uniform(-0.6, 0.6)))))
        for c in criteria
    }
    overall = sum(s.score for s in scores.values()) / len(scores)
    review_save(
        assignment=assignment,
        reviewer=reviewer,
        scores=scores,
        recommendation="fund" if overall >= 4 else "maybe" if overall >= 3 else "do_not_fund",
        comment="Clear plan; the budget matches the activities.",
        submit=True,
    )


def _approve_the_best(call, staff) -> None:
    for row in call_ranking(call, limit=APPROVED).rows:
        application = Application.objects.get(pk=row.id)
        application_decide(
            application=application,
            actor=staff,
            outcome="approved",
            amount=min(requested_amount(application), call.max_amount),
            message="Congratulations from the selection panel.",
        )


# --- Awards of the closed call ---------------------------------------------------------------

DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def seed_awards() -> None:
    """The three approved applications' awards: one paid through Stripe (recorded as Stripe
    would answer, without calling it: the seed works offline), one paid by manual transfer in
    Lebanon (recorded by one finance officer, approved by another), and one whose mid-term
    report waits for staff's approval."""
    payout_countries_ensure()
    call = GrantCall.objects.filter(slug="local-innovation-grants-2026").first()
    if call is None:
        return
    staff = User.objects.get(email="staff@example.org")
    for application in call.applications.filter(
        status=Application.Status.APPROVED, award__isnull=True
    ):
        award_create(application=application, actor=staff)
    if LedgerEntry.objects.filter(call=call).exclude(kind=LedgerEntry.Kind.COMMITTED).exists():
        return  # seeded before
    awards = list(Award.objects.filter(call=call).select_related("grantee").order_by("pk"))
    manual = next((a for a in awards if a.payee_country == "LB"), None)
    by_stripe = next((a for a in awards if a.payout_method == Award.Method.STRIPE), None)
    reporting = next((a for a in awards if a not in (manual, by_stripe)), None)
    finance = User.objects.get(email="finance@example.org")
    second = User.objects.get(email="finance2@example.org")
    for award in awards:
        # The grantees log in with the demo password, so a newcomer can see their award pages.
        _demo_login(award.grantee)

    if by_stripe is not None:
        _pay_by_stripe(by_stripe, finance=finance)
    if manual is not None:
        _pay_by_manual_transfer(manual, finance=finance, second=second)
    if reporting is not None:
        _report_midterm(reporting)


def _pay_by_stripe(award, *, finance) -> None:
    """The grantee accepts, onboards and is paid the first tranche, as Stripe would answer."""
    grantee = award.grantee
    award_accept_agreement(award=award, actor=grantee)
    account, _created = StripeAccount.objects.get_or_create(
        account_id=f"acct_demo{award.pk:06d}",
        defaults={"owner": grantee, "country": award.payee_country},
    )
    Award.objects.filter(pk=award.pk).update(stripe_account=account)
    account_apply(
        account={"id": account.account_id, "payouts_enabled": True, "details_submitted": True}
    )
    tranche = tranche_pay_begin(tranche=award.tranches.get(position=1), actor=finance)
    transfer_apply(
        transfer={
            "id": f"tr_demo{tranche.pk:06d}",
            "amount": to_minor(tranche.amount, award.currency),
            "currency": award.currency.lower(),
            "transfer_group": award.transfer_group,
            "metadata": {"tranche": str(tranche.pk), "award": str(award.pk)},
            "amount_reversed": 0,
        }
    )


def _pay_by_manual_transfer(award, *, finance, second) -> None:
    """The first tranche sent by bank: one officer records it, another approves it."""
    award_accept_agreement(award=award, actor=award.grantee)
    tranche = award.tranches.get(position=1)
    payment = manual_payment_record(
        tranche=tranche,
        actor=finance,
        method="bank",
        reference="BLOM-TR-20260412-0042",
        paid_on=timezone.localdate() - datetime.timedelta(days=3),
        amount=tranche.amount,
        currency=award.currency,
        evidence=SimpleUploadedFile("bank-receipt.pdf", DEMO_PDF, "application/pdf"),
    )
    manual_payment_approve(payment=payment, actor=second)


def _report_midterm(award) -> None:
    """The grantee's mid-term report, waiting for staff's approval."""
    award_accept_agreement(award=award, actor=award.grantee)
    lines = list(award.application.budget_lines.order_by("position"))
    report_submit(
        report=award.reports.get(kind="midterm"),
        actor=award.grantee,
        progress=(
            "Four workshops with 70 secondary school students; the campaign's first videos "
            "are online. The venue cost more than planned."
        ),
        spending={
            line.pk: (line.amount / 2).quantize(quantum(award.currency)) for line in lines[:2]
        },
        evidence=[SimpleUploadedFile("attendance.pdf", DEMO_PDF, "application/pdf")],
    )


def _demo_login(user) -> None:
    user.set_password(settings.DEMO_PASSWORD)
    user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": True}
    )
