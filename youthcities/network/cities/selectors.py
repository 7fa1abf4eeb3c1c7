from django.core.cache import cache
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from youthcities.network.cities.models import City


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


def city_of_staff(user):
    """The city a municipal staff member speaks for, or None."""
    if not user.is_authenticated:
        return None
    staff = getattr(user, "city_staff", None)  # None when they are not municipal staff
    return staff.city if staff else None
