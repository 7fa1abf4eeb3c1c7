"""The retention table, applied by `manage.py purge_expired`: each row purges what is past its
period and nothing younger; a dry run changes nothing; a rerun after an interruption finishes
the job; a second run does nothing."""

import datetime
import io

import pytest
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from campaigns.models import Support
from grants.applications.models import Application, Attachment
from grants.awards.models import Award
from grants.decisions.models import Decision
from grants.privacy import purge_abandoned_drafts
from tests.campaigns.helpers import make_campaign
from tests.factories.accounts import GuardianConsentFactory, UserFactory
from tests.factories.grants import GrantCallFactory, SubmittedApplicationFactory
from tests.privacy.helpers import completed_award, document
from youthcities.accounts.models import GuardianConsent
from youthcities.privacy.models import DataExport
from youthcities.privacy.retention import RETENTION, purges

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def ago(**kwargs):
    return timezone.now() - datetime.timedelta(**kwargs)


def purge(*args) -> str:
    out = io.StringIO()
    call_command("purge_expired", *args, stdout=out)
    return out.getvalue()


def test_every_row_of_the_table_has_a_purge():
    assert all(purges(rule.key) for rule in RETENTION)


@pytest.fixture
def old_and_new(index):
    """For each row, one thing past its period and one just within it."""
    user = UserFactory()
    page = make_campaign(index, UserFactory(), title="Kept")
    old_support = Support.objects.create(page=page, email="late@example.org")
    new_support = Support.objects.create(page=page, email="soon@example.org")
    confirmed = Support.objects.create(page=page, email="yes@example.org", confirmed_at=NOW)
    Support.objects.filter(pk__in=[old_support.pk, confirmed.pk]).update(created_at=ago(days=8))

    old_consent = GuardianConsentFactory()
    GuardianConsent.objects.filter(pk=old_consent.pk).update(last_sent_at=ago(days=31))
    new_consent = GuardianConsentFactory(user__email="younger@example.org")

    long_closed = GrantCallFactory(opens_at=ago(days=500), closes_at=ago(days=370))
    recently_closed = GrantCallFactory(opens_at=ago(days=400), closes_at=ago(days=300))
    old_draft = Application.objects.create(call=long_closed, applicant=user, title="Old")
    old_file = document(old_draft, user)
    new_draft = Application.objects.create(call=recently_closed, applicant=user, title="New")

    short = GrantCallFactory(declined_retention_months=6)
    declined_old = SubmittedApplicationFactory(call=short, status="declined")
    declined_new = SubmittedApplicationFactory(status="declined")  # the default: 24 months
    staff = UserFactory()
    for application, months in ((declined_old, 7), (declined_new, 7)):
        decision = Decision.objects.create(
            application=application, outcome="declined", decided_by=staff
        )
        Decision.objects.filter(pk=decision.pk).update(decided_at=ago(days=months * 31))

    old_award = completed_award(SubmittedApplicationFactory(status="approved"), payee_name="Ana")
    Award.objects.filter(pk=old_award.pk).update(created_at=ago(days=7 * 366))
    new_award = completed_award(SubmittedApplicationFactory(status="approved"), payee_name="Bo")

    old_export = DataExport.objects.create(
        user=user,
        status=DataExport.Status.READY,
        file=ContentFile(b"PK", name="data.zip"),
        expires_at=ago(hours=1),
    )
    new_export = DataExport.objects.create(user=user, requested_by=user)
    Session.objects.create(session_key="old", session_data="x", expire_date=ago(days=1))
    Session.objects.create(
        session_key="new", session_data="x", expire_date=NOW + datetime.timedelta(days=1)
    )
    return locals()


def test_a_dry_run_reports_and_changes_nothing(old_and_new):
    output = purge("--dry-run")
    assert "unconfirmed_supporter_emails: would purge 1" in output
    assert "abandoned_drafts: would purge 1" in output
    assert "declined_applications: would purge 1" in output
    assert "ledger_and_awards: would purge 1" in output
    assert Support.objects.get(pk=old_and_new["old_support"].pk).email == "late@example.org"
    assert Application.objects.filter(pk=old_and_new["old_draft"].pk).exists()


def test_the_purge_applies_every_row_and_nothing_younger(
    old_and_new, django_capture_on_commit_callbacks
):
    w = old_and_new
    storage, name = w["old_file"].file.storage, w["old_file"].file.name
    with django_capture_on_commit_callbacks(execute=True):
        output = purge()
    assert "Purged" in output
    assert Support.objects.get(pk=w["old_support"].pk).email == ""  # the support still counts
    assert Support.objects.get(pk=w["new_support"].pk).email == "soon@example.org"
    assert Support.objects.get(pk=w["confirmed"].pk).email == "yes@example.org"
    assert not GuardianConsent.objects.filter(pk=w["old_consent"].pk).exists()
    assert GuardianConsent.objects.filter(pk=w["new_consent"].pk).exists()
    assert not Application.objects.filter(pk=w["old_draft"].pk).exists()
    assert not Attachment.objects.filter(pk=w["old_file"].pk).exists()
    assert not storage.exists(name)
    assert Application.objects.filter(pk=w["new_draft"].pk).exists()
    assert not Application.objects.filter(pk=w["declined_old"].pk).exists()
    assert Application.objects.filter(pk=w["declined_new"].pk).exists()  # 24 months: not yet
    assert Award.objects.get(pk=w["old_award"].pk).payee_name == "Former member"
    assert Award.objects.get(pk=w["new_award"].pk).payee_name == "Bo"
    assert set(Session.objects.values_list("session_key", flat=True)) == {"new"}
    assert list(DataExport.objects.values_list("pk", flat=True)) == [w["new_export"].pk]
    assert not w["old_export"].file.storage.exists(w["old_export"].file.name)
    # Idempotent: a second run finds nothing.
    again = purge()
    assert "Purged 0 in all." in again


def test_a_purge_interrupted_half_way_is_finished_by_the_next_run():
    call = GrantCallFactory(opens_at=ago(days=500), closes_at=ago(days=400))
    drafts = [
        Application.objects.create(call=call, applicant=UserFactory(), title=f"D{n}")
        for n in range(3)
    ]
    # The run stops after one draft (a crash, a deploy): what it did is committed.
    assert purge_abandoned_drafts(timezone.now(), limit=1) == 1
    assert Application.objects.filter(pk__in=[d.pk for d in drafts]).count() == 2
    output = purge("--only", "abandoned_drafts")
    assert "abandoned_drafts: purged 2" in output
    assert not Application.objects.filter(pk__in=[d.pk for d in drafts]).exists()
