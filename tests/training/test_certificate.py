"""The certificate: a printable page in the reader's language, with the display name only,
public at an unguessable address; a forged address is a 404."""

import uuid

import pytest
from django.urls import reverse

from training.services import lesson_complete, quiz_submit

from .conftest import ALL_RIGHT, answers_for, translated


@pytest.fixture
def certificate(module, learner):
    for lesson_id in module.lesson_ids:
        lesson_complete(user=learner, module=module, lesson_id=lesson_id)
    return quiz_submit(
        user=learner, module=module, answers=answers_for(module, ALL_RIGHT)
    ).certificate


def test_anyone_with_the_address_sees_the_display_name_module_and_date(client, certificate):
    response = client.get(reverse("training:certificate", args=[certificate.token]))
    assert response.status_code == 200
    assert "Certificate of completion" in response.text
    assert "<bdi>Maya</bdi>" in response.text
    assert "Counter-narrative campaigns" in response.text
    assert str(certificate.issued_at.year) in response.text
    assert "Haddad-Secret" not in response.text  # never the legal name
    assert certificate.user.email not in response.text


def test_a_forged_address_is_a_404(client, certificate):
    assert client.get(reverse("training:certificate", args=[uuid.uuid4()])).status_code == 404
    assert client.get("/en/certificates/1/").status_code == 404
    assert client.get(f"/en/certificates/{str(certificate.token)[:-1]}0x/").status_code == 404


def test_the_certificate_reads_in_the_language_of_its_address(client, module, certificate):
    translated(module, "ar", title="حملات الخطاب المضاد")
    response = client.get(f"/ar/certificates/{certificate.token}/")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.text
    assert "حملات الخطاب المضاد" in response.text
    english = client.get(f"/en/certificates/{certificate.token}/").text
    assert "حملات الخطاب المضاد" not in english


def test_a_module_taken_off_line_takes_its_certificates_with_it(client, module, certificate):
    module.unpublish()
    assert client.get(reverse("training:certificate", args=[certificate.token])).status_code == 404


def test_my_certificates_lists_mine_only(client, certificate, module, django_user_model):
    from tests.factories.accounts import UserFactory

    client.force_login(certificate.user)
    page = client.get(reverse("training:my_training")).text
    assert reverse("training:certificate", args=[certificate.token]) in page
    client.force_login(UserFactory())
    page = client.get(reverse("training:my_training")).text
    assert str(certificate.token) not in page
    assert "You have no certificate yet." in page


def test_my_certificates_asks_anonymous_to_sign_in(client, db):
    response = client.get(reverse("training:my_training"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
