from django.db import transaction

from youthcities.audit.services import audit_record
from youthcities.network.cities.models import City, Organisation


def city_upsert(
    *, slug: str, name: str, country: str, region: str, languages: str, actor=None
) -> City:
    with transaction.atomic():
        city, created = City.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "country": country.upper(),
                "region": region,
                "languages": languages,
            },
        )
        audit_record(
            actor=actor,
            action="network.city_created" if created else "network.city_updated",
            target=city,
        )
    return city


def organisation_upsert(
    *, name: str, kind: str, city: City, website: str = "", actor=None
) -> Organisation:
    with transaction.atomic():
        org, created = Organisation.objects.update_or_create(
            name=name, city=city, defaults={"kind": kind, "website": website}
        )
        if created:
            audit_record(actor=actor, action="network.organisation_created", target=org)
    return org
