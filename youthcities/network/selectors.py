from django.db.models import QuerySet

from .models import City


def cities_all() -> QuerySet[City]:
    return City.objects.order_by("name")
