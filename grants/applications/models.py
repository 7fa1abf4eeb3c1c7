"""Applications and what belongs to them: budget lines, documents in private storage,
co-applicants and the yearly reference counter."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from grants.calls.models import GrantCall, GroupKind
from youthcities.network.themes import Theme
from youthcities.network.workshops.models import ServesTheCity
from youthcities.private_storage import private_storage


def attachment_key(instance, filename: str) -> str:
    """A random key: nothing about the person or the file's name is in the stored path."""
    import secrets

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"applications/{secrets.token_urlsafe(24)}.{extension}"


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
    # 4. Your answers: to the call's own questions, in the version of them this draft started with
    questions_version = models.ForeignKey(
        "grants.CallQuestions",
        verbose_name=_("version of the questions"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # 7. Check and submit
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
        ANSWER = "answer", _("File answering a question")

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
