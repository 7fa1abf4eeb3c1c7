"""The demo's 2026 round has a conversation with an internal note and a file, an award
conversation, the reviewers' discussion on, and a few reminders due."""

from grants.calls.models import GrantCall
from grants.conversations.models import Message, ReviewerComment
from youthcities.reminders.services import reminders_due


def test_the_demo_round_has_conversations_notes_discussion_and_reminders_due(demo):
    call = GrantCall.objects.get(slug="local-innovation-grants-2026")
    assert call.reviewer_discussion
    messages = Message.objects.filter(conversation__application__call=call)
    assert messages.filter(internal=True).exists()
    assert messages.filter(from_staff=False, files__isnull=False).exists()
    assert Message.objects.filter(conversation__award__call=call).count() >= 2
    assert ReviewerComment.objects.filter(application__call=call).count() >= 2
    codes = {reminder.kind.code for reminder in reminders_due()}
    assert {"review_soon", "review_overdue", "recommendation_unanswered"} <= codes
