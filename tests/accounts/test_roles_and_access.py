import pytest
from django.contrib.auth.models import Group

from tests.factories.accounts import UserFactory
from youthcities.accounts.models import User
from youthcities.accounts.roles import ADMIN_ROLES, ALL_ROLES
from youthcities.accounts.services import roles_ensure_groups, user_set_roles
from youthcities.audit.models import AuditEntry


@pytest.mark.django_db
def test_every_role_is_a_group_and_admin_roles_may_open_the_admin():
    roles_ensure_groups()
    assert set(Group.objects.values_list("name", flat=True)) >= set(ALL_ROLES)
    for role in ALL_ROLES:
        opens_admin = (
            Group.objects.get(name=role).permissions.filter(codename="access_admin").exists()
        )
        assert opens_admin is (role in ADMIN_ROLES), role


@pytest.mark.django_db
def test_setting_roles_is_audited_and_rejects_unknown_roles():
    user = UserFactory()
    user_set_roles(user=user, roles=["reviewer"], actor=None)
    assert list(user.groups.values_list("name", flat=True)) == ["reviewer"]
    assert AuditEntry.objects.filter(action="account.roles_set", target_id=str(user.pk)).exists()
    with pytest.raises(ValueError):
        user_set_roles(user=user, roles=["emperor"], actor=None)


@pytest.mark.django_db
def test_account_page_needs_login(client):
    response = client.get("/en/my/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")


@pytest.mark.django_db
def test_account_page_shows_private_details_only_to_their_owner(client):
    user = UserFactory(display_name="Public Name", legal_name="Private Legal Name")
    client.force_login(user)
    body = client.get("/en/my/").content.decode()
    assert "Public Name" in body
    assert user.email in body


@pytest.mark.django_db
def test_applicant_cannot_open_the_wagtail_admin(client):
    client.force_login(UserFactory(roles=["applicant"]))
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_programme_staff_can_open_the_wagtail_admin(client):
    roles_ensure_groups()
    client.force_login(UserFactory(roles=["programme_staff"], is_staff=True))
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_resend_needs_post(client):
    client.force_login(UserFactory())
    assert client.get("/en/my/guardian/resend/").status_code == 405


@pytest.mark.django_db
def test_programme_staff_manage_cities_pages_and_menus(client, demo):
    client.force_login(User.objects.get(email="staff@example.org"))
    assert client.get("/admin/snippets/network/city/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200
    assert client.get("/admin/settings/cms/navigationsettings/").status_code in (200, 302)
    client.force_login(User.objects.get(email="reviewer@example.org"))
    assert client.get("/admin/snippets/network/city/").status_code == 302
