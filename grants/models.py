import uuid
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from youthcities.network.models import ServesTheCity
from youthcities.network.themes import Theme
from youthcities.translated import Translated

from .money import is_currency


class GroupKind(models.TextChoices):
    INFORMAL = "informal_group", _("Informal youth group")
    ORGANISATION = "youth_organisation", _("Registered youth organisation")
    SCHOOL = "school_club", _("School or university club")


def validate_currency(code: str) -> None:
    if not is_currency(code):
        raise ValidationError(
            _("%(code)s is not an ISO 4217 currency code."), params={"code": code}
        )


def validate_timezone(name: str) -> None:
    if name not in zoneinfo.available_timezones():
        raise ValidationError(_("%(name)s is not a known time zone."), params={"name": name})


class GrantCall(ClusterableModel):
    """A round of Local Innovation Grants: its rules, dates, eligibility, money and rubric."""

    # Not content: Wagtail's reference index need not track it (one write less per save).
    wagtail_reference_index_ignore = True

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=150)
    title_fr = models.CharField(_("title (French)"), max_length=150, blank=True)
    title_ar = models.CharField(_("title (Arabic)"), max_length=150, blank=True)
    description_en = models.TextField(_("description (English)"))
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        help_text=_("The call's own time zone, e.g. Asia/Beirut; deadlines are shown in it."),
    )
    cities = models.ManyToManyField(
        "network.City",
        verbose_name=_("eligible cities"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to accept every city of the network."),
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=15)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), default=30)
    group_kinds = models.JSONField(_("kinds of group"), default=list, blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, default="USD", validators=[validate_currency]
    )
    max_amount = models.DecimalField(
        _("maximum amount"), max_digits=12, decimal_places=3, validators=[MinValueValidator(0)]
    )
    blind_review = models.BooleanField(
        _("blind review"),
        default=False,
        help_text=_("Reviewers never see who applied."),
    )
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"), default=3, validators=[MinValueValidator(1)]
    )
    review_closes_at = models.DateTimeField(
        _("review closes"),
        null=True,
        blank=True,
        help_text=_("Reviewers can change their scores until then. Empty: open until set."),
    )
    disagreement_threshold = models.DecimalField(
        _("disagreement threshold"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.5"),
        validators=[MinValueValidator(0)],
        help_text=_(
            "Applications whose reviewers' scores lie further apart than this are flagged."
        ),
    )
    # Set by an explicit, audited staff action: the rubric may change although scoring began.
    rubric_unlocked_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Bumped by every change the ranking shows (scores, assignments, decisions, the call itself):
    # the cached ranking of an older version is never read again. See grants/ranking_version.py.
    ranking_version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    title = Translated("title")
    description = Translated("description")

    class Meta:
        verbose_name = _("grant call")
        verbose_name_plural = _("grant calls")
        ordering = ["-closes_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="grants_call_closes_after_opens",
            ),
            models.CheckConstraint(
                condition=Q(max_age__gte=models.F("min_age")), name="grants_call_age_range"
            ),
        ]

    def __str__(self):
        return self.title_en

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The call must close after it opens.")})
        if self.min_age is not None and self.max_age is not None and self.max_age < self.min_age:
            raise ValidationError({"max_age": _("The maximum age is below the minimum age.")})
        unknown = set(self.themes) - set(Theme.values)
        if unknown:
            raise ValidationError({"themes": _("Unknown themes: %s") % ", ".join(sorted(unknown))})

    def save(self, *args, **kwargs):
        if self.pk is not None:  # thresholds, k or the rubric may have changed
            self.ranking_version = models.F("ranking_version") + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = [*kwargs["update_fields"], "ranking_version"]
        super().save(*args, **kwargs)
        if not isinstance(self.ranking_version, int):
            self.refresh_from_db(fields=["ranking_version"])

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.opens_at <= at < self.closes_at

    def review_is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.review_closes_at is None or at < self.review_closes_at


class RubricCriterion(Orderable):
    """One criterion reviewers score a call's applications on (used by the review)."""

    wagtail_reference_index_ignore = True

    call = ParentalKey(GrantCall, on_delete=models.CASCADE, related_name="criteria")
    name_en = models.CharField(_("criterion (English)"), max_length=120)
    name_fr = models.CharField(_("criterion (French)"), max_length=120, blank=True)
    name_ar = models.CharField(_("criterion (Arabic)"), max_length=120, blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    guidance_fr = models.TextField(_("guidance (French)"), blank=True)
    guidance_ar = models.TextField(_("guidance (Arabic)"), blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, default=1, validators=[MinValueValidator(0)]
    )
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    allow_not_applicable = models.BooleanField(
        _("“not applicable” allowed"),
        default=False,
        help_text=_("N/A is left out of the mean, never counted as zero."),
    )

    name = Translated("name")
    guidance = Translated("guidance")

    class Meta(Orderable.Meta):
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=models.F("scale_min")), name="grants_rubric_scale"
            ),
            models.CheckConstraint(condition=Q(weight__gte=0), name="grants_rubric_weight"),
        ]

    def __str__(self):
        return self.name_en


def attachment_key(instance, filename: str) -> str:
    """A random key: nothing about the person or the file's name is in the stored path."""
    import secrets

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"applications/{secrets.token_urlsafe(24)}.{extension}"


class _PrivateStorage(Storage):
    """Whatever STORAGES["private"] is at the moment of use (S3 in production, files locally).
    Django resolves a field's storage once, at import; this looks it up on every call."""

    def __getattribute__(self, name):
        if name.startswith("__"):
            return object.__getattribute__(self, name)
        return getattr(storages["private"], name)


def private_storage():
    return _PrivateStorage()


