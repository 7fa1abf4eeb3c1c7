"""Reminders sent (one row per kind, occurrence and person: the unique constraint is what makes
each reminder go out once, whatever the number of schedulers), each person's choice per kind,
and the secret address of their calendar feed."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately")
    DIGEST = "digest", _("In a daily digest")
    NEVER = "never", _("Never")


class ReminderSent(models.Model):
    """A reminder of one kind about one occurrence (`key`, e.g. "42:2026-05-01") to one person.
    A reminder waiting for the person's daily digest has `digested_at` empty until it goes."""

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=120)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    delivery = models.CharField(max_length=12, choices=Delivery.choices)
    # Rendered in the recipient's language when it was due: the digest lists these.
    subject = models.CharField(max_length=300)
    link = models.CharField(max_length=300)
    sent_at = models.DateTimeField()
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "user"], name="reminders_sent_once")
        ]
        indexes = [models.Index(fields=["delivery", "digested_at"])]

    def __str__(self):
        return f"{self.kind} {self.key} → {self.user_id}"


class ReminderPreference(models.Model):
    """How a person wants one kind of reminder; without a row: immediately."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preferences"
    )
    kind = models.CharField(max_length=40)
    delivery = models.CharField(_("delivery"), max_length=12, choices=Delivery.choices)

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="reminders_preference_once")
        ]

    def __str__(self):
        return f"{self.user_id}: {self.kind} {self.delivery}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret part of a person's personal calendar address; a new one retires the old."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"{self.user_id}"
