"""Finance's screens: the "ready to pay" list across awards, the manual-payment form that
starts from the tranche's amount and currency, and the approval asked twice."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from grants.payments.manual import manual_payment_record
from grants.payments.models import ManualPayment, Tranche
from tests.factories.accounts import UserFactory
from tests.grants.award_helpers import evidence, make_award
from youthcities.accounts.roles import FINANCE

pytestmark = pytest.mark.django_db
T = Tranche.State


@pytest.fixture
def finance():
    return UserFactory(roles=[FINANCE], is_staff=True)


def test_ready_to_pay_lists_every_payable_tranche_across_awards(
    client, finance, django_assert_max_num_queries
):
    accepted = [make_award(accept=True, currency="XOF", amount=Decimal("1500000"))]
    accepted += [make_award(accept=True) for _ in range(3)]
    waiting = make_award()  # its agreement is not accepted: nothing to pay yet
    client.force_login(finance)
    url = reverse("grants_award_admin:ready_to_pay")
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    html = response.content.decode()
    assert [t.award_id for t in response.context["tranches"]] == [a.pk for a in accepted]
    assert waiting.application.reference not in html
    assert "CFA750,000" in html  # half of XOF 1 500 000, formatted, never "750000.000"
    assert "750000.000" not in html
    assert html.count("Record a manual payment") == 4


def test_the_manual_payment_form_starts_from_the_tranche_amount_and_currency(client, finance):
    award = make_award(accept=True, currency="JOD", amount=Decimal("1500.500"))
    tranche = award.tranches.get(position=1)
    client.force_login(finance)
    url = reverse("grants_award_admin:manual_record", args=[tranche.pk])
    form = client.get(url).context["form"]
    assert form["amount"].value() == "750.250"
    assert form.fields["currency"].choices == [("JOD", "JOD")]
    html = client.get(url).content.decode()
    assert '<select name="currency"' in html
    french = client.get(url, headers={"accept-language": "fr"})
    assert french.context["form"]["amount"].value() == "750,250"  # as a French reader types it


def test_approving_a_manual_payment_asks_for_confirmation_first(client, finance):
    award = make_award(accept=True)
    tranche = award.tranches.get(position=1)
    payment = manual_payment_record(
        tranche=tranche,
        actor=finance,
        method="bank",
        reference="BLOM-77",
        paid_on=timezone.localdate(),
        amount=tranche.amount,
        currency="USD",
        evidence=evidence(),
    )
    second = UserFactory(roles=[FINANCE], is_staff=True)
    client.force_login(second)
    url = reverse("grants_award_admin:manual_decide", args=[payment.pk])
    response = client.post(url, {"action": "approve"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Approve this payment?" in html and "BLOM-77" in html and "$500.00" in html
    payment.refresh_from_db()
    assert payment.state == ManualPayment.State.RECORDED
    response = client.post(url, {"action": "approve", "confirmed": "1"})
    assert response.status_code == 302
    tranche.refresh_from_db()
    assert tranche.state == T.PAID


def test_the_recorder_is_refused_before_the_confirmation(client, finance):
    award = make_award(accept=True)
    tranche = award.tranches.get(position=1)
    payment = manual_payment_record(
        tranche=tranche,
        actor=finance,
        method="bank",
        reference="BLOM-78",
        paid_on=timezone.localdate(),
        amount=tranche.amount,
        currency="USD",
        evidence=evidence(),
    )
    client.force_login(finance)
    response = client.post(
        reverse("grants_award_admin:manual_decide", args=[payment.pk]),
        {"action": "approve"},
        follow=True,
    )
    assert "Approve this payment?" not in response.content.decode()
    assert "Another finance officer must approve" in response.content.decode()
