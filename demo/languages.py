"""The demo's place names in French and Arabic (Arabic script for Arabic readers). Runs after
`seed_network` and before the workshops, whose titles name their city; fills only what is
empty, so running it again (or after staff edited a name) changes nothing."""

from youthcities.network.cities.models import City

CITY_NAMES = {
    # slug: (French, Arabic)
    "mombasa": ("Mombasa", "مومباسا"),
    "saida": ("Saïda", "صيدا"),
    "tripoli": ("Tripoli", "طرابلس"),
    "majdal-anjar": ("Majdel Anjar", "مجدل عنجر"),
    "zarqa": ("Zarqa", "الزرقاء"),
    "karak": ("Kerak", "الكرك"),
    "irbid": ("Irbid", "إربد"),
    "dakar": ("Dakar", "داكار"),
    "kumanovo": ("Kumanovo", "كومانوفو"),
    "chattanooga": ("Chattanooga", "تشاتانوغا"),
    "tirana": ("Tirana", "تيرانا"),
    "prishtina": ("Pristina", "بريشتينا"),
    "tunis": ("Tunis", "تونس"),
    "nairobi": ("Nairobi", "نيروبي"),
}


def seed_place_names() -> None:
    for city in City.objects.filter(slug__in=CITY_NAMES):
        french, arabic = CITY_NAMES[city.slug]
        changed = {}
        if not city.name_fr:
            changed["name_fr"] = french
        if not city.name_ar:
            changed["name_ar"] = arabic
        if changed:
            City.objects.filter(pk=city.pk).update(**changed)
