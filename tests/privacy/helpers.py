"""A person who has done a bit of everything: the world the privacy tests export and erase."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from campaigns.models import AbuseReport, CampaignCoAuthor, Support
from grants.applications.models import Application, Attachment, CoApplicant
from grants.awards.models import Award
from grants.conversations.models import Conversation, Message
from grants.decisions.models import Decision
from grants.review.models import Review, ReviewAssignment
from tests.campaigns.helpers import activist, make_campaign
from tests.factories.accounts import GuardianConsentFactory, UserFactory
from tests.factories.grants import GrantCallFactory, SubmittedApplicationFactory
from tests.factories.network import WorkshopFactory
from youthcities.accounts.roles import REVIEWER
from youthcities.audit.services import audit_record
from youthcities.network.follows.models import Follow, Notification
from youthcities.network.workshops.models import Registration

EMAIL = "noor.haddad.private@example.org"
LEGAL_NAME = "Noor Zeinab Haddad-Qasimi"
DISPLAY_NAME = "NoorSpeaksUp"
BIRTH_DATE = datetime.date(2003, 7, 13)
VALUES = (EMAIL, LEGAL_NAME, DISPLAY_NAME)


@dataclass
class Person:
    user: object
    submitted: Application
    draft: Application
    draft_document: Attachment
    submitted_document: Attachment
    others_application: Application
    campaign: object
    co_written: object
    reviewer: object
    award: Award


def document(application, user, name="letter.pdf", content=b"%PDF-1.4 our letter"):
    return Attachment.objects.create(
        application=application,
        uploaded_by=user,
        kind=Attachment.Kind.SUPPORT_LETTER,
        file=ContentFile(content, name=name),
        original_name=name,
        content_type="application/pdf",
        size=len(content),
    )


def completed_award(application, *, payee_name):
    now = timezone.now()
    return Award.objects.create(
        application=application,
        call=application.call,
        grantee=application.applicant,
        amount=Decimal("1000"),
        currency="USD",
        state=Award.State.COMPLETED,
        payee_kind=Award.PayeeKind.GRANTEE,
        payee_name=payee_name,
        payee_country="LB",
        payout_method=Award.Method.MANUAL,
        agreement_accepted_at=now,
        created_by=UserFactory(),
    )


def person_with_everything(index) -> Person:
    user = activist(
        email=EMAIL,
        legal_name=LEGAL_NAME,
        display_name=DISPLAY_NAME,
        date_of_birth=BIRTH_DATE,
        city="Saida",
    )
    GuardianConsentFactory(user=user, guardian_email="mother.of.noor@example.org")
    # Free text of kept records that names the person, typed by them and by others.
    submitted = SubmittedApplicationFactory(
        applicant=user,
        title="Youth radio in Saida",
        summary=f"A radio led by {LEGAL_NAME}; write to {EMAIL.upper()}.",
        answers={"motivation": f"I am {LEGAL_NAME} and I care."},
    )
    conversation = Conversation.objects.create(application=submitted)
    Message.objects.create(conversation=conversation, author=user, body=f"Reach me at {EMAIL}.")
    submitted_document = document(submitted, user, name="budget.pdf", content=b"%PDF budget")
    closed = GrantCallFactory(
        opens_at=timezone.now() - datetime.timedelta(days=60),
        closes_at=timezone.now() - datetime.timedelta(days=30),
    )
    award = completed_award(
        SubmittedApplicationFactory(applicant=user, call=closed, status="approved"),
        payee_name=LEGAL_NAME,
    )
    draft = Application.objects.create(
        call=GrantCallFactory(), applicant=user, title="Murals", wizard_state={"x": LEGAL_NAME}
    )
    draft_document = document(draft, user, name="sketch.pdf", content=b"%PDF sketch")
    others = SubmittedApplicationFactory(title="Someone else's project")
    CoApplicant.objects.create(application=others, email=EMAIL)

    reviewer = UserFactory(display_name="Reviewer Rania", roles=[REVIEWER])
    assignment = ReviewAssignment.objects.create(
        application=submitted, call=submitted.call, reviewer=reviewer, state="accepted"
    )
    Review.objects.create(
        assignment=assignment,
        call=submitted.call,
        application=submitted,
        reviewer=reviewer,
        status="draft",
        comment=f"Strong local roots. {LEGAL_NAME} knows the city.",
    )
    Decision.objects.create(
        application=submitted,
        outcome=Decision.Outcome.MORE_INFO,
        message="Tell us more about the venue.",
        decided_by=UserFactory(display_name="Staff Samir"),
    )

    workshop = WorkshopFactory()
    Registration.objects.create(workshop=workshop, user=user, status="registered")
    Follow.objects.create(user=user, workshop=workshop)
    Notification.objects.create(
        user=user, kind="answer", about="x", link="/en/", created_at=timezone.now()
    )

    campaign = make_campaign(
        index,
        user,
        title="Stories against hate",
        body=[
            ("paragraph", f"<p>Written by {LEGAL_NAME} (<a href='mailto:{EMAIL}'>mail</a>).</p>")
        ],
    )
    AbuseReport.objects.create(
        page=campaign,
        about=AbuseReport.About.AUTHOR,
        reason=AbuseReport.Reason.HARASSMENT,
        details=f"People threaten {LEGAL_NAME} in the comments.",
    )
    other_author = activist(display_name="Karim")
    co_written = make_campaign(index, other_author, title="Football for all")
    CampaignCoAuthor.objects.create(page=co_written, email=EMAIL, user=user)
    co_written.save_revision(user=other_author).publish(skip_permission_checks=True)
    Support.objects.create(page=co_written, display_name=DISPLAY_NAME, email=EMAIL)
    audit_record(actor=user, action="test.did_something", target=submitted, data={"who": EMAIL})
    return Person(
        user=user,
        submitted=submitted,
        draft=draft,
        draft_document=draft_document,
        submitted_document=submitted_document,
        others_application=others,
        campaign=campaign,
        co_written=co_written,
        reviewer=reviewer,
        award=award,
    )
