"""The certificate as a PDF: its owner downloads it in the language of the address, with the
display name (never the legal name), the module's title in that language, the date as that
language writes it and the public address that verifies it; nobody else gets it."""

import io
import unicodedata
import uuid

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from tests.factories.accounts import UserFactory
from training.certificate_pdf import direction_of
from training.services import lesson_complete, quiz_submit
from youthcities.dates import format_day

from .conftest import ALL_RIGHT, answers_for, translated


@pytest.fixture
def certificate(module, learner):
    for lesson_id in module.lesson_ids:
        lesson_complete(user=learner, module=module, lesson_id=lesson_id)
    return quiz_submit(
        user=learner, module=module, answers=answers_for(module, ALL_RIGHT)
    ).certificate


def pdf_url(certificate, language="en"):
    with translation.override(language):
        return reverse("training:certificate_pdf", args=[certificate.token])


def download(client, certificate, language="en"):
    client.force_login(certificate.user)
    response = client.get(pdf_url(certificate, language))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response


def text_of(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@override_settings(WAGTAILADMIN_BASE_URL="https://portal.example.org")
def test_the_owner_downloads_it_with_display_name_module_date_and_verify_address(
    client, certificate
):
    response = download(client, certificate)
    assert response["Content-Disposition"] == (
        'attachment; filename="certificate-counter-narratives.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    text = text_of(response)
    assert "Young Cities" in text
    assert "Certificate of completion" in text
    assert "Maya" in text
    assert "Haddad-Secret" not in text  # never the legal name
    assert certificate.user.email not in text
    assert "Counter-narrative campaigns" in text
    with translation.override("en"):
        assert format_day(certificate.issued_at) in text
    verify = f"https://portal.example.org/en/certificates/{certificate.token}/"
    assert verify in text
    assert str(certificate.token) in text


def test_in_french_the_title_module_and_date_are_french(client, module, certificate):
    translated(module, "fr", title="Campagnes de contre-discours", slug="contre-discours")
    response = download(client, certificate, "fr")
    assert response["Content-Disposition"].endswith('filename="certificate-contre-discours.pdf"')
    text = text_of(response)
    assert "Certificat de réussite" in text
    assert "Campagnes de contre-discours" in text
    with translation.override("fr"):
        day = format_day(certificate.issued_at)
    assert day in text
    assert day.split()[1] in {
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    }
    assert f"/fr/certificates/{certificate.token}/" in text


def test_in_arabic_it_is_drawn_with_the_embedded_font_and_the_latin_name_reads_left_to_right(
    client, module, certificate
):
    translated(module, "ar", title="حملات الخطاب المضاد", slug="counter-narratives-ar")
    response = download(client, certificate, "ar")
    reader = PdfReader(io.BytesIO(response.content))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = [fonts[name].get_object() for name in fonts]
    assert any("DejaVuSans" in font["/BaseFont"] for font in embedded)
    descendants = [font["/DescendantFonts"][0].get_object() for font in embedded]
    assert all("/FontFile2" in d["/FontDescriptor"] for d in descendants)  # embedded, not named
    assert reader.metadata.title  # the document names itself
    text = text_of(response)
    # pypdf reads the drawn (visual) Arabic back in reading order; NFKC folds the joined
    # letter forms back to plain letters.
    plain = unicodedata.normalize("NFKC", text)
    assert "شهادة إتمام" in plain  # "Certificate of completion", translated
    assert "حملات الخطاب المضاد" in plain
    assert "Maya" in text  # drawn in its own order, not reversed to "ayaM"
    assert "ayaM" not in text
    assert f"/ar/certificates/{certificate.token}/" in text


def test_an_arabic_name_on_an_english_certificate_is_shaped_and_right_to_left(client, certificate):
    certificate.user.display_name = "نور"
    certificate.user.save()
    text = text_of(download(client, certificate))
    # Joined: ن in its initial form (U+FEE7), not the bare letter that fpdf2 would draw alone.
    assert "\ufee7" in text
    assert "\u0646" not in text


def test_direction_follows_the_first_letter_like_dir_auto():
    assert direction_of("Maya") == "L"
    assert direction_of("نور Maya") == "R"
    assert direction_of("2026 Maya") == "L"
    assert direction_of("(١) نور") == "R"


def test_nobody_else_gets_it(client, certificate):
    url = pdf_url(certificate)
    assert client.get(url).status_code == 404  # anonymous
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 404  # staff see the public page like everyone


def test_a_forged_address_is_a_404(client, certificate):
    client.force_login(certificate.user)
    forged = reverse("training:certificate_pdf", args=[uuid.uuid4()])
    assert client.get(forged).status_code == 404
    assert client.get("/en/my/training/certificates/1/pdf/").status_code == 404


def test_a_module_taken_off_line_takes_its_pdf_with_it(client, module, certificate):
    module.unpublish()
    client.force_login(certificate.user)
    assert client.get(pdf_url(certificate)).status_code == 404


def test_the_download_costs_a_few_queries(client, certificate, django_assert_max_num_queries):
    client.force_login(certificate.user)
    url = pdf_url(certificate)
    with django_assert_max_num_queries(5):
        assert client.get(url).status_code == 200


def test_only_the_owner_sees_the_download_link_on_the_public_page(client, certificate):
    page_url = reverse("training:certificate", args=[certificate.token])
    link = pdf_url(certificate)
    visitor = client.get(page_url).text
    assert link not in visitor
    assert "Haddad-Secret" not in visitor
    client.force_login(UserFactory())
    assert link not in client.get(page_url).text
    client.force_login(certificate.user)
    assert link in client.get(page_url).text


def test_my_certificates_and_the_module_page_offer_the_pdf(client, module, certificate):
    client.force_login(certificate.user)
    link = pdf_url(certificate)
    assert link in client.get(reverse("training:my_training")).text
    assert link in client.get(module.url).text
    assert link in client.get(module.url + module.reverse_subpage("quiz_page")).text


def test_a_long_title_and_name_are_set_smaller_and_stay_clear_of_the_address(
    client, module, certificate
):
    module.title = ("Countering hate speech online with stories " * 6)[:255]
    module.save_revision().publish()
    certificate.user.display_name = "W" * 60  # one word, as wide as it gets
    certificate.user.save()
    response = download(client, certificate)
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    width = float(page.mediabox.width)
    seen = []  # (text, x, y) of every run drawn, in PDF points from the bottom left

    def visit(text, cm, tm, font, size):
        if text.strip():
            seen.append((text, tm[4], tm[5]))

    page.extract_text(visitor_text=visit)
    y_of = {text.strip(): y for text, _x, y in seen}
    with translation.override("en"):
        date_line = f"on {format_day(certificate.issued_at)}"
    assert y_of[date_line] > y_of["Check this certificate at:"] + 20
    # Centred text wider than the page would start left of the margin (30 mm, 85 pt).
    assert all(80 < x < width / 2 for text, x, _y in seen if "WWW" in text)
    assert "W" * 60 in "".join(text for text, *_ in seen)
