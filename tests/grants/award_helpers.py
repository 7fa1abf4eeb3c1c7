"""Shared set-up for the award tests: an approved application's award, finance officers, an
evidence file, and a Stripe-paid award whose payee can receive payouts."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from grants.awards.models import Award
from grants.awards.services import award_accept_agreement
from grants.decisions.services import application_decide
from grants.payments.gateway import account_retrieve
from grants.payments.models import StripeAccount
from grants.payments.stripe_events import account_apply
from tests.factories.accounts import UserFactory
from tests.grants.review_helpers import make_applications, make_call, make_staff
from youthcities.accounts.roles import FINANCE

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def evidence(name="transfer.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def make_finance(n=1):
    officers = [
        UserFactory(roles=[FINANCE], is_staff=True, display_name=f"Finance {i}") for i in range(n)
    ]
    return officers if n > 1 else officers[0]


def make_award(
    *,
    amount=Decimal("1000"),
    currency="USD",
    country="LB",
    applicant=None,
    staff=None,
    accept=False,
    **application_fields,
) -> Award:
    call = make_call(currency=currency, max_amount=max(amount, Decimal("5000")) * 10)
    applicant = applicant or UserFactory(country=country)
    application = make_applications(
        call, 1, applicant=applicant, budget=amount, **application_fields
    )[0]
    application_decide(
        application=application, actor=staff or make_staff(), outcome="approved", amount=amount
    )
    award = Award.objects.get(application=application)
    if accept:
        award = award_accept_agreement(award=award, actor=applicant)
    return award


def connect_stripe(award: Award, standin) -> StripeAccount:
    """The payee onboarded: an account Stripe lets receive payouts, linked to the award."""
    account_id = standin.add_account(payouts_enabled=True, country=award.payee_country)
    account = StripeAccount.objects.create(
        account_id=account_id, owner=award.grantee, country=award.payee_country
    )
    Award.objects.filter(pk=award.pk).update(stripe_account=account)
    account_apply(account=account_retrieve(account_id))
    award.refresh_from_db()
    return account
