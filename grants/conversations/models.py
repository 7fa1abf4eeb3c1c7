"""A conversation per application or award, its messages and their files, who read up to when;
and the reviewers' discussion of an application."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from youthcities.private_storage import private_storage


def message_file_key(instance, filename: str) -> str:
    """A random key: nothing about the person or the file's name is in the stored path."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"messages/{secrets.token_urlsafe(24)}.{extension}"


class Conversation(models.Model):
    """The one conversation of an application, or of an award."""

    wagtail_reference_index_ignore = True

    application = models.OneToOneField(
        "grants.Application",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conversation",
    )
    award = models.OneToOneField(
        "grants.Award", null=True, blank=True, on_delete=models.CASCADE, related_name="conversation"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        constraints = [
            models.CheckConstraint(
                condition=Q(application__isnull=False, award__isnull=True)
                | Q(application__isnull=True, award__isnull=False),
                name="grants_conversation_about_one_thing",
            )
        ]

    def __str__(self):
        return f"conversation {self.pk}"


class Message(models.Model):
    """A message of the team or of staff; an internal note is staff's only."""

    wagtail_reference_index_ignore = True

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Whether the author wrote as programme staff (or finance): the side the message is from.
    from_staff = models.BooleanField(default=False)
    internal = models.BooleanField(_("internal note"), default=False)
    # The email says only that there is a message (always so for internal notes and awards).
    sensitive = models.BooleanField(_("sensitive"), default=False)
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["conversation", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(internal=False) | Q(from_staff=True),
                name="grants_internal_note_from_staff",
            )
        ]

    def __str__(self):
        return f"{self.conversation_id}: {self.body[:40]}"


class MessageFile(models.Model):
    """A file sent with a message, in private storage, reached by a random token."""

    wagtail_reference_index_ignore = True

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=message_file_key, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        verbose_name = _("message file")
        verbose_name_plural = _("message files")
        ordering = ["id"]

    def __str__(self):
        return self.original_name


class ConversationRead(models.Model):
    """Up to when a person has read a conversation: what is newer is unread."""

    wagtail_reference_index_ignore = True

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="grants_read_once")
        ]


class ReviewerComment(models.Model):
    """A reviewer's (or staff's) word in the reviewers' discussion of an application."""

    wagtail_reference_index_ignore = True

    application = models.ForeignKey(
        "grants.Application", on_delete=models.CASCADE, related_name="reviewer_comments"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"), max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reviewer comment")
        verbose_name_plural = _("reviewer comments")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.application_id}: {self.body[:40]}"
