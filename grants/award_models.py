"""Awards and disbursement: the award an approved application becomes, its tranches, the
grantee's reports, manual payments, Stripe Connect accounts and events, and the append-only
ledger of every movement of money."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# models.py imports this module at its end, after defining the private storage.
from .models import private_storage, validate_currency


class PayoutCountry(models.Model):
    """Where Stripe Connect can pay out. Data, not code: finance edit the list as Stripe's
    coverage changes. A country missing here, or not supported, is paid manually."""

    wagtail_reference_index_ignore = True

    country = models.CharField(_("country code"), max_length=2, primary_key=True)
    stripe_supported = models.BooleanField(_("Stripe Connect pays out here"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("payout country")
        verbose_name_plural = _("payout countries")
        ordering = ["country"]

    def __str__(self):
        return self.country


class StripeAccount(models.Model):
    """A payee's Stripe Connect account. Whether it can receive payouts is what Stripe last
    said (an `account.updated` event, refetched), never what the browser says."""

    wagtail_reference_index_ignore = True

    account_id = models.CharField(_("Stripe account"), max_length=64, unique=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="stripe_accounts",
    )
    country = models.CharField(_("country"), max_length=2)
    details_submitted = models.BooleanField(_("details submitted"), default=False)
    payouts_enabled = models.BooleanField(_("can receive payouts"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Stripe account")
        verbose_name_plural = _("Stripe accounts")

    def __str__(self):
        return self.account_id


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

    class Method(models.TextChoices):
        STRIPE = "stripe", _("Stripe Connect transfer")
        MANUAL = "manual", _("Manual transfer (bank, mobile money, host organisation)")

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
        return f"{self.application.reference} ({self.currency} {self.amount})"

    @property
    def transfer_group(self) -> str:
        return f"award-{self.pk}"


class Tranche(models.Model):
    """A part of an award, paid when its condition is met. Its state moves only through
    `grants.award_lifecycle.TRANCHE_TRANSITIONS`, in `grants.award_services`."""

    wagtail_reference_index_ignore = True

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        PAYABLE = "payable", _("Ready to pay")
        PROCESSING = "processing", _("Being paid")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Payment failed")
        REVERSED = "reversed", _("Reversed")

    class Condition(models.TextChoices):
        AGREEMENT = "agreement", _("On the signed agreement")
        MIDTERM_REPORT = "midterm_report", _("On an approved mid-term report")
        FINAL_REPORT = "final_report", _("On an approved final report")

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="tranches")
    position = models.PositiveSmallIntegerField(_("number"))
    condition = models.CharField(_("paid"), max_length=20, choices=Condition.choices)
    percent = models.DecimalField(_("share"), max_digits=5, decimal_places=2)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=3)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.SCHEDULED, db_index=True
    )
    # Each attempt to pay through Stripe has its own key, saved before the call to Stripe.
    attempt = models.PositiveSmallIntegerField(default=0)
    idempotency_key = models.CharField(max_length=80, blank=True)
    stripe_transfer_id = models.CharField(max_length=64, blank=True, db_index=True)
    failure_reason = models.CharField(_("why it failed"), max_length=300, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["award", "position"]
        constraints = [
            models.UniqueConstraint(fields=["award", "position"], name="grants_tranche_position"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="grants_tranche_positive"),
            models.CheckConstraint(
                condition=~Q(state__in=["paid", "reversed"]) | Q(paid_at__isnull=False),
                name="grants_tranche_paid_has_date",
            ),
            models.UniqueConstraint(
                fields=["stripe_transfer_id"],
                condition=~Q(stripe_transfer_id=""),
                name="grants_tranche_one_transfer",
            ),
        ]

    def __str__(self):
        return f"{self.award_id} #{self.position}"

    def new_idempotency_key(self) -> str:
        return f"yc-tranche-{self.pk}-{self.attempt}-{secrets.token_hex(4)}"


def evidence_key(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"awards/{secrets.token_urlsafe(24)}.{extension}"


class Report(models.Model):
    """A progress report the grantee owes: its approval makes the linked tranche payable."""

    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        MIDTERM = "midterm", _("Mid-term report")
        FINAL = "final", _("Final report")

    class State(models.TextChoices):
        DUE = "due", _("Due")
        SUBMITTED = "submitted", _("Waiting for approval")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")

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


class ManualPayment(models.Model):
    """A transfer made outside Stripe. One finance officer records it with evidence; another
    approves it; only then is the tranche paid."""

    wagtail_reference_index_ignore = True

    class Method(models.TextChoices):
        BANK = "bank", _("Bank transfer")
        MOBILE_MONEY = "mobile_money", _("Mobile money")
        HOST_ORGANISATION = "host_organisation", _("Through a host organisation")

    class State(models.TextChoices):
        RECORDED = "recorded", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    tranche = models.ForeignKey(Tranche, on_delete=models.PROTECT, related_name="manual_payments")
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    reference = models.CharField(_("transfer reference"), max_length=120)
    paid_on = models.DateField(_("date of the transfer"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=3)
    currency = models.CharField(_("currency"), max_length=3)
    evidence = models.FileField(_("evidence"), upload_to=evidence_key, storage=private_storage)
    evidence_name = models.CharField(max_length=200)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.RECORDED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("manual payment")
        verbose_name_plural = _("manual payments")
        ordering = ["-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("recorded_by")),
                name="grants_manual_payment_four_eyes",
            ),
            models.UniqueConstraint(
                fields=["tranche"],
                condition=Q(state__in=["recorded", "approved"]),
                name="grants_manual_payment_one_open",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="grants_manual_positive"),
        ]

    def __str__(self):
        return f"{self.reference} ({self.currency} {self.amount})"


class StripeEvent(models.Model):
    """A Stripe event as received (by webhook or by the catch-up task), stored once by its id
    and applied once by a background task."""

    wagtail_reference_index_ignore = True

    event_id = models.CharField(max_length=80, unique=True)
    type = models.CharField(max_length=80)
    account = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=80, blank=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self):
        return f"{self.event_id} {self.type}"


class LedgerQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise LedgerImmutable("ledger entries are never updated")

    def delete(self):
        raise LedgerImmutable("ledger entries are never deleted")


class LedgerImmutable(Exception):
    pass


class LedgerEntry(models.Model):
    """One movement of money. Append-only: a correction is a new, reversing entry. Enforced here
    (save and delete refuse) and in PostgreSQL by a trigger (migration 0005)."""

    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        COMMITTED = "committed", _("Award committed")
        PAID = "tranche_paid", _("Tranche paid")
        FAILED = "payment_failed", _("Payment failed")
        REVERSAL = "reversal", _("Reversal")
        CLAWBACK = "clawback", _("Clawback")

    # Kinds that move paid money (payment positive, reversal and clawback negative).
    PAID_KINDS = (Kind.PAID, Kind.REVERSAL, Kind.CLAWBACK)

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="ledger")
    call = models.ForeignKey("grants.GrantCall", on_delete=models.PROTECT, related_name="+")
    tranche = models.ForeignKey(
        Tranche, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger"
    )
    kind = models.CharField(_("movement"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=3)
    currency = models.CharField(_("currency"), max_length=3)
    method = models.CharField(_("method"), max_length=20, blank=True)
    reference = models.CharField(_("reference"), max_length=120, blank=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = LedgerQuerySet.as_manager()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger")
        ordering = ["created_at", "id"]
        constraints = [
            # A tranche is paid at most once, whatever the code above tries.
            models.UniqueConstraint(
                fields=["tranche"],
                condition=Q(kind="tranche_paid"),
                name="grants_ledger_tranche_paid_once",
            ),
            models.UniqueConstraint(
                fields=["award"],
                condition=Q(kind="committed"),
                name="grants_ledger_committed_once",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["committed", "tranche_paid"]) | Q(amount__gt=0),
                name="grants_ledger_positive_movements",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["reversal", "clawback"]) | Q(amount__lt=0),
                name="grants_ledger_negative_corrections",
            ),
            models.CheckConstraint(
                condition=~Q(kind="reversal") | Q(reverses__isnull=False),
                name="grants_ledger_reversal_names_entry",
            ),
        ]
        indexes = [models.Index(fields=["call", "currency", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.currency} {self.amount}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LedgerImmutable("ledger entries are never updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerImmutable("ledger entries are never deleted")


class ReconciliationRun(models.Model):
    """The outcome of comparing Stripe's transfers with the ledger."""

    wagtail_reference_index_ignore = True

    created_at = models.DateTimeField(auto_now_add=True)
    transfers_checked = models.PositiveIntegerField(default=0)
    mismatches = models.JSONField(default=list)

    class Meta:
        verbose_name = _("reconciliation")
        verbose_name_plural = _("reconciliations")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M}: {len(self.mismatches)}"
