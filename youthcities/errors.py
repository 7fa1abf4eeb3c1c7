"""The base of the errors services raise: a message for the person, in their language."""

from django.utils.translation import gettext_lazy as _


class ServiceError(Exception):
    message = _("This cannot be done.")

    def __init__(self, message=None):
        super().__init__(str(message or self.message))
        if message:
            self.message = message
