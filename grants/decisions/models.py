"""The decisions staff take on applications, kept in order as the application's history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grants.decisions.letters import check_placeholders


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
    # The letter sent with the decision, as the applicant read it (placeholders filled).
    letter = models.TextField(_("letter"), blank=True)
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


class LetterTemplate(models.Model):
    """A call's letter for one decision in one language, with placeholders filled per applicant
    (grants/decisions/letters.py). Staff may still edit the letter for one applicant."""

    wagtail_reference_index_ignore = True

    class Language(models.TextChoices):
        EN = "en", _("English")
        FR = "fr", _("French")
        AR = "ar", _("Arabic")

    OUTCOMES = [
        (Decision.Outcome.APPROVE, _("Approval")),
        (Decision.Outcome.DECLINE, _("Decline")),
        (Decision.Outcome.MORE_INFO, _("Request for more information")),
    ]

    call = models.ForeignKey(
        "grants.GrantCall",
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="letter_templates",
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=OUTCOMES)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    body = models.TextField(
        _("letter"),
        max_length=5000,
        help_text=_(
            "Placeholders: {name} (the applicant's display name), {reference}, {amount} "
            "(the amount awarded, in the applicant's language), {feedback} (the message typed "
            "with the decision)."
        ),
    )

    class Meta:
        verbose_name = _("decision letter")
        verbose_name_plural = _("decision letters")
        ordering = ["call", "outcome", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "outcome", "language"], name="grants_one_letter_per_language"
            )
        ]

    def __str__(self):
        return f"{self.call}: {self.get_outcome_display()} ({self.get_language_display()})"

    def clean(self):
        check_placeholders(self.body, field="body")


class BatchDecision(models.Model):
    """One decision staff apply to many applications from the ranking. It runs as a task; each
    application is still decided by `application_decide` (its own audit entry and email). An
    application whose status changed since staff selected it is skipped and listed."""

    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    BATCH_OUTCOMES = [
        (Decision.Outcome.SHORTLIST, _("Shortlist")),
        (Decision.Outcome.DECLINE, _("Decline")),
        (Decision.Outcome.MORE_INFO, _("Request more information")),
    ]

    call = models.ForeignKey("grants.GrantCall", on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(_("decision"), max_length=20, choices=BATCH_OUTCOMES)
    message = models.TextField(_("message to the applicants"), blank=True, max_length=3000)
    # [{"id": application id, "status": the status staff saw when they selected it}]
    selected = models.JSONField(default=list)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    decided = models.JSONField(default=list)  # references
    skipped = models.JSONField(default=list)  # [{"reference": …, "reason": …}]
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("batch decision")
        verbose_name_plural = _("batch decisions")

    def __str__(self):
        return f"{self.call_id}: {self.outcome} × {len(self.selected)}"

    @property
    def rows_total(self) -> int:
        return len(self.selected)

    @property
    def percent(self) -> int:
        return round(100 * self.rows_done / self.rows_total) if self.rows_total else 100
