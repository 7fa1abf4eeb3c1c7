"""Conversations, internal notes and the reviewers' discussion in the 2026 round, and a few
reminders due (a review in two days, one overdue, a recommendation unanswered for 40 days).
Made with the portal's services; running it twice changes nothing."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from grants.applications.models import Application
from grants.awards.models import Award
from grants.calls.models import GrantCall
from grants.conversations.models import Message, ReviewerComment
from grants.conversations.services import conversation_for, message_post, reviewer_comment_post
from grants.review.models import Review, ReviewAssignment
from youthcities.accounts.models import User
from youthcities.network.workshops.models import Recommendation, Workshop
from youthcities.network.workshops.services import recommendation_create

CALL = "local-innovation-grants-2026"
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def seed_conversations() -> None:
    call = GrantCall.objects.filter(slug=CALL).first()
    if call is None:
        return
    if not call.reviewer_discussion:
        call.reviewer_discussion = True
        call.save(update_fields=["reviewer_discussion"])
    staff = User.objects.get(email="staff@example.org")
    if not Message.objects.filter(conversation__application__call=call).exists():
        _application_conversation(call, staff)
    if not Message.objects.filter(conversation__award__call=call).exists():
        _award_conversation(call, staff)
    if not ReviewerComment.objects.filter(application__call=call).exists():
        _reviewer_discussion(call, staff)
    _reminders_due(call)


def _application_conversation(call, staff) -> None:
    application = (
        call.applications.filter(status=Application.Status.SUBMITTED).order_by("reference").first()
    )
    if application is None:
        return
    conversation = conversation_for(application=application)
    message_post(
        conversation=conversation,
        author=staff,
        body=(
            "Thank you for your application. Could you tell us which school the workshops will "
            "take place in, and send the head teacher's letter of support?"
        ),
    )
    message_post(
        conversation=conversation,
        author=application.applicant,
        body="We will work with the Al-Amal secondary school. Here is the head teacher's letter.",
        files=[SimpleUploadedFile("letter-of-support.pdf", DEMO_PDF, "application/pdf")],
    )
    message_post(
        conversation=conversation,
        author=staff,
        internal=True,
        body="The school confirmed by phone. Budget line 2 looks high: ask at the interview.",
    )


def _award_conversation(call, staff) -> None:
    award = (
        Award.objects.filter(call=call, reports__state="submitted")
        .select_related("grantee")
        .first()
    )
    if award is None:
        return
    conversation = conversation_for(award=award)
    message_post(
        conversation=conversation,
        author=award.grantee,
        body="The venue cost more than planned. May we move 150 from materials to the venue?",
    )
    message_post(
        conversation=conversation,
        author=staff,
        body="Yes: please say so in your final report, with the venue's invoice.",
    )


def _reviewer_discussion(call, staff) -> None:
    """Where two of the demo reviewers both submitted: they compare their scores."""
    amina = User.objects.get(email="reviewer@example.org")
    marc = User.objects.get(email="reviewer2@example.org")
    submitted = Review.objects.filter(status=Review.Status.SUBMITTED)
    both = (
        Application.objects.filter(call=call)
        .filter(pk__in=submitted.filter(reviewer=amina).values("application_id"))
        .filter(pk__in=submitted.filter(reviewer=marc).values("application_id"))
        .order_by("reference")
        .first()
    )
    if both is None:
        return
    reviewer_comment_post(
        application=both,
        author=marc,
        body="I scored the reach high: three schools have already agreed to take part.",
    )
    reviewer_comment_post(
        application=both,
        author=amina,
        body="The reach is fine, but the budget has no line for the facilitators' travel.",
    )
    reviewer_comment_post(
        application=both,
        author=staff,
        body="Thank you both: we will ask the group about travel before deciding.",
    )


def _reminders_due(call) -> None:
    """Due dates that make reminders due now (the scheduler of `make run` sends them)."""
    now = timezone.now()
    # Those still due when the review closes (as assigned): moved once, so a rerun leaves them.
    waiting = ReviewAssignment.objects.filter(
        call=call,
        reviewer__email="reviewer@example.org",
        review__isnull=True,
        due_at=call.review_closes_at,
    ).order_by("application__reference")
    for assignment, days in zip(waiting, (2, -1), strict=False):
        assignment.due_at = now + datetime.timedelta(days=days)
        assignment.save(update_fields=["due_at"])
    if not Recommendation.objects.filter(title=UNANSWERED[0]).exists():
        _recommendation_unanswered(now)


UNANSWERED = (
    "Keep the youth centre open in the evenings",
    "Young people have nowhere safe to meet after school; the centre closes at four.",
)


def _recommendation_unanswered(now) -> None:
    """A recommendation the city has not answered for 40 days: its municipal staff and programme
    staff are reminded."""
    policy = Workshop.objects.filter(
        kind=Workshop.Kind.POLICY, city__staff__isnull=False, starts_on__lt=now.date()
    ).order_by("starts_on", "pk")
    workshop = policy.filter(city__slug="zarqa").first() or policy.first()
    registration = (
        workshop.registrations.filter(role="youth", status="registered").order_by("pk").first()
        if workshop
        else None
    )
    if registration is None:
        return
    recommendation = recommendation_create(
        workshop=workshop,
        author=registration.user,
        title=UNANSWERED[0],
        text=UNANSWERED[1],
        theme="inclusion",
        department="Youth and sports",
    )
    Recommendation.objects.filter(pk=recommendation.pk).update(
        created_at=now - datetime.timedelta(days=40)
    )
