"""Errors the hub's services raise; views catch them and show the message."""

from django.utils.translation import gettext_lazy as _

from youthcities.errors import ServiceError


class HubError(ServiceError):
    pass


class AlreadyMember(HubError):
    message = _("You are already a member of the hub.")


class ApplicationPending(HubError):
    message = _("Your application is waiting for a decision; you will hear from us by email.")


class AlreadyDecided(HubError):
    message = _("This has already been decided.")


class NotMember(HubError):
    message = _("Only members of the hub can do this.")


class BadUpload(HubError):
    message = _("This file cannot be accepted.")


class NotAllowed(HubError):
    message = _("You cannot do this.")


class OwnCity(HubError):
    message = _("This is your own city: ask to be put in touch with another member city.")


class IntroductionOpen(HubError):
    message = _("You already asked to be put in touch with this city; the programme team is on it.")


class NotCounterpart(HubError):
    message = _("This person cannot be the counterpart: pick someone of that city.")


class NotCityStaff(HubError):
    message = _("Only the city's own municipal staff edit its profile.")


class NothingToApprove(HubError):
    message = _("No draft is waiting for approval.")


class NoCityToSpeakFor(HubError):
    message = _(
        "Only members who work for a member city can be its contact: your membership names no city."
    )
