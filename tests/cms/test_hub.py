"""The resource library and the hub search across campaigns, resources, workshops and cities."""

import pytest
from django.core.files.base import ContentFile

from cms.models import LibraryDocument, Resource
from cms.permissions import staff_permissions_ensure
from tests.campaigns.helpers import activist, make_campaign
from tests.factories.accounts import UserFactory
from tests.factories.network import CityFactory, WorkshopFactory
from youthcities.accounts.roles import ALL_ROLES, PROGRAMME_STAFF
from youthcities.accounts.services import roles_ensure_groups

pytestmark = pytest.mark.django_db


def resource(title, **fields):
    document = LibraryDocument(title=title)
    document.file = ContentFile(b"%PDF-1.4 demo", name="resource.pdf")
    document.save()
    defaults = {"kind": "toolkit", "theme": "hate_speech", "language": "en"}
    return Resource.objects.create(title=title, document=document, **{**defaults, **fields})


def hub(client, query=""):
    return client.get(f"/en/hub/?{query}" if query else "/en/hub/").content.decode()


def test_the_library_lists_resources_with_their_download(client, index):
    toolkit = resource("Counter-narrative toolkit", description="From a story to a campaign.")
    body = hub(client)
    assert "Counter-narrative toolkit" in body
    assert toolkit.document.url in body
    assert "Download (PDF" in body


def test_an_empty_library_says_who_fills_it(client, index):
    assert "Programme staff add toolkits and reports" in hub(client)


def test_one_search_finds_campaigns_resources_workshops_and_cities(client, index):
    saida = CityFactory(name="Saida", country="LB", region="middle_east")
    make_campaign(index, activist(), title="Radio waves of Saida", city=saida)
    resource("Community radio guide", description="Starting a youth radio show.")
    WorkshopFactory(title_en="Radio lab", city=saida)
    body = hub(client, "q=radio")
    assert "Radio waves of Saida" in body
    assert "Community radio guide" in body
    assert "Radio lab" in body
    assert "4 results" not in body  # the city does not match "radio"
    assert "3 results" in body
    assert "Saida" in hub(client, "q=saida")


def test_filters_narrow_every_kind(client, index):
    saida = CityFactory(name="Saida", country="LB", region="middle_east")
    dakar = CityFactory(name="Dakar", country="SN", region="west_africa")
    make_campaign(index, activist(), title="Voices of Saida", city=saida, themes=["inclusion"])
    make_campaign(index, activist(), title="Voices of Dakar", city=dakar, themes=["inclusion"])
    resource("Saida report", city=saida, theme="inclusion")
    resource("Regional guide", region="middle_east", theme="media_literacy", language="ar")
    resource("Dakar guide", city=dakar, theme="inclusion", language="fr")

    middle_east = hub(client, "region=middle_east")
    assert "Voices of Saida" in middle_east and "Saida report" in middle_east
    assert "Regional guide" in middle_east
    assert "Voices of Dakar" not in middle_east and "Dakar guide" not in middle_east

    themed = hub(client, "theme=media_literacy")
    assert "Regional guide" in themed and "Saida report" not in themed

    french = hub(client, "language=fr")
    assert "Dakar guide" in french and "Regional guide" not in french

    nothing = hub(client, "q=nothing-matches-this")
    assert "Nothing matches" in nothing


def test_the_hub_in_arabic_is_right_to_left(client, index):
    resource("دليل التحقق من الأخبار", language="ar")
    body = client.get("/ar/hub/").content.decode()
    assert 'dir="rtl"' in body
    assert "دليل التحقق من الأخبار" in body


def test_hub_search_costs_a_fixed_number_of_queries(client, index, django_assert_max_num_queries):
    city = CityFactory(name="Saida", region="middle_east")
    for number in range(8):
        make_campaign(index, activist(), title=f"Radio {number}", city=city)
        resource(f"Radio guide {number}", city=city)
        WorkshopFactory(title_en=f"Radio lab {number}", city=city)
    hub(client, "q=radio")
    with django_assert_max_num_queries(30):
        hub(client, "q=radio&region=middle_east")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_programme_staff_manage_resources(client, index, role):
    roles_ensure_groups()
    staff_permissions_ensure()
    client.force_login(UserFactory(roles=[role], is_staff=True))
    status = client.get("/admin/resources/new/").status_code
    if role == PROGRAMME_STAFF:
        assert status == 200
    else:
        assert status in (302, 403)


def test_the_library_lists_the_readers_language_first_the_others_marked(client, index):
    import datetime

    resource("Guide in English", published_on=datetime.date(2026, 6, 1))
    resource("دليل بالعربية", language="ar", published_on=datetime.date(2025, 1, 1))

    body = client.get("/ar/hub/").content.decode()

    assert body.index("دليل بالعربية") < body.index("Guide in English")
    english = body[body.index("Guide in English") :][:600]
    assert '<span class="badge">الإنجليزية</span>' in english
    arabic = body[body.index("دليل بالعربية") :][:600]
    assert "badge" not in arabic.split("</p>")[0]
    # The search results read the same way.
    found = client.get("/ar/hub/?theme=hate_speech").content.decode()
    assert found.index("دليل بالعربية") < found.index("Guide in English")
