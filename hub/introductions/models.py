"""Counterpart introductions: a member asks to be put in touch with a city; programme staff pick
the counterpart; only when the counterpart accepts does each get the other's contact."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Introduction(models.Model):
    class Status(models.TextChoices):
        ASKED = "asked", _("Asked: the programme team looks for a counterpart")
        OFFERED = "offered", _("Offered: waiting for the counterpart's answer")
        INTRODUCED = "introduced", _("Introduced")
        DECLINED = "declined", _("Declined")

    class Outcome(models.TextChoices):
        EXCHANGE_VISIT = "exchange_visit", _("An exchange visit")
        SHARED_DOCUMENT = "shared_document", _("A shared document")
        JOINT_PROJECT = "joint_project", _("A joint project")
        NONE = "none", _("Nothing came of it")

    class About(models.TextChoices):
        CITY = "", _("The city")
        PROFILE = "profile", _("An initiative on the city's profile")
        PROJECT = "project", _("A funded project")
        WORKSHOP = "workshop", _("A lab or workshop")

    OPEN = (Status.ASKED, Status.OFFERED)

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="introductions_asked",
    )
    requester_city = models.ForeignKey(
        "network.City", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    city = models.ForeignKey(
        "network.City",
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="introductions",
    )
    wish = models.TextField(_("what you want to learn"), max_length=1000)
    # What the request was about, when asked from an initiative: its kind, its id and its title
    # as it read then (the initiative may be renamed or removed later).
    about_kind = models.CharField(
        _("about"), max_length=10, choices=About.choices, blank=True, default=""
    )
    about_id = models.PositiveIntegerField(null=True, blank=True)
    about_title = models.CharField(_("initiative"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ASKED
    )
    counterpart = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("counterpart"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introductions_offered",
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("counterpart introduction", "introduction")
        verbose_name_plural = pgettext_lazy("counterpart introduction", "introductions")
        ordering = ["-created_at"]
        constraints = [
            # One open request per person and counterpart city, even from two tabs.
            models.UniqueConstraint(
                fields=["requester", "city"],
                condition=Q(status__in=["asked", "offered"]),
                name="hub_one_open_introduction_per_city",
            )
        ]

    def __str__(self):
        return f"{self.requester} → {self.city}"

    @property
    def waiting_for_outcome(self) -> bool:
        return self.status == self.Status.INTRODUCED and not self.outcome


class CounterpartContact(models.Model):
    """A municipal officer or member who agreed to be a counterpart contact of their city: their
    display name and role are shown to members (never their email). With `takes_requests`,
    introduction requests to the city go straight to them instead of waiting for staff."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="counterpart_contact"
    )
    city = models.ForeignKey(
        "network.City", on_delete=models.CASCADE, related_name="counterpart_contacts"
    )
    role = models.CharField(_("your role, as members see it"), max_length=120)
    takes_requests = models.BooleanField(
        _("send introduction requests straight to me"), default=False
    )
    opted_in_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("counterpart contact")
        verbose_name_plural = _("counterpart contacts")
        ordering = ["opted_in_at"]

    def __str__(self):
        return f"{self.user} · {self.city}"
