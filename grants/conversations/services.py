"""Writing in a conversation, reading it, and the reviewers' discussion. Every message is one
service call in a transaction with its audit entry; the other side is emailed in each reader's
language with a link, and never the text of an internal note, a sensitive message or a message
about an award (money and bank details)."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from grants.applications.models import Application
from grants.applications.selectors import team_members
from grants.applications.uploads import check_upload
from grants.conversations.errors import (
    ConversationClosed,
    DiscussionClosed,
    EmptyMessage,
    TooManyFiles,
)
from grants.conversations.models import (
    Conversation,
    ConversationRead,
    Message,
    MessageFile,
    ReviewerComment,
)
from grants.conversations.selectors import (
    STAFF,
    TEAM,
    discussion_open_to,
    side_on,
    staff_to_tell,
)
from grants.errors import NotAllowed
from youthcities.audit.services import audit_record
from youthcities.notify import notify

MAX_FILES = 5


def conversation_for(*, application=None, award=None) -> Conversation:
    """The one conversation of an application or an award, made the first time it is needed
    (its one-to-one keys make two first messages at once share one)."""
    if (application is None) == (award is None):
        raise ValueError("a conversation is about an application or an award")
    about = {"application": application} if application is not None else {"award": award}
    conversation, _created = Conversation.objects.get_or_create(**about)
    return conversation


def _application_of(conversation: Conversation) -> Application:
    if conversation.application_id:
        return conversation.application
    return conversation.award.application


def message_post(
    *,
    conversation: Conversation,
    author,
    body: str,
    files=(),
    internal: bool = False,
    sensitive: bool = False,
    now=None,
) -> Message:
    now = now or timezone.now()
    side = side_on(author, conversation)
    if side is None or (internal and side != STAFF):
        raise NotAllowed()
    body = (body or "").strip()
    files = [upload for upload in files if upload]
    if not body and not files:
        raise EmptyMessage()
    if len(files) > MAX_FILES:
        raise TooManyFiles()
    checked = [(upload.name, check_upload(upload)) for upload in files]  # BadUpload: refused
    with transaction.atomic():
        application = Application.objects.select_for_update().get(
            pk=_application_of(conversation).pk
        )
        if application.status == Application.Status.WITHDRAWN:
            raise ConversationClosed()
        message = Message.objects.create(
            conversation=conversation,
            author=author,
            from_staff=side == STAFF,
            internal=internal,
            sensitive=sensitive or internal or conversation.award_id is not None,
            body=body,
        )
        for name, upload in checked:
            MessageFile.objects.create(
                message=message,
                file=ContentFile(upload.content, name=f"file.{upload.extension}"),
                original_name=name[:200],
                content_type=upload.content_type,
                size=len(upload.content),
            )
        conversation_mark_read(conversation=conversation, user=author, now=now)
        audit_record(
            actor=author,
            action="conversation.note" if internal else "conversation.message",
            target=message,
            data={"conversation": conversation.pk, "files": len(checked)},
        )
        _tell_the_other_side(message, application, side)
    return message


def _tell_the_other_side(message: Message, application: Application, side: str) -> None:
    conversation = message.conversation
    context = {
        "application": application,
        "message": message,
        "about_award": conversation.award_id is not None,
        # The text travels by email only when nothing in it needs protecting.
        "text": "" if message.sensitive else message.body,
    }
    if side == TEAM or message.internal:
        link = (
            ("grants_conversations_admin:award", [conversation.award_id])
            if conversation.award_id
            else ("grants_conversations_admin:application", [application.pk])
        )
        notify(
            staff_to_tell(conversation, but=message.author),
            "grants/email/conversation_message",
            context,
            link=link,
        )
        return
    if conversation.award_id:
        readers = [conversation.award.grantee] if conversation.award.grantee.is_active else []
        link = ("grants:award_conversation", [conversation.award_id])
    else:
        readers = team_members(application)
        link = ("grants:conversation", [application.pk])
    notify(
        [reader for reader in readers if reader.pk != message.author_id],
        "grants/email/conversation_message",
        context,
        link=link,
    )


def conversation_mark_read(*, conversation: Conversation, user, now=None) -> None:
    """Everything up to now is read by this person."""
    ConversationRead.objects.update_or_create(
        conversation=conversation, user=user, defaults={"read_at": now or timezone.now()}
    )


def reviewer_comment_post(*, application: Application, author, body: str) -> ReviewerComment:
    body = (body or "").strip()
    if not body:
        raise EmptyMessage()
    with transaction.atomic():
        if not discussion_open_to(author, application):
            raise DiscussionClosed()
        comment = ReviewerComment.objects.create(application=application, author=author, body=body)
        audit_record(actor=author, action="review.discussion_comment", target=comment)
    return comment
