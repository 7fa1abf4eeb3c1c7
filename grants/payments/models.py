"""Money: the tranches an award is paid in, Stripe Connect accounts and events, manual
transfers two finance officers sign off, payout countries, reconciliation runs and the
append-only ledger of every movement. Awards sit a floor above and are named by string."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from youthcities.money import format_money
from youthcities.private_storage import private_storage


class PayoutMethod(models.TextChoices):
    STRIPE = "stripe", _("Stripe Connect transfer")
    MANUAL = "manual", _("Manual transfer (bank, mobile money, host organisation)")


def evidence_key(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"awards/{secrets.token_urlsafe(24)}.{extension}"


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


class Tranche(models.Model):
    """A part of an award, paid when its condition is met. Its state moves only through
    `grants.payments.lifecycle.TRANCHE`, in `grants.payments` services."""

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

    award = models.ForeignKey("grants.Award", on_delete=models.PROTECT, related_name="tranches")
    position = models.PositiveSmallIntegerField(_("number"))
    condition = models.CharField(
        pgettext_lazy("when a tranche is paid", "paid"), max_length=20, choices=Condition.choices
    )
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
    paid_at = models.DateTimeField(pgettext_lazy("date paid", "paid"), null=True, blank=True)

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
        APPROVED = "approved", pgettext_lazy("manual payment", "Approved")
        REJECTED = "rejected", pgettext_lazy("manual payment", "Rejected")

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
        return f"{self.reference} ({format_money(self.amount, self.currency)})"


class StripeEvent(models.Model):
    """A Stripe event as received (by webhook or by the catch-up task), stored once by its id
    and applied once by a background task."""

    wagtail_reference_index_ignore = True

    event_id = models.CharField(max_length=80)  # unique: see Meta
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
        # A constraint, not `unique=True`: on PostgreSQL that would add a second index for
        # prefix searches (`LIKE 'evt_%'`) that nothing runs, written on every event received.
        constraints = [
            models.UniqueConstraint(fields=["event_id"], name="grants_stripe_event_once"),
        ]

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

    award = models.ForeignKey("grants.Award", on_delete=models.PROTECT, related_name="ledger")
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
        return f"{self.get_kind_display()} {format_money(self.amount, self.currency)}"

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
