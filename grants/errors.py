"""Errors the grant services raise. Views catch them one by one and show a clear message."""

from django.utils.translation import gettext_lazy as _

from youthcities.errors import ServiceError


class GrantError(ServiceError):
    pass


class CallClosed(GrantError):
    message = _("This call has closed. Your draft is kept, but it can no longer be submitted.")


class CallNotOpen(GrantError):
    message = _("This call is not open for applications yet.")


class NotAllowed(GrantError):
    message = _("You cannot do this.")


class StaleDraft(GrantError):
    message = _(
        "This application was changed in another tab or on another device. We have loaded the "
        "latest answers: please check them and save again."
    )


class TooManyInvitations(GrantError):
    message = _(
        "You have invited too many people to this application in the last hour. Your other "
        "answers are kept here: please try the invitations again in an hour."
    )


class IncompleteApplication(GrantError):
    def __init__(self, problems: dict[str, list[str]]):
        self.problems = problems
        super().__init__(_("Some answers are missing or need correcting."))


class BadUpload(GrantError):
    pass


class StorageUnavailable(GrantError):
    message = _(
        "We could not store your file just now. Your other answers are saved; please try the "
        "upload again in a few minutes."
    )
