"""Programme staff invite municipal decision makers and record attendance per day in the admin."""

import datetime

import pytest

from tests.factories.accounts import UserFactory
from tests.factories.network import WorkshopFactory
from youthcities.accounts.roles import ALL_ROLES, MUNICIPAL, PROGRAMME_STAFF
from youthcities.accounts.services import roles_ensure_groups
from youthcities.audit.models import AuditEntry
from youthcities.network.workshops.models import Attendance, Registration
from youthcities.network.workshops.services import NetworkError, attendance_set, workshop_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop():
    roles_ensure_groups()
    return WorkshopFactory(capacity=5)


def test_staff_invite_a_municipal_decision_maker(client, workshop):
    client.force_login(UserFactory(roles=[PROGRAMME_STAFF], is_staff=True))
    mayor = UserFactory(roles=[MUNICIPAL], display_name="Deputy mayor")
    url = f"/admin/network/workshops/{workshop.pk}/participants/"
    assert "Deputy mayor" in client.get(url).content.decode()
    client.post(url, {"invite": "1", "user": mayor.pk})
    registration = Registration.objects.get(workshop=workshop, user=mayor)
    assert registration.role == Registration.Role.MUNICIPAL
    # Invited once: they are no longer offered.
    assert f'<option value="{mayor.pk}"' not in client.get(url).content.decode()


def test_inviting_someone_who_is_not_municipal_staff_is_refused(client, workshop):
    client.force_login(UserFactory(roles=[PROGRAMME_STAFF], is_staff=True))
    young = UserFactory()
    url = f"/admin/network/workshops/{workshop.pk}/participants/"
    response = client.post(url, {"invite": "1", "user": young.pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Registration.objects.filter(user=young).exists()


def test_staff_tick_attendance_per_day_and_untick_it(client, workshop):
    client.force_login(UserFactory(roles=[PROGRAMME_STAFF], is_staff=True))
    young = UserFactory(display_name="Rania")
    registration = workshop_register(workshop=workshop, user=young)
    first, second = workshop.starts_on, workshop.starts_on + datetime.timedelta(days=1)
    url = f"/admin/network/workshops/{workshop.pk}/participants/"
    client.post(
        url,
        {
            "attendance": "1",
            f"attended-{registration.pk}-{first.isoformat()}": "on",
            f"attended-{registration.pk}-{second.isoformat()}": "on",
        },
    )
    assert set(Attendance.objects.values_list("day", flat=True)) == {first, second}
    client.post(url, {"attendance": "1", f"attended-{registration.pk}-{first.isoformat()}": "on"})
    assert list(Attendance.objects.values_list("day", flat=True)) == [first]
    assert AuditEntry.objects.filter(action="workshop.attendance_set").count() == 2


def test_attendance_outside_the_workshop_days_is_refused(workshop):
    staff = UserFactory(roles=[PROGRAMME_STAFF])
    registration = workshop_register(workshop=workshop, user=UserFactory())
    with pytest.raises(NetworkError, match="not one of the workshop's days"):
        attendance_set(
            registration=registration,
            days=[workshop.ends_on + datetime.timedelta(days=1)],
            actor=staff,
        )
    with pytest.raises(NetworkError, match="cannot do this"):
        attendance_set(registration=registration, days=[workshop.starts_on], actor=UserFactory())


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_programme_staff_open_the_participants_screen(client, workshop, role):
    client.force_login(UserFactory(roles=[role], is_staff=True))
    status = client.get(f"/admin/network/workshops/{workshop.pk}/participants/").status_code
    if role == PROGRAMME_STAFF:
        assert status == 200
    else:
        assert status in (302, 403)
