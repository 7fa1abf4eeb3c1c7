import datetime

import factory
from django.utils import timezone

from youthcities.network.cities.models import City, CityStaff
from youthcities.network.workshops.models import Workshop


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ["slug"]

    name = "Irbid"
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    country = "JO"
    region = "middle_east"
    languages = "ar,en"


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"workshop-{n}")
    kind = Workshop.Kind.POLICY
    city = factory.SubFactory(CityFactory)
    title_en = factory.Sequence(lambda n: f"Policy workshop {n}")
    title_ar = "ورشة السياسات"
    description_en = "Young people and municipal leaders work on local policy."
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=2))
    venue = "Youth Centre, 12 Palestine Street"
    capacity = 2


def municipal_staff_of(city, user):
    CityStaff.objects.create(user=user, city=city)
    return user
