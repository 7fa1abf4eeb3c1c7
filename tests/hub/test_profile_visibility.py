"""A city-profile section can be members-only: everyone sees that it exists (its title, "Members
only", how to apply), only members read its text; "Find cities working on…" does not answer a
non-member from its text. Visibility is chosen with the draft and goes live once approved."""

import pytest

from hub.profiles.models import ProfileSection
from hub.profiles.services import profile_draft_decide, profile_draft_save
from tests.factories.accounts import UserFactory
from youthcities.accounts.roles import ACTIVIST, HUB_MEMBER, MUNICIPAL, PROGRAMME_STAFF

pytestmark = pytest.mark.django_db

SECRET = "Our mentoring pairs former gang members with teenagers"


def live(city, officer, staff, *, members_only, kind="approaches", text=SECRET):
    section = profile_draft_save(
        user=officer,
        city=city,
        kind=kind,
        texts={"en": text},
        themes=["inclusion"],
        members_only=members_only,
    )
    return profile_draft_decide(section=section, actor=staff, approve=True)


def city_page(client, city) -> str:
    return client.get(f"/en/cities/{city.slug}/").content.decode()


@pytest.mark.parametrize("role", [None, ACTIVIST])
def test_non_members_see_the_section_exists_never_its_text(client, zarqa, officer, staff, role):
    live(zarqa, officer, staff, members_only=True)
    if role:
        client.force_login(UserFactory(roles=[role]))
    page = city_page(client, zarqa)
    assert "Approaches" in page and "Members only" in page
    assert "/en/hub/membership/" in page
    assert SECRET not in page


@pytest.mark.parametrize("role", [HUB_MEMBER, MUNICIPAL, PROGRAMME_STAFF])
def test_members_read_a_members_only_section(client, zarqa, officer, staff, role):
    live(zarqa, officer, staff, members_only=True)
    client.force_login(UserFactory(roles=[role]))
    page = city_page(client, zarqa)
    assert SECRET in page and "Members only" in page


def test_a_public_section_is_read_by_everyone(client, zarqa, officer, staff):
    live(zarqa, officer, staff, members_only=False)
    assert SECRET in city_page(client, zarqa)


def test_find_cities_does_not_answer_a_non_member_from_a_members_only_text(
    client, zarqa, officer, staff
):
    live(zarqa, officer, staff, members_only=True)
    assert "Zarqa" not in client.get("/en/hub/cities/?q=gang").content.decode()
    client.force_login(UserFactory(roles=[HUB_MEMBER]))
    assert "Zarqa" in client.get("/en/hub/cities/?q=gang").content.decode()


def test_the_edit_form_sets_visibility_which_goes_live_on_approval(client, zarqa, officer, staff):
    public = live(zarqa, officer, staff, members_only=False)
    client.force_login(officer)
    response = client.post(
        f"/en/hub/cities/{zarqa.slug}/profile/",
        {"kind": "approaches", "approaches-text_en": SECRET, "approaches-members_only": "on"},
    )
    assert response.status_code == 302
    section = ProfileSection.objects.get(pk=public.pk)
    assert section.draft_members_only and not section.members_only  # not yet approved
    assert SECRET in city_page(client.__class__(), zarqa)
    profile_draft_decide(section=section, actor=staff, approve=True)
    assert SECRET not in city_page(client.__class__(), zarqa)
    edit = client.get(f"/en/hub/cities/{zarqa.slug}/profile/").content.decode()
    assert 'name="approaches-members_only"' in edit and "checked" in edit
