"""#15: at the age of consent the block lifts by itself (`can_participate` reads the age) and
the young person is told, once, in their language, by the daily reminders."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.factories.accounts import GuardianConsentFactory, UserFactory
from youthcities.accounts.reminders import came_of_age
from youthcities.accounts.selectors import can_participate
from youthcities.reminders.models import ReminderSent
from youthcities.reminders.services import reminders_due, reminders_send

pytestmark = pytest.mark.django_db
KIND = "consent_age_reached"


def born(age: int, days_ago: int) -> datetime.date:
    """The birth date of someone who turned `age` `days_ago` days ago."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return day.replace(year=day.year - age)


def young(*, age=16, days_ago=3, country="DE", joined_years_ago=2, **fields):
    return UserFactory(
        date_of_birth=born(age, days_ago),
        country=country,
        date_joined=timezone.now() - datetime.timedelta(days=365 * joined_years_ago),
        **fields,
    )


def due() -> list[tuple[str, str]]:
    return sorted((r.kind.code, r.user.email) for r in reminders_due() if r.kind.code == KIND)


def test_a_young_person_who_came_of_age_is_told_once_in_their_language(
    django_capture_on_commit_callbacks,
):
    french = young(display_name="Léa", email="lea@example.org", preferred_language="fr")
    arabic = young(display_name="Huda", email="huda@example.org", preferred_language="ar")
    GuardianConsentFactory(user=french, confirmed_at=timezone.now())
    assert can_participate(arabic)  # the block lifted by itself
    assert due() == [(KIND, "huda@example.org"), (KIND, "lea@example.org")]
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == 2
        assert reminders_send() == 0  # a rerun, or a second scheduler, sends nothing
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(now=tomorrow) == 0  # still recent, but told already
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"lea@example.org", "huda@example.org"}
    assert "Bonjour Léa," in by_address["lea@example.org"].body
    assert "/fr/my/" in by_address["lea@example.org"].body
    assert "مرحبًا Huda،" in by_address["huda@example.org"].body
    assert "/ar/my/" in by_address["huda@example.org"].body
    assert "16" in by_address["lea@example.org"].body
    assert ReminderSent.objects.filter(kind=KIND).count() == 2


def test_the_age_is_the_countrys():
    french = young(age=15, country="FR")  # France: 15
    german = young(age=15, country="DE")  # Germany: 16, not yet
    kenyan = young(age=18, country="KE")  # Kenya: 18
    elsewhere = young(age=16, country="")  # no country: the GDPR default, 16
    assert set(came_of_age(timezone.now())) == {french, kenyan, elsewhere}
    assert german not in set(came_of_age(timezone.now()))


def test_only_people_who_needed_consent_and_only_lately():
    joined_after = young(joined_years_ago=0)  # joined today, already old enough: never blocked
    long_ago = young(days_ago=45)  # came of age six weeks ago: no news any more
    adult = young(age=30, days_ago=3)  # a birthday, but no age of consent
    gone = young(is_active=False)
    assert list(came_of_age(timezone.now())) == []
    assert {joined_after, long_ago, adult, gone}.isdisjoint(set(came_of_age(timezone.now())))


def test_an_erased_person_is_not_written_to():
    young(erased_at=timezone.now())
    assert due() == []


def test_a_birthday_on_29_february_counts_from_1_march():
    leap = UserFactory(
        date_of_birth=datetime.date(2008, 2, 29),
        country="FR",  # 15 in 2023, a year without 29 February
        date_joined=timezone.make_aware(datetime.datetime(2021, 1, 10)),
    )

    def at(*day):
        return list(came_of_age(timezone.make_aware(datetime.datetime(*day, 12))))

    assert at(2023, 2, 28) == []
    assert at(2023, 3, 1) == [leap]
    assert at(2024, 2, 29) == []  # a run on 29 February itself finds its dates


def test_dry_run_lists_the_person_and_sends_nothing():
    person = young(preferred_language="ar")
    out = StringIO()
    call_command("reminders", "--dry-run", stdout=out)
    assert f"{KIND}\t{person.pk}\tuser {person.pk}\tar" in out.getvalue()
    assert mail.outbox == [] and not ReminderSent.objects.filter(kind=KIND).exists()
    call_command("reminders", stdout=StringIO())
    assert ReminderSent.objects.get(kind=KIND).user == person


def test_it_is_no_choice_on_the_account_page(client):
    person = young()
    client.force_login(person)
    page = client.get("/en/my/").content.decode()
    assert "You no longer need a guardian" not in page
    assert "A draft not submitted" in page  # the reminders people choose are there