class Application(ServesTheCity, models.Model):
    """One applicant's application to one call: a draft until submitted. The draft row is the
    truth; the wizard's working state lives in `wizard_state`."""

    # Not content: Wagtail's reference index need not track it (one write less per save).
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        MORE_INFO = "more_info", _("More information requested")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    call = models.ForeignKey(
        GrantCall, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    reference = models.CharField(_("reference"), max_length=20, unique=True, null=True, blank=True)
    # Bumped on every saved step, so that a second tab cannot silently overwrite the first.
    version = models.PositiveIntegerField(default=0)
    wizard_state = models.JSONField(default=dict, blank=True)
    completed_steps = models.JSONField(default=list, blank=True)

    # 1. Eligibility
    city = models.ForeignKey(
        "network.City", verbose_name=_("city"), null=True, blank=True, on_delete=models.PROTECT
    )
    group_kind = models.CharField(
        _("kind of group"), max_length=30, choices=GroupKind.choices, blank=True
    )
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices, blank=True)
    # 2. Team
    group_name = models.CharField(_("group name"), max_length=120, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=150, blank=True)
    member_count = models.PositiveSmallIntegerField(_("number of members"), null=True, blank=True)
    lead_role = models.CharField(_("lead's role"), max_length=120, blank=True)
    # 3. Project
    title = models.CharField(_("project title"), max_length=120, blank=True)
    summary = models.TextField(_("summary"), max_length=500, blank=True)
    problem = models.TextField(_("problem"), max_length=1500, blank=True)
    audience = models.TextField(_("audience"), max_length=1000, blank=True)
    activities = models.TextField(_("activities"), max_length=2000, blank=True)
    timeline = models.TextField(_("timeline"), max_length=1000, blank=True)
    # 6. Check and submit
    declarations_accepted = models.BooleanField(_("declarations accepted"), default=False)
    # Set by the decision to approve: what the award will be (≤ requested, ≤ the call's maximum).
    awarded_amount = models.DecimalField(
        _("amount awarded"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "applicant"], name="grants_one_application_per_call"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(reference__isnull=False),
                name="grants_submitted_has_reference",
            ),
        ]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self):
        return self.reference or f"{self.title or _('Untitled')} ({self.get_status_display()})"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def status_for_applicant(self) -> str:
        """What the applicant is shown: a shortlist is internal, so it reads "Submitted"."""
        if self.status == self.Status.SHORTLISTED:
            return self.Status.SUBMITTED
        return self.status

    @property
    def status_for_applicant_label(self) -> str:
        return self.Status(self.status_for_applicant).label

    @property
    def is_editable(self) -> bool:
        """A draft, or a submitted application staff asked more information about."""
        return self.status in (self.Status.DRAFT, self.Status.MORE_INFO)


class BudgetCategory(models.TextChoices):
    ACTIVITIES = "activities", _("Activities and events")
    MATERIALS = "materials", _("Materials and equipment")
    COMMUNICATION = "communication", _("Communication and media")
    TRAVEL = "travel", _("Travel and transport")
    VENUE = "venue", _("Venue and food")
    OTHER = "other", _("Other")


class BudgetLine(models.Model):
    # Not content: Wagtail's reference index need not track it (one write less per save).
    wagtail_reference_index_ignore = True
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    position = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(_("description"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=3)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="grants_budget_amount_positive")
        ]

    def __str__(self):
        return f"{self.description}: {self.amount}"


class Attachment(models.Model):
    """An uploaded document, stored at once in private storage under a random key."""

    # Not content: Wagtail's reference index need not track it (one write less per save).
    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        BUDGET_SHEET = "budget_sheet", _("Budget sheet")
        SUPPORT_LETTER = "support_letter", _("Letter of support")
        OTHER = "other", _("Other document")

    # What download URLs carry: random, so a document's address cannot be guessed from another's.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments", null=True, blank=True
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=attachment_key, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.original_name


class CoApplicant(models.Model):
    """A person invited by email to view and edit a draft with its applicant."""

    # Not content: Wagtail's reference index need not track it (one write less per save).
    wagtail_reference_index_ignore = True

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="co_applicants"
    )
    email = models.EmailField(_("email"))
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("co-applicant")
        verbose_name_plural = _("co-applicants")
        constraints = [
            models.UniqueConstraint(fields=["application", "email"], name="grants_coapplicant_once")
        ]

    def __str__(self):
        return self.email


class ReferenceCounter(models.Model):
    """The last reference number given out in a year; its row lock makes numbers sequential."""

    # Not content: Wagtail's reference index need not track it (one write less per save).
    wagtail_reference_index_ignore = True

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"


from .award_models import (  # noqa: E402  (awards and money live in their own module)
    Award,
    LedgerEntry,
    ManualPayment,
    PayoutCountry,
    ReconciliationRun,
    Report,
    ReportEvidence,
    ReportSpending,
    StripeAccount,
    StripeEvent,
    Tranche,
)
from .review_models import (  # noqa: E402  (the review's models live in their own module)
    CriterionScore,
    Decision,
    ExportJob,
    Review,
    ReviewAssignment,
)

__all__ = [
    "Application",
    "Award",
    "LedgerEntry",
    "ManualPayment",
    "PayoutCountry",
    "ReconciliationRun",
    "Report",
    "ReportEvidence",
    "ReportSpending",
    "StripeAccount",
    "StripeEvent",
    "Tranche",
    "Attachment",
    "BudgetLine",
    "CoApplicant",
    "CriterionScore",
    "Decision",
    "ExportJob",
    "GrantCall",
    "ReferenceCounter",
    "Review",
    "ReviewAssignment",
    "RubricCriterion",
]
