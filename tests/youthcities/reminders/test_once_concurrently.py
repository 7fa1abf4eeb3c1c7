"""Two schedulers at the same moment, each on its own PostgreSQL connection, send one reminder
once: the unique constraint makes the second insert wait for the first and then fail."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from grants.applications.services import application_draft_for
from tests.factories.accounts import UserFactory
from tests.factories.grants import GrantCallFactory
from tests.support.concurrency import connect_for_race
from youthcities.reminders.models import ReminderSent
from youthcities.reminders.services import reminders_send


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_send_a_reminder_once(postgres, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call = GrantCallFactory(closes_at=timezone.now() + datetime.timedelta(hours=30))
    application = application_draft_for(call=call, applicant=UserFactory())
    mail.outbox = []
    barrier = threading.Barrier(2)
    sent, errors = [], []

    def scheduler():
        try:
            connect_for_race()
            barrier.wait()
            sent.append(reminders_send())
        except Exception as error:  # pragma: no cover - shown below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(sent) == [0, 1]
    assert ReminderSent.objects.filter(user=application.applicant).count() == 1
    assert len(mail.outbox) == 1
