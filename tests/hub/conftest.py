import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hub.services import (
    document_extract_text,
    document_review,
    document_upload,
    membership_apply,
    membership_approve,
)
from tests.campaigns.helpers import campaign_site
from tests.factories.accounts import UserFactory
from tests.factories.network import CityFactory, municipal_staff_of
from tests.hub.files import pdf_with_text
from youthcities.accounts.roles import HUB_MEMBER, MUNICIPAL, PROGRAMME_STAFF
from youthcities.accounts.services import roles_ensure_groups


@pytest.fixture
def index(db):
    return campaign_site()


@pytest.fixture
def saida(db):
    return CityFactory(name="Saida", country="LB", region="middle_east")


@pytest.fixture
def member(db):
    return UserFactory(roles=[HUB_MEMBER], display_name="Saida youth office")


@pytest.fixture
def zarqa(db):
    return CityFactory(name="Zarqa", country="JO", region="middle_east")


@pytest.fixture
def officer(zarqa):
    """Zarqa's municipal officer (a member of the hub by their role)."""
    person = UserFactory(roles=[MUNICIPAL])
    municipal_staff_of(zarqa, person)
    return person


@pytest.fixture
def asker(saida, staff):
    """A member from Saida, by an approved membership."""
    person = UserFactory(display_name="Nadia")
    application = membership_apply(
        user=person, city=saida, organisation="Saida Youth Office", role="Officer", reason="…"
    )
    membership_approve(application=application, actor=staff)
    return type(person).objects.get(pk=person.pk)


@pytest.fixture
def staff(db):
    roles_ensure_groups()  # the role groups, with their access to the admin
    return UserFactory(roles=[PROGRAMME_STAFF], is_staff=True)


def pdf_upload(*lines, name="strategy.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, pdf_with_text(*lines), content_type=content_type)


def shared_document(uploader, city, *, lines=("Youth mentoring in Saida",), publish=True, **fields):
    """A member's document, its text extracted, published by staff unless told otherwise."""
    defaults = {
        "title": "Saida youth strategy",
        "summary": "Our plan for young people.",
        "kind": "strategy",
        "themes": ["civic_participation"],
        "language": "en",
        "visibility": "members",
    }
    document = document_upload(
        uploaded_by=uploader, upload=pdf_upload(*lines), city=city, **{**defaults, **fields}
    )
    document_extract_text(document=document)
    if publish:
        document = document_review(
            document=document, actor=UserFactory(roles=[PROGRAMME_STAFF]), decision="published"
        )
    return document
