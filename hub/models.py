"""The Online Hub: who is a member, and the documents members share with each other."""

import secrets
import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from youthcities.network.themes import Theme
from youthcities.private_storage import private_storage


class Visibility(models.TextChoices):
    PUBLIC = "public", pgettext_lazy("visibility", "Public")
    MEMBERS = "members", _("Members only")


class MembershipApplication(models.Model):
    """A person asks to join the hub; programme staff approve or refuse."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="hub_applications",
    )
    city = models.ForeignKey(
        "network.City", verbose_name=_("city"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    role = models.CharField(_("your role"), max_length=120)
    reason = models.TextField(_("why you want to join"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("note to the applicant"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["created_at"]
        constraints = [
            # One open application per person: a second is refused, even from two tabs.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="pending"),
                name="hub_one_pending_application_per_user",
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.city})"


class DocumentKind(models.TextChoices):
    STRATEGY = "strategy", _("Local strategy")
    RESEARCH = "research", _("Research")
    EVALUATION = "evaluation", _("Evaluation")
    CASE_STUDY = "case_study", _("Case study")
    TOOLKIT = "toolkit", _("Toolkit")
    TRAINING = "training", _("Training material")


def _document_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"hub/{secrets.token_urlsafe(24)}.{extension}"


class MemberDocument(models.Model):
    """A member's own document (strategy, research…): reviewed by staff before others see it.
    The file lives in private storage and is served only through a checked view; its text is
    extracted in the background so that hub search finds words inside it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        CHANGES = "changes", _("Changes requested")
        PUBLISHED = "published", _("Published")
        REFUSED = "refused", _("Refused")

    class TextStatus(models.TextChoices):
        PENDING = "pending", _("Text not read yet")
        EXTRACTED = "extracted", _("Searchable")
        NONE = "none", _("No searchable text")

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="hub_documents",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    # Theme codes between commas (",inclusion,media_literacy,"): one portable column that a
    # `contains` filter reads on PostgreSQL and SQLite alike.
    themes = models.CharField(_("themes"), max_length=200, blank=True)
    city = models.ForeignKey(
        "network.City", verbose_name=_("city"), on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    visibility = models.CharField(
        _("who may read it"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    review_note = models.TextField(_("note from the reviewer"), max_length=1000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=_document_path, storage=private_storage)
    original_name = models.CharField(max_length=160)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    text_status = models.CharField(
        max_length=10, choices=TextStatus.choices, default=TextStatus.PENDING
    )
    # PostgreSQL only (filled by the extraction task); SQLite searches `text` directly.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("member document")
        verbose_name_plural = _("member documents")
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["status", "visibility"], name="hub_doc_status_vis")]

    def __str__(self):
        return self.title

    @property
    def theme_codes(self) -> list[str]:
        return [code for code in self.themes.split(",") if code]

    @property
    def theme_labels(self) -> list[str]:
        labels = dict(Theme.choices)
        return [str(labels[code]) for code in self.theme_codes if code in labels]

    @property
    def extension(self) -> str:
        return self.original_name.rsplit(".", 1)[-1].upper()


from hub.introductions.models import Introduction  # noqa: E402, F401  (Django finds it here)
from hub.profiles.models import ProfileSection  # noqa: E402, F401
