import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from grants.models import GrantCall


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
