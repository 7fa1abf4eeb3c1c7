"""The cities of the network, their organisations, and the municipal staff who speak for each."""

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from django.conf import settings
from django.db import models
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _

from youthcities.translated import Translated


def _babel_locale() -> Locale:
    try:
        return Locale.parse(to_locale(get_language() or settings.LANGUAGE_CODE))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(settings.LANGUAGE_CODE)


class Region(models.TextChoices):
    EAST_AFRICA = "east_africa", _("East Africa")
    WEST_AFRICA = "west_africa", _("West Africa")
    MIDDLE_EAST = "middle_east", _("Middle East and North Africa")
    WESTERN_BALKANS = "western_balkans", _("Western Balkans")
    EUROPE = "europe", _("Europe")
    NORTH_AMERICA = "north_america", _("North America")
    SOUTH_ASIA = "south_asia", _("South Asia")


class City(models.Model):
    """A city of the network. Its name is kept in each language (in Arabic script for Arabic
    readers); country and languages are codes, shown by their names in the reader's language."""

    name = models.CharField(_("name (English)"), max_length=100)
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166 code"))
    region = models.CharField(_("region"), max_length=30, choices=Region.choices)
    # Language codes spoken in the city, e.g. "ar,en"; a plain string keeps SQLite happy.
    languages = models.CharField(_("languages"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]

    local_name = Translated("name", english="name")

    def __str__(self):
        return self.local_name

    @property
    def language_codes(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def country_name(self) -> str:
        """ "الأردن", "Jordanie", "Jordan": Babel's name of the country in the reader's language."""
        return _babel_locale().territories.get(self.country, self.country)

    @property
    def language_names(self) -> list[str]:
        """The city's languages by their names in the reader's language ("arabe, anglais")."""
        names = _babel_locale().languages
        return [names.get(code, code) for code in self.language_codes]

    @property
    def languages_spoken(self) -> str:
        """ "العربية والإنجليزية", "arabe et anglais": the languages as the reader's language
        lists them."""
        return format_list(self.language_names, locale=_babel_locale()) if self.languages else ""


class Organisation(models.Model):
    class Kind(models.TextChoices):
        YOUTH_GROUP = "youth_group", _("Youth group")
        NGO = "ngo", _("NGO")
        MUNICIPALITY = "municipality", _("Municipality")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    city = models.ForeignKey(
        City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="organisations"
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "city"], name="network_org_name_city_unique")
        ]

    def __str__(self):
        return self.name


class CityStaff(models.Model):
    """A municipal staff member and the city they speak for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="city_staff"
    )
    city = models.ForeignKey("network.City", on_delete=models.CASCADE, related_name="staff")

    class Meta:
        verbose_name = _("municipal staff member")
        verbose_name_plural = _("municipal staff")

    def __str__(self):
        return f"{self.user} ({self.city})"
