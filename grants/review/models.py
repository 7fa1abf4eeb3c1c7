"""Review and decision: who reviews what, their declarations, scores and recommendations, the
decisions staff take, and exports of the ranking."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from youthcities.private_storage import private_storage


class ReviewAssignment(models.Model):
    """One reviewer asked to review one application. Until the reviewer declares whether they
    have a conflict of interest they see only the title."""

    wagtail_reference_index_ignore = True

    class State(models.TextChoices):
        PENDING = "pending", _("Conflict not declared yet")
        ACCEPTED = "accepted", _("No conflict")
        CONFLICTED = "conflicted", _("Conflict declared")
        OVERRIDDEN = "overridden", _("Conflict overridden by staff")

    SCORING_STATES = (State.ACCEPTED, State.OVERRIDDEN)

    application = models.ForeignKey(
        "grants.Application", on_delete=models.CASCADE, related_name="assignments"
    )
    # The application's call, copied: the ranking and the progress read one table.
    call = models.ForeignKey(
        "grants.GrantCall", on_delete=models.CASCADE, related_name="+", editable=False
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="review_assignments",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    conflict_reason = models.TextField(_("reason for the conflict"), blank=True, max_length=1000)
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    override_reason = models.TextField(_("reason for the override"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="grants_assignment_once"
            ),
            models.CheckConstraint(
                condition=~Q(state="overridden") | ~Q(override_reason=""),
                name="grants_override_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["reviewer", "state"]),
            models.Index(fields=["call", "state"]),
        ]

    def __str__(self):
        return f"{self.reviewer} → {self.application}"

    def save(self, *args, **kwargs):
        if self.call_id is None:
            self.call_id = self.application.call_id
        super().save(*args, **kwargs)

    @property
    def can_score(self) -> bool:
        return self.state in self.SCORING_STATES


class Review(models.Model):
    """A reviewer's scores and recommendation for one assignment: a draft until submitted,
    editable until the call's review closes."""

    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    class Recommendation(models.TextChoices):
        FUND = "fund", _("Fund")
        MAYBE = "maybe", _("Maybe")
        DO_NOT_FUND = "do_not_fund", _("Do not fund")

    assignment = models.OneToOneField(
        ReviewAssignment, on_delete=models.CASCADE, related_name="review"
    )
    # Copied from the assignment (which never changes them): the ranking reads this table alone,
    # through an index that holds everything it needs.
    call = models.ForeignKey(
        "grants.GrantCall", on_delete=models.CASCADE, related_name="+", editable=False
    )
    application = models.ForeignKey(
        "grants.Application", on_delete=models.CASCADE, related_name="reviews", editable=False
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField(_("overall comment"), blank=True, max_length=3000)
    # Σ weight × score / Σ weight over the scored criteria (N/A left out), set in the database
    # when the review is submitted; the ranking aggregates these.
    weighted_score = models.DecimalField(
        _("weighted score"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(weighted_score__isnull=False),
                name="grants_submitted_review_has_score",
            )
        ]
        indexes = [
            models.Index(
                fields=["call", "status"],
                include=["application", "reviewer", "weighted_score"],
                name="grants_review_ranking",
            )
        ]

    def __str__(self):
        return f"{self.assignment} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        if self.call_id is None:
            self.call_id = self.assignment.call_id
            self.application_id = self.assignment.application_id
            self.reviewer_id = self.assignment.reviewer_id
        super().save(*args, **kwargs)


class CriterionScore(models.Model):
    """A score (or "not applicable": no score) and a comment for one criterion of the rubric."""

    wagtail_reference_index_ignore = True

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    # PROTECT: a criterion that has scores cannot be deleted from the rubric.
    criterion = models.ForeignKey(
        "grants.RubricCriterion", on_delete=models.PROTECT, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="grants_score_once")
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score if self.score is not None else 'N/A'}"


# --- The score table: what the ranking reads ------------------------------------------------

# Each ordering of the ranking page, as SQL on the score table, served by the index of the
# same name below (an index scan + LIMIT). "normalised" orders by the z mean: the normalised
# score is the panel's mean + z × the panel's standard deviation, the same order.
RANKING_ORDERS = {
    "normalised": ("z", True),
    "-normalised": ("z", False),
    "mean": ("mean", True),
    "-mean": ("mean", False),
    "spread": ("spread", True),
    "-spread": ("spread", False),
    "reviews": ("reviews", True),
    "-reviews": ("reviews", False),
}


def _ranking_index(name: str, column: str, descending: bool) -> models.Index:
    order = F(column).desc(nulls_last=True) if descending else F(column).asc(nulls_last=True)
    return models.Index(F("call"), order, F("reference"), name=name)


class ApplicationScore(models.Model):
    """One application's standing in its call's ranking, kept up to date inside the
    transaction of every change it depends on (`grants.review.scores.scores_refresh`): the
    ranking reads 50 rows of this table in index order instead of aggregating every review.
    A row exists for each application the ranking lists (submitted, in review or decided)."""

    wagtail_reference_index_ignore = True

    application = models.OneToOneField(
        "grants.Application", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    call = models.ForeignKey(
        "grants.GrantCall", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    # Copied from the application: the ranking's filters and its tie-break read this row alone.
    reference = models.CharField(max_length=20)
    status = models.CharField(max_length=20)
    theme = models.CharField(max_length=30, blank=True)
    city = models.ForeignKey(
        "network.City", null=True, on_delete=models.DO_NOTHING, db_constraint=False,
        related_name="+",
    )  # fmt: skip
    # Statistics of the submitted reviews, as floats (statistics, not money).
    reviews = models.PositiveIntegerField(default=0)
    mean = models.FloatField(null=True)
    spread = models.FloatField(null=True)  # highest minus lowest weighted score
    z = models.FloatField(null=True)  # the mean of the reviewers' z-scores

    class Meta:
        indexes = [
            _ranking_index(f"grants_score_{key.replace('-', 'r_')}", column, descending)
            for key, (column, descending) in RANKING_ORDERS.items()
        ]

    def __str__(self):
        return f"{self.reference}: {self.z}"


class CallScores(models.Model):
    """The call-wide figures of a call's ranking, kept with its score table: the panel's mean
    and standard deviation (to put z-scores back on the rubric's scale) and the progress."""

    wagtail_reference_index_ignore = True

    call = models.OneToOneField(
        "grants.GrantCall", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    applications = models.PositiveIntegerField(default=0)  # rows of the score table
    assigned = models.PositiveIntegerField(default=0)
    conflicts = models.PositiveIntegerField(default=0)
    submitted = models.PositiveIntegerField(default=0)
    panel_mean = models.FloatField(null=True)
    panel_sd = models.FloatField(null=True)

    def __str__(self):
        return f"{self.call_id}: {self.applications}"


def export_key(instance, filename: str) -> str:
    import secrets

    return f"exports/{secrets.token_urlsafe(24)}-{filename}"


class ExportJob(models.Model):
    """A ranking export built by a background task; staff watch its progress and download it."""

    wagtail_reference_index_ignore = True

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    call = models.ForeignKey("grants.GrantCall", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    format = models.CharField(max_length=4, choices=Format.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=export_key, blank=True, storage=private_storage)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self):
        return f"{self.call} ({self.format})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0
