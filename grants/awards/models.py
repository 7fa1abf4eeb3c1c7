"""Awards: the award an approved application becomes and the grantee's reports. Tranches and
every movement of money live a floor below, in `grants.payments`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from grants.calls.models import validate_currency
from grants.payments.models import PayoutMethod, StripeAccount, Tranche, evidence_key
from youthcities.money import format_money
from youthcities.private_storage import private_storage


class Award(models.Model):
    """The grant an approved application became: its amount, who receives the money, how it is
    paid, and (through its tranches and reports) when."""

    wagtail_reference_index_ignore = True

    class State(models.TextChoices):
        AWAITING_AGREEMENT = "awaiting_agreement", _("Waiting for the signed agreement")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")

    class PayeeKind(models.TextChoices):
        GRANTEE = "grantee", _("The grantee")
        GUARDIAN = "guardian", _("A parent or guardian")
        HOST_ORGANISATION = "host_organisation", _("A host organisation")

    Method = PayoutMethod

    application = models.OneToOneField(
        "grants.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="award",
    )
    # The call, copied: the finance dashboard groups by it without a join.
    call = models.ForeignKey(
        "grants.GrantCall", on_delete=models.PROTECT, related_name="awards", editable=False
    )
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("grantee"),
        on_delete=models.PROTECT,
        related_name="grant_awards",
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=3)
    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency])
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.AWAITING_AGREEMENT
    )
    payee_kind = models.CharField(
        _("who receives the money"), max_length=20, choices=PayeeKind.choices
    )
    payee_name = models.CharField(_("payee"), max_length=150)
    payee_country = models.CharField(_("payee's country"), max_length=2)
    payout_method = models.CharField(_("how it is paid"), max_length=10, choices=Method.choices)
    stripe_account = models.ForeignKey(
        StripeAccount,
        verbose_name=_("Stripe account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    agreement_accepted_at = models.DateTimeField(_("agreement accepted"), null=True, blank=True)
    agreement_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("awarded"), auto_now_add=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="grants_award_amount_positive"),
            models.CheckConstraint(
                condition=Q(state="awaiting_agreement") | Q(agreement_accepted_at__isnull=False),
                name="grants_award_active_has_agreement",
            ),
        ]

    def __str__(self):
        return f"{self.application.reference} ({format_money(self.amount, self.currency)})"

    @property
    def transfer_group(self) -> str:
        return f"award-{self.pk}"


class Report(models.Model):
    """A progress report the grantee owes: its approval makes the linked tranche payable."""

    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        MIDTERM = "midterm", _("Mid-term report")
        FINAL = "final", _("Final report")

    class State(models.TextChoices):
        DUE = "due", pgettext_lazy("progress report state", "Due")
        SUBMITTED = "submitted", _("Waiting for approval")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", pgettext_lazy("progress report state", "Approved")

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="reports")
    tranche = models.OneToOneField(
        Tranche, on_delete=models.PROTECT, related_name="report", null=True, blank=True
    )
    kind = models.CharField(_("report"), max_length=10, choices=Kind.choices)
    due_on = models.DateField(_("due"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DUE)
    progress = models.TextField(_("progress"), blank=True, max_length=5000)
    staff_comment = models.TextField(_("comment from staff"), blank=True, max_length=3000)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["award", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["award", "kind"], name="grants_report_once"),
        ]

    def __str__(self):
        return f"{self.award_id}: {self.get_kind_display()}"


class ReportSpending(models.Model):
    """Money spent, per budget line of the application, as the grantee reports it."""

    wagtail_reference_index_ignore = True

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="spending")
    budget_line = models.ForeignKey("grants.BudgetLine", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(_("spent"), max_digits=14, decimal_places=3)

    class Meta:
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        constraints = [
            models.UniqueConstraint(fields=["report", "budget_line"], name="grants_spending_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="grants_spending_positive"),
        ]


class ReportEvidence(models.Model):
    wagtail_reference_index_ignore = True

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_key, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return self.original_name
