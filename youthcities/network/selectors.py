from django.core.cache import cache
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import City


def cities_all() -> QuerySet[City]:
    return City.objects.order_by("name")


CITY_CHOICES_KEY = "network:city-choices"


def city_choices() -> list[tuple[int, str]]:
    """(id, name) of every city, for filters: cached, and dropped when a city changes."""
    choices = cache.get(CITY_CHOICES_KEY)
    if choices is None:
        choices = list(cities_all().values_list("pk", "name"))
        cache.set(CITY_CHOICES_KEY, choices, 3600)
    return choices


@receiver(post_save, sender=City)
@receiver(post_delete, sender=City)
def _cities_changed(**kwargs):
    cache.delete(CITY_CHOICES_KEY)
