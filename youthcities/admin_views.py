"""The one role gate for the admin's custom screens and menu items: a person without one of
the view's roles gets 403 (Wagtail sends the anonymous to log in)."""

from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from youthcities.accounts.selectors import has_role


def require_any_role(user, roles) -> None:
    if not any(has_role(user, role) for role in roles):
        raise PermissionDenied


class RoleMenuItem(MenuItem):
    """A menu item shown only to the given roles."""

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.roles = roles

    def is_shown(self, request):
        return any(has_role(request.user, role) for role in self.roles)


class RoleView(WagtailAdminTemplateMixin, TemplateView):
    """An admin screen for the given roles only."""

    roles: tuple[str, ...] = ()
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        require_any_role(request.user, self.roles)
        return super().dispatch(request, *args, **kwargs)
