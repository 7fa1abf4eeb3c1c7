"""Places read in the reader's language: a city's name (in Arabic script for Arabic readers),
its country and languages by name, a time zone by its city."""

import pytest
from django.utils import translation

from tests.factories.network import CityFactory
from youthcities.network.cities.models import City
from youthcities.places import timezone_name

pytestmark = pytest.mark.django_db


def test_a_citys_name_is_read_in_the_readers_language_falling_back_to_english():
    zarqa = CityFactory(name="Zarqa", name_fr="Zarqa", name_ar="الزرقاء")
    nairobi = CityFactory(name="Nairobi")
    with translation.override("ar"):
        assert str(zarqa) == zarqa.local_name == "الزرقاء"
        assert str(nairobi) == "Nairobi"
    with translation.override("en"):
        assert str(zarqa) == "Zarqa"


def test_country_and_languages_are_named_in_the_readers_language():
    city = CityFactory(country="JO", languages="ar,en")
    with translation.override("ar"):
        assert city.country_name == "الأردن"
        assert city.language_names == ["العربية", "الإنجليزية"]
    with translation.override("fr"):
        assert city.country_name == "Jordanie"
        assert city.language_names == ["arabe", "anglais"]
        assert city.languages_spoken == "arabe et anglais"


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "Amman"), ("fr", "Amman"), ("ar", "عمّان")]
)
def test_a_time_zone_is_named_by_its_city(language, expected):
    with translation.override(language):
        assert timezone_name("Asia/Amman") == expected
    assert timezone_name("UTC") == "UTC"
    assert timezone_name("Nowhere/Atlantis") == "Nowhere/Atlantis"


def test_the_arabic_city_page_shows_names_not_codes(client, demo):
    body = client.get("/ar/cities/zarqa/").content.decode()
    assert "<h1>الزرقاء</h1>" in body
    assert "الأردن" in body
    assert "العربية والإنجليزية" in body
    assert "ar,en" not in body
    assert ">Zarqa<" not in body


def test_the_demo_names_its_cities_in_french_and_arabic(demo):
    names = dict(City.objects.values_list("slug", "name_ar"))
    assert names["zarqa"] == "الزرقاء" and names["irbid"] == "إربد" and names["saida"] == "صيدا"
    assert City.objects.get(slug="saida").name_fr == "Saïda"
    assert not City.objects.filter(name_ar="").exists()


def test_staff_edit_a_citys_names_in_the_admin(client, demo):
    from tests.factories.accounts import UserFactory
    from youthcities.accounts.roles import PROGRAMME_STAFF

    staff = UserFactory(roles=[PROGRAMME_STAFF], is_staff=True)
    client.force_login(staff)
    city = City.objects.get(slug="irbid")
    form = client.get(f"/admin/snippets/network/city/edit/{city.pk}/").content.decode()
    assert 'name="name_ar"' in form and 'name="name_fr"' in form
