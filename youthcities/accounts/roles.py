"""Roles are Django groups. Codes are compared; labels are shown."""

from django.utils.translation import gettext_lazy as _

APPLICANT = "applicant"
REVIEWER = "reviewer"
PROGRAMME_STAFF = "programme_staff"
FINANCE = "finance"
MODERATOR = "safeguarding_moderator"
MUNICIPAL = "municipal_staff"
ACTIVIST = "youth_activist"
HUB_MEMBER = "hub_member"

ROLE_LABELS = {
    APPLICANT: _("Applicant"),
    REVIEWER: _("Grant reviewer"),
    PROGRAMME_STAFF: _("Programme staff"),
    FINANCE: _("Finance officer"),
    MODERATOR: _("Safeguarding moderator"),
    MUNICIPAL: _("Municipal staff"),
    ACTIVIST: _("Youth activist"),
    HUB_MEMBER: _("Hub member"),
}
ALL_ROLES = tuple(ROLE_LABELS)
# Roles that work in the Wagtail admin (activists write their campaigns there).
ADMIN_ROLES = (PROGRAMME_STAFF, FINANCE, MODERATOR, ACTIVIST)
# Roles that see other people's data or move money: they must log in with a second factor.
MFA_ROLES = (REVIEWER, PROGRAMME_STAFF, FINANCE, MODERATOR, MUNICIPAL)
