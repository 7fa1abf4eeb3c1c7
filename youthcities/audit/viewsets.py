"""The audit trail in the admin, read-only, for programme staff and finance: filter by person,
object, action and date, export as CSV."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from youthcities.accounts.roles import FINANCE, PROGRAMME_STAFF
from youthcities.audit.models import AuditEntry
from youthcities.permission_policies import RolePermissionPolicy

# Read-only: viewing is the only action anyone is given.
AUDIT_POLICY = RolePermissionPolicy(AuditEntry, {"view": (PROGRAMME_STAFF, FINANCE)})


class AuditEntryFilterSet(WagtailFilterSet):
    actor = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Who"),
        queryset=lambda request: get_user_model().objects.filter(is_staff=True),
    )
    actor_email = django_filters.CharFilter(
        label=gettext_lazy("Who (email)"), field_name="actor__email", lookup_expr="iexact"
    )
    action = django_filters.CharFilter(label=gettext_lazy("Action"), lookup_expr="istartswith")
    target_type = django_filters.CharFilter(label=gettext_lazy("Object type"))
    target_id = django_filters.CharFilter(label=gettext_lazy("Object id"))
    created_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("When"), widget=DateRangePickerWidget
    )

    class Meta:
        model = AuditEntry
        fields = ["actor", "actor_email", "action", "target_type", "target_id", "created_at"]


class AuditEntryIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("actor")


class AuditEntryViewSet(ModelViewSet):
    model = AuditEntry
    icon = "history"
    menu_label = gettext_lazy("Audit trail")
    menu_order = 9100
    add_to_admin_menu = True
    url_prefix = "audit"
    url_namespace = "audit_entries"
    index_view_class = AuditEntryIndexView
    list_display = ["created_at", "actor", "action", "target_type", "target_id"]
    list_export = ["created_at", "actor", "action", "target_type", "target_id", "data"]
    export_filename = "audit-trail"
    filterset_class = AuditEntryFilterSet
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = ["created_at", "actor", "action", "target_type", "target_id", "data"]
    permission_policy = AUDIT_POLICY
    form_fields = []  # never edited (the permission policy gives nobody add, change or delete)
