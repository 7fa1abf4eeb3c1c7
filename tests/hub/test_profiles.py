"""City profiles: the city's municipal staff write sections (en/fr/ar, themes) as drafts that
programme staff approve before they go live; the city page shows them in the reader's language
(English when not translated, marked); "Find cities working on…" ranks cities by what matched."""

import pytest
from django.test import TestCase

from grants.applications.models import Application
from hub.errors import NotAllowed, NotCityStaff, NothingToApprove
from hub.profiles.models import ProfileSection
from hub.profiles.selectors import cities_working_on
from hub.profiles.services import profile_draft_decide, profile_draft_save
from tests.factories.accounts import UserFactory
from tests.factories.grants import SubmittedApplicationFactory
from tests.factories.network import CityFactory, WorkshopFactory, municipal_staff_of
from youthcities.accounts.roles import MUNICIPAL
from youthcities.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def live_section(city, officer, staff, *, kind="initiatives", en="", fr="", ar="", themes=()):
    section = profile_draft_save(
        user=officer, city=city, kind=kind, texts={"en": en, "fr": fr, "ar": ar}, themes=themes
    )
    return profile_draft_decide(section=section, actor=staff, approve=True)


def test_the_citys_staff_write_a_draft_that_goes_live_only_once_approved(
    client, zarqa, officer, staff
):
    client.force_login(officer)
    assert (
        f"/en/hub/cities/{zarqa.slug}/profile/"
        in client.get(f"/en/cities/{zarqa.slug}/").content.decode()
    )
    response = client.post(
        f"/en/hub/cities/{zarqa.slug}/profile/",
        {
            "kind": "initiatives",
            "initiatives-text_en": "A youth radio run by young presenters.",
            "initiatives-text_ar": "إذاعة شبابية",
            "initiatives-themes": ["media_literacy"],
        },
    )
    assert response.status_code == 302
    section = ProfileSection.objects.get()
    assert section.draft_waiting and not section.live
    assert "youth radio" not in client.get(f"/en/cities/{zarqa.slug}/").content.decode()
    assert AuditEntry.objects.filter(action="hub.profile_draft_saved", actor=officer).exists()
    client.force_login(staff)
    assert "A youth radio" in client.get("/admin/hub/profiles/").content.decode()
    client.post("/admin/hub/profiles/", {"section": section.pk, "decision": "approve"})
    section.refresh_from_db()
    assert section.live and not section.draft_waiting and section.themes == ",media_literacy,"
    assert AuditEntry.objects.filter(action="hub.profile_approved", actor=staff).exists()
    english = client.get(f"/en/cities/{zarqa.slug}/").content.decode()
    assert "A youth radio run by young presenters." in english
    assert "Media and digital literacy" in english
    assert "إذاعة شبابية" in client.get(f"/ar/cities/{zarqa.slug}/").content.decode()


def test_a_section_not_translated_is_shown_in_english_and_marked(client, zarqa, officer, staff):
    live_section(zarqa, officer, staff, en="Youth councils in every district.")
    page = client.get(f"/fr/cities/{zarqa.slug}/").content.decode()
    assert "Youth councils in every district." in page
    assert 'lang="en"' in page
    assert "Not yet translated into your language" in page or "Pas encore traduit" in page
    english = client.get(f"/en/cities/{zarqa.slug}/").content.decode()
    assert "Not yet translated into your language" not in english


def test_an_empty_section_is_refused(client, zarqa, officer):
    client.force_login(officer)
    response = client.post(f"/en/hub/cities/{zarqa.slug}/profile/", {"kind": "challenges"})
    assert response.status_code == 400
    assert not ProfileSection.objects.exists()


