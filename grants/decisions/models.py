"""The decisions staff take on applications, kept in order as the application's history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Decision(models.Model):
    """A decision staff took on an application; the latest is the application's status."""

    wagtail_reference_index_ignore = True

    class Outcome(models.TextChoices):
        SHORTLIST = "shortlisted", _("Shortlist")
        APPROVE = "approved", _("Approve")
        DECLINE = "declined", _("Decline")
        MORE_INFO = "more_info", _("Request more information")

    application = models.ForeignKey(
        "grants.Application", on_delete=models.CASCADE, related_name="decisions"
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    amount = models.DecimalField(
        _("amount to award"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    message = models.TextField(_("message to the applicant"), blank=True, max_length=3000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["decided_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="approved") | Q(amount__gt=0),
                name="grants_approval_has_amount",
            )
        ]

    def __str__(self):
        return f"{self.application}: {self.get_outcome_display()}"
