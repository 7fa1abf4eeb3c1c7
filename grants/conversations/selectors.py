"""Who sees which side of a conversation, its messages for each reader, unread counts, staff's
inbox, and the reviewers' discussion. Reviewers never see an applicant conversation."""

from django.db.models import Count, F, Max, OuterRef, Q, Subquery

from grants.applications.models import Application
from grants.applications.selectors import is_on_the_team
from grants.awards.models import Award
from grants.conversations.models import Conversation, ConversationRead, Message, ReviewerComment
from grants.review.models import Review, ReviewAssignment
from youthcities.accounts.models import User
from youthcities.accounts.roles import FINANCE, PROGRAMME_STAFF
from youthcities.accounts.selectors import has_role, users_with_role

TEAM = "team"
STAFF = "staff"


def side_on_application(user, application: Application) -> str | None:
    """ "staff", "team" or None (reviewers among them: they never see this conversation)."""
    if not user.is_authenticated:
        return None
    if has_role(user, PROGRAMME_STAFF):
        return STAFF
    if is_on_the_team(user, application):
        return TEAM
    return None


def side_on_award(user, award: Award) -> str | None:
    if not user.is_authenticated:
        return None
    if has_role(user, PROGRAMME_STAFF) or has_role(user, FINANCE):
        return STAFF
    if award.grantee_id == user.pk:
        return TEAM
    return None


def side_on(user, conversation: Conversation) -> str | None:
    if conversation.application_id:
        return side_on_application(user, conversation.application)
    return side_on_award(user, conversation.award)


def conversation_existing(*, application=None, award=None) -> Conversation | None:
    found = Conversation.objects.select_related("application__call", "award__application")
    if application is not None:
        return found.filter(application=application).first()
    return found.filter(award=award).first()


def messages_for(conversation: Conversation | None, side: str):
    """The messages a side reads, oldest first: the team never sees an internal note."""
    if conversation is None:
        return Message.objects.none()
    messages = (
        Message.objects.filter(conversation=conversation)
        .select_related("author")
        .prefetch_related("files")
    )
    return messages.exclude(internal=True) if side == TEAM else messages


def _unread(user, side: str):
    """Messages this person has not read: written by someone else after their last visit."""
    last_read = ConversationRead.objects.filter(
        conversation=OuterRef("conversation"), user=user
    ).values("read_at")[:1]
    messages = (
        Message.objects.exclude(author=user)
        .annotate(last_read=Subquery(last_read))
        .filter(Q(last_read__isnull=True) | Q(created_at__gt=F("last_read")))
    )
    return messages.exclude(internal=True) if side == TEAM else messages


def unread_for_team(user, application_ids) -> dict[int, int]:
    """For "My applications": unread messages per application, its award's conversation
    counted with it. One query."""
    rows = (
        _unread(user, TEAM)
        .filter(
            Q(conversation__application_id__in=application_ids)
            | Q(conversation__award__application_id__in=application_ids)
        )
        .values("conversation__application_id", "conversation__award__application_id")
        .annotate(n=Count("id"))
    )
    counts: dict[int, int] = {}
    for row in rows:
        pk = row["conversation__application_id"] or row["conversation__award__application_id"]
        counts[pk] = counts.get(pk, 0) + row["n"]
    return counts


def unread_on(user, side: str, *, application=None, award=None) -> int:
    """Unread messages of an application's or an award's conversation: one query."""
    about = (
        {"conversation__award": award}
        if award is not None
        else {"conversation__application": application}
    )
    return _unread(user, side).filter(**about).count()


def staff_inbox(user):
    """Staff's conversations, newest first, with their unread count and last message time:
    programme staff see every conversation, finance officers those of awards."""
    conversations = Conversation.objects.all()
    if not has_role(user, PROGRAMME_STAFF):
        conversations = conversations.filter(award__isnull=False)
    unread = _unread(user, STAFF).filter(conversation=OuterRef("pk"))
    return (
        conversations.annotate(
            last_at=Max("messages__created_at"),
            unread=Subquery(unread.values("conversation").annotate(n=Count("id")).values("n")[:1]),
        )
        .filter(last_at__isnull=False)
        .select_related("application__call", "award__application")
        .order_by("-last_at")
    )


def staff_to_tell(conversation: Conversation, *, but) -> list[User]:
    """Staff who already wrote in this conversation; when none has, everyone on its staff side
    (programme staff; finance too on an award)."""
    writers = User.objects.filter(
        pk__in=Message.objects.filter(conversation=conversation, from_staff=True).values(
            "author_id"
        ),
        is_active=True,
    ).exclude(pk=but.pk)
    if writers.exists():
        return list(writers)
    everyone = users_with_role(PROGRAMME_STAFF)
    if conversation.award_id:
        everyone = everyone | users_with_role(FINANCE)
    return list(everyone.exclude(pk=but.pk).distinct())


# --- The reviewers' discussion --------------------------------------------------------------


def _has_submitted(user, application) -> bool:
    return ReviewAssignment.objects.filter(
        application=application,
        reviewer=user,
        state__in=ReviewAssignment.SCORING_STATES,
        review__status=Review.Status.SUBMITTED,
    ).exists()


def discussion_open_to(user, application: Application) -> bool:
    """Programme staff always; a reviewer of the application once their own review is submitted,
    when the call has the discussion on."""
    if not user.is_authenticated:
        return False
    if has_role(user, PROGRAMME_STAFF):
        return True
    return application.call.reviewer_discussion and _has_submitted(user, application)


def reviewer_discussion(application: Application) -> dict:
    """Every submitted review of the application, with its scores and comments, and the
    discussion: what the reviewers and staff read. Never anything of the applicant's
    conversation. Four queries whatever the number of reviews."""
    reviews = (
        Review.objects.filter(application=application, status=Review.Status.SUBMITTED)
        .select_related("reviewer")
        .prefetch_related("scores__criterion")
        .order_by("submitted_at", "pk")
    )
    comments = ReviewerComment.objects.filter(application=application).select_related("author")
    return {"reviews": list(reviews), "comments": list(comments)}
