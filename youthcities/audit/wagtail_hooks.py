from wagtail import hooks
from wagtail.permissions import register_permission_policy

from youthcities.accounts.roles import FINANCE, PROGRAMME_STAFF
from youthcities.audit.models import AuditEntry
from youthcities.audit.viewsets import AuditEntryViewSet
from youthcities.permission_policies import RolePermissionPolicy

# Read-only: viewing is the only action anyone is given.
register_permission_policy(
    AuditEntry, RolePermissionPolicy(AuditEntry, {"view": (PROGRAMME_STAFF, FINANCE)})
)


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditEntryViewSet("audit_entries")
