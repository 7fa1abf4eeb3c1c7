"""A workshop's description, facilitators and city are read in the reader's language."""

import pytest

from tests.factories.network import CityFactory, WorkshopFactory
from youthcities.network.workshops.models import Workshop

pytestmark = pytest.mark.django_db


def test_the_arabic_page_reads_the_workshop_in_arabic_and_the_english_in_english(client):
    city = CityFactory(name="Zarqa", name_ar="الزرقاء")
    workshop = WorkshopFactory(
        city=city,
        description_en="Two days to make a campaign.",
        description_ar="يومان لصنع حملة.",
        facilitators_en="Young Cities team",
        facilitators_ar="فريق «مدن شابة»",
    )
    arabic = client.get(f"/ar/workshops/{workshop.slug}/").content.decode()
    assert "يومان لصنع حملة." in arabic and "فريق «مدن شابة»" in arabic
    assert "الزرقاء" in arabic
    assert "Young Cities team" not in arabic and "Two days to make a campaign." not in arabic
    english = client.get(f"/en/workshops/{workshop.slug}/").content.decode()
    assert "Young Cities team" in english and "Zarqa" in english


def test_the_demo_workshops_are_described_in_french_and_arabic(demo):
    assert not Workshop.objects.filter(description_ar="").exists()
    assert not Workshop.objects.filter(description_fr="").exists()
    assert not Workshop.objects.exclude(facilitators_ar="فريق «مدن شابة»").exists()
    zarqa = Workshop.objects.filter(city__slug="zarqa").first()
    assert zarqa.title_ar.endswith("الزرقاء")
