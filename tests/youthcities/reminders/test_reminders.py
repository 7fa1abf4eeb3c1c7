"""Reminders: what is due for each floor's kind, sent once whatever the reruns, in the
recipient's language, not for what was withdrawn, decided or done meanwhile, and as each person
chose (immediately, in the daily digest, never); `manage.py reminders --dry-run` sends nothing."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from grants.applications.models import Application, CoApplicant
from grants.applications.services import application_draft_for, application_withdraw
from grants.awards.models import Report
from grants.decisions.services import application_decide
from grants.payments.manual import manual_payment_record
from grants.review.models import ReviewAssignment
from tests.factories.accounts import UserFactory
from tests.factories.grants import GrantCallFactory
from tests.factories.network import CityFactory, WorkshopFactory, municipal_staff_of
from tests.grants.award_helpers import evidence, make_award, make_finance
from tests.grants.review_helpers import make_applications, make_call, make_reviewers, make_staff
from tests.grants.review_helpers import score as review
from tests.network.helpers import recommend
from youthcities.accounts.roles import MUNICIPAL
from youthcities.network.workshops.models import Recommendation
from youthcities.network.workshops.services import workshop_register
from youthcities.reminders.models import Delivery, ReminderPreference, ReminderSent
from youthcities.reminders.services import (
    reminder_digests_send,
    reminder_send,
    reminders_due,
    reminders_send,
)

pytestmark = pytest.mark.django_db


def due_codes(now=None):
    return sorted((r.kind.code, r.user.email) for r in reminders_due(now=now or timezone.now()))


def draft(closes_in, **user):
    call = GrantCallFactory(closes_at=timezone.now() + closes_in)
    applicant = UserFactory(**user)
    return application_draft_for(call=call, applicant=applicant)


def test_a_draft_is_reminded_a_week_and_48_hours_before_the_deadline_once_each(
    mailoutbox, django_capture_on_commit_callbacks
):
    application = draft(datetime.timedelta(days=6), preferred_language="fr")
    email = application.applicant.email
    assert due_codes() == [("draft_week", email)]
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == 1
        assert reminders_send() == 0  # a rerun sends nothing
    (sent,) = mailoutbox
    assert sent.to == [email]
    assert f"/fr/grants/{application.call.slug}/apply/" in sent.body  # in her language
    # Two days before: the 48-hour reminder, once.
    later = timezone.now() + datetime.timedelta(days=4, hours=12)
    assert due_codes(later) == [("draft_48h", email)]
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=later) == 1
        assert reminders_send(now=later) == 0
    assert len(mailoutbox) == 2
    # Far from the deadline, or after it: nothing.
    assert due_codes(timezone.now() - datetime.timedelta(days=30)) == []
    assert due_codes(timezone.now() + datetime.timedelta(days=7)) == []


def test_the_whole_team_of_a_draft_is_reminded_but_not_an_unverified_invitee(
    mailoutbox, django_capture_on_commit_callbacks
):
    application = draft(datetime.timedelta(days=6))
    co_applicant = UserFactory(preferred_language="ar")
    unverified = UserFactory()
    unverified.emailaddress_set.update(verified=False)  # signed up with the invited address
    for person in (co_applicant, unverified):
        CoApplicant.objects.create(application=application, email=person.email)
    assert due_codes() == sorted(
        [("draft_week", application.applicant.email), ("draft_week", co_applicant.email)]
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == 2
    sent = {message.to[0]: message for message in mailoutbox}
    assert f"/ar/grants/{application.call.slug}/apply/" in sent[co_applicant.email].body


def test_finding_the_teams_of_many_drafts_costs_no_query_per_draft(
    django_assert_num_queries,
):
    """Hundreds of drafts close together at a deadline: their teams are read all at once."""

    def drafts_with_teams(count):
        call = GrantCallFactory(closes_at=timezone.now() + datetime.timedelta(days=6))
        for _ in range(count):
            application = application_draft_for(call=call, applicant=UserFactory())
            for _ in range(2):
                CoApplicant.objects.create(application=application, email=UserFactory().email)
        return call

    first = drafts_with_teams(1)
    with CaptureQueriesContext(connection) as one:
        due = reminders_due()
    assert len(due) == 3
    Application.objects.filter(call=first).delete()
    drafts_with_teams(8)
    with django_assert_num_queries(len(one)):
        due = reminders_due()
    assert len(due) == 8 * 3
    assert len({(reminder.obj.pk, reminder.user.pk) for reminder in due}) == 24


def test_a_submitted_or_withdrawn_draft_is_not_reminded():
    submitted = draft(datetime.timedelta(days=1))
    Application.objects.filter(pk=submitted.pk).update(status="submitted", reference="YC-1")
    withdrawn = draft(datetime.timedelta(days=1))
    Application.objects.filter(pk=withdrawn.pk).update(status="withdrawn", reference="YC-2")
    assert due_codes() == []


def test_an_application_withdrawn_between_finding_and_sending_is_not_reminded(mailoutbox):
    call = make_call(closes_at=timezone.now() + datetime.timedelta(days=2))
    application = make_applications(call, 1)[0]
    (reviewer,) = make_reviewers(1)
    ReviewAssignment.objects.create(
        application=application,
        reviewer=reviewer,
        due_at=timezone.now() + datetime.timedelta(days=1),
    )
    (due,) = reminders_due()
    application_withdraw(application=application, user=application.applicant)
    assert reminder_send(due) is False
    assert ReminderSent.objects.count() == 0 and mailoutbox == []


def test_a_review_due_in_three_days_then_overdue_but_not_once_submitted_or_decided():
    call = make_call()
    first, second = make_applications(call, 2)
    amina, marc = make_reviewers(2)
    soon = timezone.now() + datetime.timedelta(days=2)
    ReviewAssignment.objects.create(application=first, reviewer=amina, due_at=soon)
    ReviewAssignment.objects.create(application=second, reviewer=marc, due_at=soon)
    assert due_codes() == sorted([("review_soon", amina.email), ("review_soon", marc.email)])
    late = soon + datetime.timedelta(hours=1)
    assert due_codes(late) == sorted(
        [("review_overdue", amina.email), ("review_overdue", marc.email)]
    )
    review(first, amina, [3, 3])  # submitted
    application_decide(application=second, actor=make_staff(), outcome="declined")
    assert due_codes(late) == []


def test_reports_due_in_14_days_on_the_day_and_a_week_late_with_staff_copied():
    award = make_award(accept=True)
    staff = make_staff()
    report = Report.objects.filter(award=award).order_by("due_on").first()
    grantee = award.grantee.email
    today = timezone.localdate()
    Report.objects.exclude(pk=report.pk).update(due_on=today + datetime.timedelta(days=400))
    Report.objects.filter(pk=report.pk).update(due_on=today + datetime.timedelta(days=10))
    assert due_codes() == [("report_soon", grantee)]
    Report.objects.filter(pk=report.pk).update(due_on=today)
    assert due_codes() == [("report_today", grantee)]
    Report.objects.filter(pk=report.pk).update(due_on=today - datetime.timedelta(days=7))
    codes = due_codes()
    assert ("report_overdue", grantee) in codes and ("report_overdue", staff.email) in codes
    staff_link = [r for r in reminders_due() if r.user == staff][0]
    assert staff_link.kind.link(staff_link.obj, staff)[0] == "grants_award_admin:award"
    Report.objects.filter(pk=report.pk).update(state=Report.State.SUBMITTED)
    assert due_codes() == []


def test_a_recommendation_unanswered_30_days_reminds_its_citys_officers_and_programme_staff():
    workshop = WorkshopFactory(city=CityFactory(name="Irbid"))
    participant = UserFactory()
    workshop_register(workshop=workshop, user=participant)
    recommendation = recommend(workshop, participant)
    officer = municipal_staff_of(workshop.city, UserFactory(roles=[MUNICIPAL]))
    municipal_staff_of(CityFactory(name="Zarqa"), UserFactory(roles=[MUNICIPAL]))
    staff = make_staff()
    assert due_codes() == []
    Recommendation.objects.filter(pk=recommendation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert due_codes() == sorted(
        [("recommendation_unanswered", officer.email), ("recommendation_unanswered", staff.email)]
    )


def test_a_manual_payment_waiting_three_days_reminds_the_other_officers_only():
    award = make_award(accept=True)
    recorder, second = make_finance(2)
    tranche = award.tranches.get(position=1)
    payment = manual_payment_record(
        tranche=tranche,
        actor=recorder,
        method="bank",
        reference="TR-1",
        paid_on=timezone.localdate(),
        amount=tranche.amount,
        currency=award.currency,
        evidence=evidence(),
    )
    assert due_codes() == []
    type(payment).objects.filter(pk=payment.pk).update(
        recorded_at=timezone.now() - datetime.timedelta(days=3, minutes=1)
    )
    assert due_codes() == [("manual_payment_waiting", second.email)]


def test_a_person_chooses_the_daily_digest_or_never(mailoutbox, django_capture_on_commit_callbacks):
    digest = draft(datetime.timedelta(days=1))
    never = draft(datetime.timedelta(days=1))
    ReminderPreference.objects.create(user=digest.applicant, kind="draft_48h", delivery="digest")
    ReminderPreference.objects.create(user=never.applicant, kind="draft_48h", delivery="never")
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send()
    # Recorded for both (so never sent later), one digest email, nothing for "never".
    assert ReminderSent.objects.count() == 2
    (email,) = mailoutbox
    assert email.to == [digest.applicant.email]
    assert "Your reminders of the day" in email.subject
    assert digest.call.title in email.body
    # At most one digest a day.
    ReminderSent.objects.create(
        kind="draft_48h", key="other", user=digest.applicant, delivery=Delivery.DIGEST,
        subject="Another", link="/x", sent_at=timezone.now(),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert reminder_digests_send() == 0
        assert reminder_digests_send(now=timezone.now() + datetime.timedelta(hours=25)) == 1
    assert len(mailoutbox) == 2


def test_the_account_page_saves_the_choices(client):
    person = UserFactory()
    client.force_login(person)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "A draft not submitted, 48 hours before the deadline" in page
    assert "A review overdue" not in page  # reviewers' kinds for reviewers only
    data = {"draft_week": "digest", "draft_48h": "never", "report_soon": "immediately"}
    data |= {code: "immediately" for code in ("report_today", "report_overdue")}
    response = client.post(reverse("reminders:preferences"), data)
    assert response.status_code == 302
    assert dict(ReminderPreference.objects.filter(user=person).values_list("kind", "delivery")) == {
        "draft_week": "digest",
        "draft_48h": "never",
        "report_soon": "immediately",
        "report_today": "immediately",
        "report_overdue": "immediately",
    }
    assert client.get(reverse("reminders:preferences")).status_code == 405
    bad = client.post(reverse("reminders:preferences"), {**data, "draft_week": "hourly"})
    assert bad.status_code == 302
    assert ReminderPreference.objects.get(user=person, kind="draft_week").delivery == "digest"


def test_dry_run_lists_what_is_due_and_sends_nothing(mailoutbox):
    application = draft(datetime.timedelta(days=1))
    out = StringIO()
    call_command("reminders", "--dry-run", stdout=out)
    assert "draft_48h" in out.getvalue() and "1 reminder(s) due" in out.getvalue()
    assert ReminderSent.objects.count() == 0 and mailoutbox == []
    call_command("reminders", stdout=StringIO())
    assert ReminderSent.objects.get().user == application.applicant
