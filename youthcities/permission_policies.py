"""Wagtail permission policies by role: which roles may take each action on a model's admin
screens. An action no role is given is open to nobody, superusers included: it is how a field
the lifecycle owns (an application's status) stays out of every admin form."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from youthcities.accounts.selectors import has_role


class RolePermissionPolicy(BasePermissionPolicy):
    def __init__(self, model, roles_by_action: dict[str, tuple[str, ...]]):
        super().__init__(model)
        self.roles_by_action = roles_by_action

    def user_has_permission(self, user, action):
        roles = self.roles_by_action.get(action, ())
        return user.is_active and any(has_role(user, role) for role in roles)

    def users_with_any_permission(self, actions):
        roles = {role for action in actions for role in self.roles_by_action.get(action, ())}
        if not roles:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name__in=roles), is_active=True)
            .distinct()
        )
