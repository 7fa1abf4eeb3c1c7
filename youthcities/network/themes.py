"""Themes shared by grants, campaigns and workshops. Codes are stored; labels are shown."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    HATE_SPEECH = "hate_speech", _("Countering hate speech")
    POLARISATION = "polarisation", _("Bridging divides")
    VIOLENT_EXTREMISM = "violent_extremism", _("Preventing violent extremism")
    INCLUSION = "inclusion", _("Social inclusion")
    MEDIA_LITERACY = "media_literacy", _("Media and digital literacy")
    CIVIC_PARTICIPATION = "civic_participation", _("Civic participation")
