from wagtail import hooks
from wagtail.permissions import register_permission_policy

from youthcities.audit.models import AuditEntry
from youthcities.audit.viewsets import AUDIT_POLICY, AuditEntryViewSet

register_permission_policy(AuditEntry, AUDIT_POLICY)


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditEntryViewSet("audit_entries")