def test_only_the_citys_own_staff_edit_its_profile(client, zarqa, saida, staff):
    other = UserFactory(roles=[MUNICIPAL])
    municipal_staff_of(saida, other)
    for person in (other, staff, UserFactory()):
        client.force_login(person)
        assert client.get(f"/en/hub/cities/{zarqa.slug}/profile/").status_code == 404
        assert (
            client.post(
                f"/en/hub/cities/{zarqa.slug}/profile/",
                {"kind": "challenges", "challenges-text_en": "x"},
            ).status_code
            == 404
        )
    with pytest.raises(NotCityStaff):
        profile_draft_save(user=other, city=zarqa, kind="challenges", texts={"en": "x"}, themes=[])
    assert not ProfileSection.objects.exists()


def test_sending_back_keeps_the_live_text_and_a_draft_is_decided_once(zarqa, officer, staff):
    section = live_section(zarqa, officer, staff, en="The live text.")
    with pytest.raises(NothingToApprove):
        profile_draft_decide(section=section, actor=staff, approve=True)
    section = profile_draft_save(
        user=officer, city=zarqa, kind="initiatives", texts={"en": "A rewrite."}, themes=[]
    )
    with pytest.raises(NotAllowed):
        profile_draft_decide(section=section, actor=officer, approve=True)
    section = profile_draft_decide(section=section, actor=staff, approve=False)
    assert section.body_en == "The live text." and not section.draft_waiting


def funded(city, title, theme):
    return SubmittedApplicationFactory(
        city=city, title=title, theme=theme, status=Application.Status.APPROVED
    )


def test_find_cities_best_first_with_why_they_matched(client, zarqa, officer, staff, saida):
    live_section(
        zarqa, officer, staff, en="Mentoring pairs young people with staff.", themes=["inclusion"]
    )
    funded(zarqa, "Mentors for newcomers", "inclusion")
    funded(saida, "Inclusive sports", "inclusion")
    SubmittedApplicationFactory(city=saida, title="Not funded", theme="inclusion")
    matches = cities_working_on(theme="inclusion")
    assert [m.city for m in matches] == [zarqa, saida]
    labels = [str(label) for label, _titles, _count in matches[0].reasons]
    assert labels == ["Its profile", "Funded projects"]
    assert cities_working_on(query="mentoring")[0].city == zarqa
    assert [m.city for m in cities_working_on(query="sports")] == [saida]
    assert cities_working_on(query="nowhere-to-be-found") == []
    page = client.get("/en/hub/cities/?theme=inclusion").content.decode()
    assert "Mentors for newcomers" in page and "Inclusive sports" in page
    assert "Not funded" not in page
    assert page.index("Zarqa") < page.index("Saida</a>")


def test_find_cities_matches_workshops_by_their_words_named_in_the_readers_language(client, zarqa):
    WorkshopFactory(
        city=zarqa, title_en="Radio lab for young presenters", title_fr="Atelier radio jeunesse"
    )
    assert [m.city for m in cities_working_on(query="radio lab")] == [zarqa]
    page = client.get("/fr/hub/cities/?q=radio").content.decode()
    assert "Atelier radio jeunesse" in page


def test_find_cities_costs_the_same_queries_for_few_and_many_cities(
    client, staff, django_assert_max_num_queries
):
    def world(count, offset):
        for n in range(count):
            city = CityFactory(name=f"Town {offset + n}")
            person = UserFactory(roles=[MUNICIPAL])
            municipal_staff_of(city, person)
            live_section(city, person, staff, en="Youth mentoring.", themes=["inclusion"])
            funded(city, f"Project {offset + n}", "inclusion")
            WorkshopFactory(city=city, title_en=f"Mentoring lab {offset + n}")

    world(2, 0)
    with TestCase.captureOnCommitCallbacks(), django_assert_max_num_queries(20) as few:
        assert client.get("/en/hub/cities/?theme=inclusion&q=mentoring").status_code == 200
    world(20, 100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/en/hub/cities/?theme=inclusion&q=mentoring")
    assert response.status_code == 200
    assert len(response.context["matches"]) == 22
