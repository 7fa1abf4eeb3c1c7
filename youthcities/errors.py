"""The one base of the errors services raise: a message for the person, in their language, and
a code to compare by (never the English text). Messages are lazy, so a class-level message is
translated when it is shown, not when the module is imported."""

import re

from django.utils.translation import gettext_lazy as _


class ServiceError(Exception):
    message = _("This cannot be done.")
    code = "service_error"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:  # TooManyDecimals → "too_many_decimals"
            cls.code = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()

    def __init__(self, message=None):
        super().__init__(str(message or self.message))
        if message:
            self.message = message
