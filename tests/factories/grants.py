import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from grants.applications.models import Application, BudgetLine
from grants.calls.models import GrantCall, RubricCriterion
from grants.calls.services import ranking_touch
from tests.factories.accounts import UserFactory


class GrantCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantCall
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"call-{n}")
    title_en = factory.Sequence(lambda n: f"Innovation call {n}")
    title_fr = factory.LazyAttribute(lambda o: f"Appel {o.title_en}")
    title_ar = "منح الابتكار"
    description_en = "Small grants for youth projects."
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=5))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))
    timezone = "Asia/Beirut"
    currency = "USD"
    max_amount = Decimal("5000")
    min_age = 15
    max_age = 30


class RubricCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RubricCriterion

    call = factory.SubFactory(GrantCallFactory)
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    name_ar = "معيار"
    weight = Decimal("1")
    scale_min = 1
    scale_max = 5
    sort_order = factory.Sequence(lambda n: n)


class SubmittedApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application with one budget line, made directly (the wizard and the submit
    service have their own tests)."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    call = factory.SubFactory(GrantCallFactory)
    applicant = factory.SubFactory(UserFactory)
    status = Application.Status.SUBMITTED
    reference = factory.Sequence(lambda n: f"YC-2026-{n + 1:04d}")
    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "Young people meet and speak up."
    group_name = factory.Sequence(lambda n: f"Youth group {n}")
    organisation_name = "Saida Youth Network"
    theme = "inclusion"
    group_kind = "informal_group"
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def budget(self, create, extracted, **kwargs):
        if create:
            BudgetLine.objects.create(
                application=self,
                description="Workshops",
                category="activities",
                amount=extracted if extracted is not None else Decimal("2000"),
            )

    @factory.post_generation
    def ranked(self, create, extracted, **kwargs):
        """As `application_submit` does: the call's ranking (its score table) lists it."""
        if create:
            ranking_touch(self.call_id, applications=[self.pk])
