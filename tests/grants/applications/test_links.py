"""Programme staff link a funded project to the lab it came from and the commitment it serves;
the workshop page and the city's commitments show it."""

import datetime

import pytest

from grants.applications.models import Application
from grants.applications.services import application_links_set
from grants.errors import NotAllowed
from tests.factories.accounts import UserFactory
from tests.factories.network import CityFactory, WorkshopFactory
from tests.grants.review_helpers import make_applications, make_call, make_staff
from youthcities.accounts.roles import ALL_ROLES, MUNICIPAL, PROGRAMME_STAFF
from youthcities.audit.models import AuditEntry
from youthcities.network.cities.models import CityStaff
from youthcities.network.workshops.services import (
    recommendation_answer,
    recommendation_create,
    workshop_register,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked():
    irbid = CityFactory(name="Irbid")
    lab = WorkshopFactory(city=irbid, title_en="Irbid lab")
    young = UserFactory()
    workshop_register(workshop=lab, user=young)
    officer = UserFactory(roles=[MUNICIPAL])
    CityStaff.objects.create(user=officer, city=irbid)
    recommendation = recommendation_create(
        workshop=lab,
        author=young,
        title="Youth seats on the budget committee",
        text="Two young people sit on it.",
        theme="inclusion",
        department="Finance",
    )
    recommendation_answer(
        recommendation=recommendation,
        actor=officer,
        decision="accepted",
        explanation="Yes",
        owner="Finance",
        due_on=datetime.date(2027, 6, 30),
    )
    (application,) = make_applications(make_call(), 1)
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.APPROVED, title="Budget school for youth"
    )
    application.refresh_from_db()
    return lab, recommendation.commitment, application


def test_staff_link_a_project_and_the_public_pages_show_it(client, linked):
    lab, commitment, application = linked
    staff = make_staff()
    client.force_login(staff)
    url = f"/admin/grants/applications/{application.pk}/links/"
    assert client.get(url).status_code == 200
    client.post(url, {"workshop": lab.pk, "serves": commitment.pk})
    application.refresh_from_db()
    assert application.workshop == lab and application.serves == commitment
    assert AuditEntry.objects.filter(action="application.links_set").exists()
    client.logout()
    assert "Budget school for youth" in client.get(f"/en/workshops/{lab.slug}/").content.decode()
    commitments = client.get("/en/cities/irbid/commitments/").content.decode()
    assert "the funded project “<bdi>Budget school for youth</bdi>”" in commitments


def test_a_project_not_approved_is_not_shown(client, linked):
    lab, commitment, application = linked
    Application.objects.filter(pk=application.pk).update(status=Application.Status.SUBMITTED)
    application_links_set(
        application=application, workshop=lab, serves=commitment, actor=make_staff()
    )
    assert "Budget school" not in client.get(f"/en/workshops/{lab.slug}/").content.decode()


def test_only_programme_staff_set_links(linked):
    lab, commitment, application = linked
    with pytest.raises(NotAllowed):
        application_links_set(
            application=application, workshop=lab, serves=commitment, actor=UserFactory()
        )


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_links_screen_is_for_programme_staff(client, linked, role):
    make_staff()
    _lab, _commitment, application = linked
    client.force_login(UserFactory(roles=[role], is_staff=True))
    status = client.get(f"/admin/grants/applications/{application.pk}/links/").status_code
    assert status == 200 if role == PROGRAMME_STAFF else status in (302, 403)
