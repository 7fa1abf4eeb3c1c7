import pytest
from django.core.management import call_command

from grants.models import GrantCall
from youthcities.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", verbosity=0)


def login(client, email):
    client.force_login(User.objects.get(email=email))


def test_staff_list_filter_and_export_applications(client, demo, django_assert_max_num_queries):
    login(client, "staff@example.org")
    closed = GrantCall.objects.get(slug="local-innovation-grants-2026")
    with django_assert_max_num_queries(40):
        page = client.get(f"/admin/grants/applications/?call={closed.pk}&status=submitted")
    assert page.status_code == 200
    body = page.content.decode()
    assert "YC-" in body
    export = client.get(f"/admin/grants/applications/?call={closed.pk}&export=csv")
    assert export.status_code == 200
    rows = b"".join(export.streaming_content).decode().strip().splitlines()
    assert len(rows) == 56  # header and 55 applications
    assert rows[0].startswith("Reference")


def test_staff_search_applications_by_reference(client, demo):
    login(client, "staff@example.org")
    body = client.get("/admin/grants/applications/?q=YC-").content.decode()
    assert "YC-" in body


def test_staff_create_a_call(client, demo):
    login(client, "staff@example.org")
    assert client.get("/admin/grants/calls/new/").status_code == 200


@pytest.mark.parametrize(
    "email", ["applicant@example.org", "reviewer@example.org", "moderator@example.org"]
)
def test_other_roles_cannot_see_applications_in_the_admin(client, demo, email):
    login(client, email)
    assert client.get("/admin/grants/applications/").status_code in (302, 403)


def test_anonymous_is_sent_to_login(client, demo):
    assert client.get("/admin/grants/applications/").status_code == 302
