"""Hub search finds words inside members' documents (PostgreSQL full text; a simple fallback
on SQLite), shows the passage that matched, and costs the same number of queries however many
documents match. A members-only resource of the library shows that it exists, never its file."""

import pytest
from django.core.files.base import ContentFile

from cms.models import LibraryDocument, Resource
from hub.models import MemberDocument
from hub.selectors import _search_fallback, documents_listed, documents_search
from tests.factories.accounts import UserFactory
from tests.factories.network import CityFactory
from tests.hub.conftest import shared_document
from youthcities.accounts.roles import ACTIVIST, MUNICIPAL

pytestmark = pytest.mark.django_db


def test_search_finds_a_word_inside_the_pdf_with_its_passage(client, index, member, saida):
    shared_document(
        member,
        saida,
        lines=(
            "Pillar one of the plan.",
            "A mentoring programme pairs young people with municipal staff.",
        ),
        title="Saida youth strategy",
        summary="Our plan.",
    )
    client.force_login(UserFactory(roles=[MUNICIPAL]))
    page = client.get("/en/hub/?q=mentoring").content.decode()
    assert "Saida youth strategy" in page
    assert "<mark>mentoring</mark> programme pairs young people" in page
    assert "1 result" in page


def test_non_members_never_read_inside_a_members_only_file(client, index, member, saida):
    shared_document(
        member, saida, lines=("The confidential mentoring budget",), summary="Our mentoring plan."
    )
    shared_document(member, saida, title="Public plan", visibility="public", lines=("budget",))
    page = client.get("/en/hub/?q=budget").content.decode()
    assert "Public plan" in page and "Saida youth strategy" not in page  # found inside: hidden
    page = client.get("/en/hub/?q=mentoring").content.decode()
    assert "Saida youth strategy" in page and "Members only" in page  # found by its summary
    assert "confidential" not in page


def test_search_ranks_a_title_match_above_a_body_match(member, saida):
    shared_document(member, saida, title="About other things", lines=("radio radio",))
    shared_document(member, saida, title="Youth radio evaluation", lines=("Listeners",))
    hits = documents_search(query="radio", member=True)
    assert [hit.document.title for hit in hits] == ["Youth radio evaluation", "About other things"]


def test_a_documents_text_cannot_inject_markup(client, index, member, saida):
    shared_document(member, saida, lines=("Mentoring <b onclick=alert(1)>works</b> well",))
    client.force_login(member)
    page = client.get("/en/hub/?q=mentoring").content.decode()
    assert "<mark>Mentoring</mark>" in page
    assert "<b onclick" not in page


def test_filters_apply_to_documents(member, saida):
    dakar = CityFactory(name="Dakar", country="SN", region="west_africa")
    shared_document(member, saida, title="Saida plan", themes=["inclusion"], lines=("youth",))
    shared_document(member, dakar, title="Dakar plan", themes=["hate_speech"], lines=("youth",))
    assert [h.document.title for h in documents_search(query="youth", city=dakar, member=True)] == [
        "Dakar plan"
    ]
    assert [h.document.title for h in documents_search(theme="inclusion")] == ["Saida plan"]
    assert [h.document.title for h in documents_search(region="middle_east")] == ["Saida plan"]
    assert documents_search(query="youth", language="fr", member=True) == []


def test_unpublished_documents_are_never_found(member, saida):
    shared_document(member, saida, publish=False, lines=("mentoring",))
    assert documents_search(query="mentoring", member=True) == []


def test_the_sqlite_fallback_finds_words_and_marks_them(member, saida):
    shared_document(member, saida, lines=("Safe spaces for dialogue between communities",))
    hits = _search_fallback(documents_listed(), "dialogue communities", member=True)
    assert len(hits) == 1
    assert "<mark>dialogue</mark> between <mark>communities</mark>" in hits[0].passage
    assert _search_fallback(documents_listed(), "dialogue absent-word", member=True) == []
    # A non-member's words never reach inside a members-only file.
    assert _search_fallback(documents_listed(), "dialogue", member=False) == []


def test_hub_search_costs_a_fixed_number_of_queries(
    client, index, member, saida, django_assert_max_num_queries
):
    for number in range(3):
        shared_document(member, saida, title=f"Plan {number}", lines=("mentoring works",))
    client.force_login(UserFactory(roles=[MUNICIPAL]))
    client.get("/en/hub/?q=mentoring")
    with django_assert_max_num_queries(30) as few:
        client.get("/en/hub/?q=mentoring")
    for number in range(3, 12):
        shared_document(member, saida, title=f"Plan {number}", lines=("mentoring works",))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/en/hub/?q=mentoring").content.decode()
    assert page.count("<mark>mentoring</mark>") == 12
    assert MemberDocument.objects.count() == 12


def members_only_resource():
    document = LibraryDocument(title="Evaluation report")
    document.file = ContentFile(b"%PDF-1.4 members only", name="evaluation.pdf")
    document.save()
    return Resource.objects.create(
        title="Evaluation report",
        description="What the labs changed.",
        document=document,
        kind="report",
        theme="inclusion",
        language="en",
        members_only=True,
    )


def test_a_members_only_resource_shows_it_exists_and_how_to_apply(client, index):
    resource = members_only_resource()
    page = client.get("/en/hub/").content.decode()
    assert "Evaluation report" in page and "What the labs changed." in page
    assert "Members only" in page and "/en/hub/membership/" in page
    assert resource.document.url not in page
    client.force_login(UserFactory(roles=[MUNICIPAL]))
    assert resource.document.url in client.get("/en/hub/").content.decode()


def test_a_members_only_resource_file_fetched_by_url_is_404_for_non_members(client, index):
    resource = members_only_resource()
    url = resource.document.url
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(roles=[ACTIVIST]))
    response = client.get(url)
    assert response.status_code == 404
    assert b"members only" not in response.content
    client.force_login(UserFactory(roles=[MUNICIPAL]))
    assert client.get(url).status_code == 200
