from django.utils.translation import gettext_lazy as _

from grants.errors import GrantError


class ConversationClosed(GrantError):
    message = _(
        "This application was withdrawn: its conversation is closed and takes no new messages."
    )


class EmptyMessage(GrantError):
    message = _("Write a message or attach a file.")


class TooManyFiles(GrantError):
    message = _("Attach at most 5 files to one message.")


class DiscussionClosed(GrantError):
    message = _(
        "The reviewers' discussion opens to you once you have submitted your own review, on a "
        "call that has it."
    )
