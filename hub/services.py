"""Every change of the hub's state: membership, members' documents and their review."""

import logging

from botocore.exceptions import BotoCoreError, ClientError
from django.contrib.auth.models import Group
from django.contrib.postgres.search import SearchVector
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from youthcities.accounts.roles import HUB_MEMBER
from youthcities.audit.services import audit_record
from youthcities.errors import ServiceError
from youthcities.notify import notify

from .errors import AlreadyDecided, AlreadyMember, ApplicationPending, NotAllowed, NotMember
from .extract import extract_text
from .models import MemberDocument, MembershipApplication
from .selectors import is_member
from .uploads import check_document

logger = logging.getLogger(__name__)


class StorageUnavailable(ServiceError):
    pass


# --- Membership ---------------------------------------------------------------------------------


def membership_apply(
    *, user, city, organisation: str, role: str, reason: str
) -> MembershipApplication:
    if is_member(user):
        raise AlreadyMember()
    try:
        with transaction.atomic():
            application = MembershipApplication.objects.create(
                user=user,
                city=city,
                organisation=organisation.strip(),
                role=role.strip(),
                reason=reason.strip(),
            )
            audit_record(
                actor=user,
                action="hub.membership_applied",
                target=application,
                data={"city": city.pk},
            )
    except IntegrityError:  # the one-pending constraint: a second tab, a double click
        raise ApplicationPending() from None
    return application


def _decide(application, *, actor, status, note, action, email):
    with transaction.atomic():
        current = MembershipApplication.objects.select_for_update().get(pk=application.pk)
        if current.status != MembershipApplication.Status.PENDING:
            raise AlreadyDecided()
        current.status = status
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.decision_note = note.strip()
        current.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        if status == MembershipApplication.Status.APPROVED:
            current.user.groups.add(Group.objects.get_or_create(name=HUB_MEMBER)[0])
        audit_record(
            actor=actor, action=action, target=current, data={"note": current.decision_note}
        )
        notify(
            [current.user],
            email,
            {"application": current, "note": current.decision_note},
            link=("hub:search", []),
        )
    return current


def membership_approve(*, application, actor, note: str = "") -> MembershipApplication:
    return _decide(
        application,
        actor=actor,
        status=MembershipApplication.Status.APPROVED,
        note=note,
        action="hub.membership_approved",
        email="hub/email/membership_approved",
    )


def membership_refuse(*, application, actor, note: str) -> MembershipApplication:
    return _decide(
        application,
        actor=actor,
        status=MembershipApplication.Status.REFUSED,
        note=note,
        action="hub.membership_refused",
        email="hub/email/membership_refused",
    )


# --- Members' documents -------------------------------------------------------------------------


def document_upload(
    *,
    uploaded_by,
    upload,
    title: str,
    summary: str,
    kind: str,
    themes: list[str],
    city,
    language: str,
    visibility: str,
) -> MemberDocument:
    """Check the file (its content, not its name), store it privately and queue it for review.
    The caller enqueues `hub.tasks.extract_document_text` for its words."""
    if not is_member(uploaded_by):
        raise NotMember()
    checked = check_document(upload)
    name = upload.name.rsplit("/", 1)[-1][:150]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    try:
        with transaction.atomic():
            document = MemberDocument(
                uploaded_by=uploaded_by,
                title=title.strip(),
                summary=summary.strip(),
                kind=kind,
                themes=_themes(themes),
                city=city,
                language=language,
                visibility=visibility,
                original_name=f"{stem}.{checked.extension}",
                content_type=checked.content_type,
                size=len(checked.content),
            )
            document.file.save(
                f"document.{checked.extension}", ContentFile(checked.content), save=False
            )
            document.save()
            audit_record(actor=uploaded_by, action="hub.document_uploaded", target=document)
    except (BotoCoreError, ClientError, OSError) as error:
        logger.warning("hub upload failed: %s", error)
        raise StorageUnavailable() from None
    return document


def _themes(codes) -> str:
    return "," + ",".join(sorted(set(codes))) + "," if codes else ""


def document_extract_text(*, document: MemberDocument) -> MemberDocument:
    """Read the file's words and index them. A file without readable text is kept and marked
    "no searchable text"."""
    with document.file.open("rb") as handle:
        content = handle.read()
    text = extract_text(content, document.content_type)
    status = MemberDocument.TextStatus.EXTRACTED if text else MemberDocument.TextStatus.NONE
    with transaction.atomic():
        MemberDocument.objects.filter(pk=document.pk).update(text=text, text_status=status)
        document_reindex(document_ids=[document.pk])
    document.text, document.text_status = text, status
    return document


def document_reindex(*, document_ids) -> None:
    """PostgreSQL's full-text vector: title and summary weigh more than the body. (SQLite has no
    vector; its search reads the columns.)"""
    if connection.vendor != "postgresql":
        return
    MemberDocument.objects.filter(pk__in=document_ids).update(
        search_vector=SearchVector("title", weight="A", config="simple")
        + SearchVector("summary", weight="B", config="simple")
        + SearchVector("text", weight="C", config="simple")
    )


REVIEW_EMAILS = {
    MemberDocument.Status.PUBLISHED: ("hub.document_published", "hub/email/document_published"),
    MemberDocument.Status.CHANGES: ("hub.document_changes_requested", "hub/email/document_changes"),
    MemberDocument.Status.REFUSED: ("hub.document_refused", "hub/email/document_refused"),
}


def document_review(*, document, actor, decision: str, note: str = "") -> MemberDocument:
    """Staff publish a document, ask its member for changes, or refuse it; the member is told
    in their language. Only a document waiting for review can be decided."""
    if decision not in REVIEW_EMAILS:
        raise NotAllowed()
    with transaction.atomic():
        current = MemberDocument.objects.select_for_update().get(pk=document.pk)
        if current.status != MemberDocument.Status.SUBMITTED:
            raise AlreadyDecided()
        current.status = decision
        current.review_note = note.strip()
        current.reviewed_by = actor
        fields = ["status", "review_note", "reviewed_by"]
        if decision == MemberDocument.Status.PUBLISHED:
            current.published_at = timezone.now()
            fields.append("published_at")
        current.save(update_fields=fields)
        action, email = REVIEW_EMAILS[decision]
        audit_record(actor=actor, action=action, target=current, data={"note": current.review_note})
        notify(
            [current.uploaded_by],
            email,
            {"document": current, "note": current.review_note},
            link=("hub:my_documents", []),
        )
    return current
