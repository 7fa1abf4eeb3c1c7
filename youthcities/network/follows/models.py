"""Following a city, a workshop or a commitment; the notifications that changes leave for the
followers; and each person's digest setting."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    """One person following exactly one thing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    city = models.ForeignKey(
        "network.City", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    workshop = models.ForeignKey(
        "network.Workshop", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    commitment = models.ForeignKey(
        "network.Commitment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(city__isnull=False, workshop__isnull=True, commitment__isnull=True)
                    | Q(city__isnull=True, workshop__isnull=False, commitment__isnull=True)
                    | Q(city__isnull=True, workshop__isnull=True, commitment__isnull=False)
                ),
                name="network_follow_one_thing",
            ),
            models.UniqueConstraint(fields=["user", "city"], name="network_follow_city_once"),
            models.UniqueConstraint(
                fields=["user", "workshop"], name="network_follow_workshop_once"
            ),
            models.UniqueConstraint(
                fields=["user", "commitment"], name="network_follow_commitment_once"
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.city or self.workshop or self.commitment}"


class DigestSetting(models.Model):
    class Frequency(models.TextChoices):
        DAILY = "daily", _("Once a day")
        WEEKLY = "weekly", _("Once a week")
        NEVER = "never", _("No emails")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest"
    )
    frequency = models.CharField(
        _("digest email"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    last_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user}: {self.frequency}"


class Notification(models.Model):
    """A change someone follows, for the in-site list and the next digest. `kind` and `data`
    are rendered in the reader's language when shown."""

    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", _("New recommendation")
        ANSWER = "answer", _("Official answer")
        PROGRESS = "progress", _("Progress")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # What the reader follows that this is about, as "city:3", "workshop:5" or "commitment:9":
    # the digest groups by it and names it in the reader's language.
    about = models.CharField(max_length=40)
    data = models.JSONField(default=dict)
    link = models.CharField(max_length=300)
    created_at = models.DateTimeField(db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "digested_at"])]

    def __str__(self):
        return f"{self.user}: {self.kind} ({self.about})"
