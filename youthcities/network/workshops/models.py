"""Labs and workshops, who takes part, what young people recommend, the city's official answers,
and the commitments that follow, with their progress."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from youthcities.network.themes import Theme
from youthcities.translated import Translated


class Workshop(ClusterableModel):
    class Kind(models.TextChoices):
        LAB = "innovation_lab", _("Youth Innovation Lab")
        POLICY = "policy_workshop", _("Youth Policy Workshop")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    city = models.ForeignKey(
        "network.City", verbose_name=_("city"), on_delete=models.PROTECT, related_name="workshops"
    )
    title_en = models.CharField(_("title (English)"), max_length=150)
    title_fr = models.CharField(_("title (French)"), max_length=150, blank=True)
    title_ar = models.CharField(_("title (Arabic)"), max_length=150, blank=True)
    description_en = models.TextField(_("public description (English)"))
    description_fr = models.TextField(_("public description (French)"), blank=True)
    description_ar = models.TextField(_("public description (Arabic)"), blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    # Shown only to registered participants: young people's safety.
    venue = models.CharField(
        _("venue"), max_length=200, help_text=_("Shown only to registered participants.")
    )
    facilitators_en = models.CharField(_("facilitators (English)"), max_length=300, blank=True)
    facilitators_fr = models.CharField(_("facilitators (French)"), max_length=300, blank=True)
    facilitators_ar = models.CharField(_("facilitators (Arabic)"), max_length=300, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("places for young people"), validators=[MinValueValidator(1)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    title = Translated("title")
    description = Translated("description")
    facilitators = Translated("facilitators")

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="network_workshop_dates"
            )
        ]

    def holds(self, day) -> bool:
        """Whether `day` is one of the workshop's days."""
        return self.starts_on <= day <= self.ends_on

    def registration_open(self, today=None) -> bool:
        """Young people register until the first day: the page and the service ask this."""
        return (today or timezone.localdate()) < self.starts_on

    def __str__(self):
        return self.title_en


class WorkshopSession(Orderable):
    """One item of the agenda: a day, a time and what happens."""

    workshop = ParentalKey(Workshop, on_delete=models.CASCADE, related_name="sessions")
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("starts at"))
    title_en = models.CharField(_("session (English)"), max_length=150)
    title_fr = models.CharField(_("session (French)"), max_length=150, blank=True)
    title_ar = models.CharField(_("session (Arabic)"), max_length=150, blank=True)

    title = Translated("title")

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("agenda")

    def __str__(self):
        return f"{self.day} {self.starts_at} {self.title_en}"


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Role(models.TextChoices):
        YOUTH = "youth", _("Young participant")
        MUNICIPAL = "municipal", _("Municipal participant")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.YOUTH)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "user"], name="network_register_once")
        ]

    def __str__(self):
        return f"{self.user} → {self.workshop} ({self.status})"


class Attendance(models.Model):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendance"
    )
    day = models.DateField(_("day"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "day"], name="network_attend_once")
        ]

    def __str__(self):
        return f"{self.registration} {self.day}"


class Recommendation(models.Model):
    """What young people at a workshop recommend to their city."""

    workshop = models.ForeignKey(Workshop, on_delete=models.PROTECT, related_name="recommendations")
    city = models.ForeignKey(
        "network.City", on_delete=models.PROTECT, related_name="recommendations", editable=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="recommendations"
    )
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(_("recommendation"), max_length=3000)
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    department = models.CharField(
        _("department addressed"),
        max_length=120,
        help_text=_("e.g. Youth and sports, Education, Social affairs"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.city_id is None:
            self.city_id = self.workshop.city_id
        super().save(*args, **kwargs)


class Answer(models.Model):
    """The city's official, public answer to a recommendation."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", pgettext_lazy("answer to a recommendation", "Accepted")
        CONSIDERING = "under_consideration", _("Under consideration")
        DECLINED = "declined", pgettext_lazy("answer to a recommendation", "Declined")

    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.CASCADE, related_name="answer"
    )
    decision = models.CharField(_("answer"), max_length=20, choices=Decision.choices)
    explanation = models.TextField(_("public explanation"), max_length=3000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("official answer")
        verbose_name_plural = _("official answers")

    def __str__(self):
        return f"{self.recommendation}: {self.get_decision_display()}"


class Commitment(models.Model):
    """What the city commits to when it accepts a recommendation, tracked to completion."""

    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.CASCADE, related_name="commitment"
    )
    city = models.ForeignKey(
        "network.City", on_delete=models.PROTECT, related_name="commitments", editable=False
    )
    owner = models.CharField(_("responsible department"), max_length=120)
    due_on = models.DateField(_("due"))
    milestones = models.TextField(_("milestones"), blank=True, help_text=_("One per line."))
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="network_progress_100")
        ]

    def __str__(self):
        return str(self.recommendation)

    @property
    def milestone_list(self) -> list[str]:
        return [line.strip() for line in self.milestones.splitlines() if line.strip()]


class ProgressUpdate(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    percent = models.PositiveSmallIntegerField(_("progress (%)"))
    note = models.TextField(_("note"), max_length=2000, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    posted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-posted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__lte=100), name="network_progress_update_100"
            )
        ]

    def __str__(self):
        return f"{self.commitment}: {self.percent}%"


class ServesTheCity(models.Model):
    """The links an output of the programme (a campaign, a funded project) keeps on its own side:
    the lab or workshop it came from, and the city commitment it helps to deliver."""

    workshop = models.ForeignKey(
        Workshop,
        verbose_name=_("came from the lab or workshop"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    serves = models.ForeignKey(
        Commitment,
        verbose_name=_("serves the city's commitment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A commitment of a city this helps to deliver."),
    )

    class Meta:
        abstract = True
