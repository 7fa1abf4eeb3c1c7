"""Calls for applications and their weighted rubric: the floor every other part of grants
stands on."""

import zoneinfo
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import StreamField
from wagtail.models import Orderable

from grants.calls.blocks import QuestionsBlock
from grants.calls.questions import Question, questions_from
from youthcities.money import is_currency
from youthcities.network.themes import Theme
from youthcities.translated import Translated


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
    min_team_size = models.PositiveSmallIntegerField(
        _("smallest team"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("How many members a group needs at least, the lead applicant included."),
    )
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
    reviewer_discussion = models.BooleanField(
        _("reviewer discussion"),
        default=False,
        help_text=_(
            "Once they have submitted their own review, an application's reviewers see each "
            "other's scores and comments and can discuss them."
        ),
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
    declined_retention_months = models.PositiveSmallIntegerField(
        _("keep declined applications for (months)"),
        default=24,
        validators=[MinValueValidator(1)],
        help_text=_(
            "After this many months from the decision, declined applications and their "
            "documents are deleted (manage.py purge_expired)."
        ),
    )
    questions = StreamField(
        QuestionsBlock(),
        verbose_name=_("questions"),
        blank=True,
        help_text=_(
            "This call's own questions, asked on the “Your answers” step. Once drafts exist, "
            "a change makes a new version: drafts keep the questions they started with."
        ),
    )
    # The version of the questions new drafts answer, kept by `call_questions_publish`: every
    # wizard step reads it with the call, with no second query or subquery for the latest one.
    questions_in_force = models.ForeignKey(
        "CallQuestions",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
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
        if self.pk is None:
            # A new call (or a copy of another) has no questions of its own yet: a copy must
            # not hand its drafts the questions of the call it was copied from.
            self.questions_in_force = None
        else:  # thresholds, k or the rubric may have changed
            self.ranking_version = models.F("ranking_version") + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = [*kwargs["update_fields"], "ranking_version"]
        super().save(*args, **kwargs)
        if not isinstance(self.ranking_version, int):
            self.refresh_from_db(fields=["ranking_version"])

    # Whether a call takes applications: the one rule, used by the listing, the call page, the
    # wizard and the submit service alike.
    def has_opened(self, at=None) -> bool:
        return (at or timezone.now()) >= self.opens_at

    def has_closed(self, at=None) -> bool:
        return (at or timezone.now()) >= self.closes_at

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.has_opened(at) and not self.has_closed(at)

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


class CallQuestions(models.Model):
    """One version of a call's questions, as applicants answer them. A draft keeps the version
    it started with (`Application.questions_version`); see `call_questions_publish`."""

    wagtail_reference_index_ignore = True

    call = models.ForeignKey(GrantCall, on_delete=models.CASCADE, related_name="question_versions")
    number = models.PositiveSmallIntegerField()
    definition = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("version of a call's questions")
        verbose_name_plural = _("versions of a call's questions")
        ordering = ["call", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="grants_questions_version_once")
        ]

    def __str__(self):
        return f"{self.call_id} v{self.number}"

    @property
    def questions(self) -> list[Question]:
        return questions_from(self.definition)
