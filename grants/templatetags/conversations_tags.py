"""Conversations on pages of lower floors (My applications, the read-back page, the award page,
the decision page), which cannot import them: the templates ask here."""

from django import template

from grants.conversations.selectors import (
    STAFF,
    TEAM,
    conversation_existing,
    reviewer_discussion,
    unread_for_team,
    unread_in,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_messages(context, applications) -> dict[int, int]:
    """Unread messages per application (its award's counted with it), in one query."""
    return unread_for_team(context["request"].user, [a.pk for a in applications])


@register.filter
def count_for(counts: dict, pk) -> int:
    return counts.get(pk, 0)


@register.simple_tag(takes_context=True)
def unread_about(context, application=None, award=None) -> int:
    about = {"award": award} if award is not None else {"application": application}
    return unread_in(context["request"].user, conversation_existing(**about), TEAM)


@register.simple_tag(takes_context=True)
def decision_panel(context, application) -> dict:
    """For the decision page: staff's unread count of the application's conversation and the
    reviewers' discussion (scores, comments) when the call has it."""
    user = context["request"].user
    has_discussion = application.call.reviewer_discussion
    return {
        "unread": unread_in(user, conversation_existing(application=application), STAFF),
        "call_has_discussion": has_discussion,
        "discussion": reviewer_discussion(application) if has_discussion else None,
    }
