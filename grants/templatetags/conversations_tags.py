"""Conversations on pages of lower floors (My applications, the read-back page, the award page,
the decision page), which cannot import them: the templates ask here."""

from django import template

from grants.conversations.selectors import (
    STAFF,
    TEAM,
    reviewer_discussion,
    unread_for_team,
    unread_on,
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
    return unread_on(context["request"].user, TEAM, application=application, award=award)


@register.simple_tag(takes_context=True)
def decision_panel(context, application) -> dict:
    """For the decision page: staff's unread count of the application's conversation and the
    reviewers' discussion (scores, comments) when the call has it."""
    user = context["request"].user
    has_discussion = application.call.reviewer_discussion
    return {
        "unread": unread_on(user, STAFF, application=application),
        "call_has_discussion": has_discussion,
        "discussion": reviewer_discussion(application) if has_discussion else None,
    }
