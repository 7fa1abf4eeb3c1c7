"""City profiles: per city, a section for each of its challenges, approaches, initiatives and
youth engagement, in English, French and Arabic, tagged with themes. The city's municipal staff
write a draft; programme staff approve it before it replaces what the public reads."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from youthcities.network.themes import Theme

LANGUAGES = ("en", "fr", "ar")


class SectionKind(models.TextChoices):
    CHALLENGES = "challenges", _("Challenges")
    APPROACHES = "approaches", _("Approaches")
    INITIATIVES = "initiatives", _("Initiatives")
    YOUTH_ENGAGEMENT = "youth_engagement", _("Youth engagement")


class ProfileSection(models.Model):
    """One section of a city's profile: what is live (`body_*`, `themes`) and, beside it, the
    draft waiting for approval (`draft_*`, `draft_themes`, `draft_waiting`)."""

    city = models.ForeignKey(
        "network.City", on_delete=models.CASCADE, related_name="profile_sections"
    )
    kind = models.CharField(_("section"), max_length=20, choices=SectionKind.choices)
    body_en = models.TextField(blank=True)
    body_fr = models.TextField(blank=True)
    body_ar = models.TextField(blank=True)
    # Theme codes between commas (",inclusion,media_literacy,"), as for members' documents.
    themes = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Non-members see that a members-only section exists (its title, how to apply), never its
    # text. Chosen with the draft and live once approved, like the text.
    members_only = models.BooleanField(_("members only"), default=False)
    draft_en = models.TextField(_("text (English)"), max_length=3000, blank=True)
    draft_fr = models.TextField(_("text (French)"), max_length=3000, blank=True)
    draft_ar = models.TextField(_("text (Arabic)"), max_length=3000, blank=True)
    draft_themes = models.CharField(max_length=200, blank=True)
    draft_members_only = models.BooleanField(_("members only"), default=False)
    draft_waiting = models.BooleanField(default=False)
    draft_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    draft_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("city profile section")
        verbose_name_plural = _("city profile sections")
        constraints = [
            models.UniqueConstraint(fields=["city", "kind"], name="hub_one_profile_section_kind")
        ]

    def __str__(self):
        return f"{self.city} · {self.kind}"

    @property
    def live(self) -> bool:
        return bool(self.body_en or self.body_fr or self.body_ar)

    def text_in(self, language: str) -> tuple[str, str]:
        """The live text in the reader's language, else English, else any: (text, its language)."""
        for code in (language[:2], "en", *LANGUAGES):
            text = getattr(self, f"body_{code}", "")
            if text:
                return text, code
        return "", language[:2]

    @property
    def theme_labels(self) -> list[str]:
        labels = dict(Theme.choices)
        return [str(labels[code]) for code in self.themes.split(",") if code in labels]

    @property
    def draft_theme_labels(self) -> list[str]:
        labels = dict(Theme.choices)
        return [str(labels[code]) for code in self.draft_themes.split(",") if code in labels]
