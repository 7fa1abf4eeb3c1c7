"""The home page shows the portal: the open call and its deadline, featured campaigns, coming
workshops, what cities delivered, and the programme's figures, at a fixed cost in queries."""

import datetime
import re

import pytest
from django.core.cache import caches

from grants.applications.models import Application
from grants.awards.models import Award
from tests.factories.network import WorkshopFactory
from youthcities.network.workshops.models import Commitment, Registration

pytestmark = pytest.mark.django_db
HOME_QUERIES = 30  # measured on the demo: serving the page, the portal (11), the training block, header and footer


def visit(client, path):
    caches["pages"].clear()  # the page cache would hide a second reading
    return client.get(path).content.decode()


def test_the_home_page_shows_the_portal_not_only_how_it_works(client, demo):
    body = visit(client, "/en/")

    assert "Open call" in body and "Closes in" in body and "Deadline" in body
    assert re.search(r"\(Amman\)|\(Beirut\)|\(Dakar\)|\(Nairobi\)", body), "the call's zone"
    assert (
        'id="campaigns-heading"' in body and body.count('<article class="card campaign-card"') == 3
    )
    assert 'id="workshops-heading"' in body
    assert 'id="delivered-heading"' in body and "Done" in body
    figures = body[body.index('id="figures-heading"') :]
    submitted = Application.objects.exclude(status="draft").count()
    assert f"<dt>Grant applications</dt><dd>{submitted}</dd>" in figures
    assert f"<dt>Grants awarded</dt><dd>{Award.objects.count()}</dd>" in figures
    youth = (
        Registration.objects.filter(status="registered", role="youth")
        .values("user")
        .distinct()
        .count()
    )
    assert f"<dt>Young people in labs and workshops</dt><dd>{youth}</dd>" in figures
    kept, total = Commitment.objects.filter(progress=100).count(), Commitment.objects.count()
    assert f"<dd>{kept} of {total}</dd>" in figures
    assert "<script" not in body  # nothing on the home page needs JavaScript


def test_the_arabic_home_page_features_arabic_campaigns_first(client, demo):
    body = visit(client, "/ar/")
    section = body[body.index('id="campaigns-heading"') : body.index('id="workshops-heading"')]
    first_card = section[section.index("campaign-card") :][:200]
    assert 'lang="ar"' in first_card
    assert 'href="/ar/campaigns/"' in section


def test_the_home_page_costs_the_same_queries_with_more_of_everything(
    client, demo, django_assert_max_num_queries
):
    visit(client, "/en/")  # renditions are made on the first view
    caches["pages"].clear()
    with django_assert_max_num_queries(HOME_QUERIES):
        client.get("/en/")
    for number in range(5):
        WorkshopFactory(
            slug=f"more-{number}", starts_on=datetime.date.today() + datetime.timedelta(days=9)
        )
    caches["pages"].clear()
    with django_assert_max_num_queries(HOME_QUERIES):
        assert client.get("/en/").status_code == 200
