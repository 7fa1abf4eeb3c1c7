"""Permissions come from roles (groups) only, and a person's roles and permissions are cached
between requests: every page of the admin would otherwise ask the database for them again.
Any change of a membership, a group or a group's permissions drops every cached set at once."""

import uuid

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

VERSION_KEY = "roles:version"
TTL = 300  # seconds; a backstop only, the signals below do the invalidating


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, None)
    return version


def forget_roles(**kwargs) -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def roles_and_permissions(user) -> tuple[frozenset[str], frozenset[str]]:
    """The person's role (group) names and their "app_label.codename" permissions."""
    if not hasattr(user, "_roles_cache"):
        key = f"roles:{_version()}:{user.pk}"
        cached = cache.get(key)
        if cached is None:
            roles = frozenset(user.groups.values_list("name", flat=True))
            query = (
                Permission.objects.all()
                if user.is_superuser
                else Permission.objects.filter(group__user=user)
            )
            permissions = frozenset(
                f"{label}.{codename}"
                for label, codename in query.values_list("content_type__app_label", "codename")
            )
            cached = (roles, permissions)
            cache.set(key, cached, TTL)
        user._roles_cache = cached
    return user._roles_cache


class RolePermissionBackend(ModelBackend):
    def get_user_permissions(self, user_obj, obj=None):
        return set()  # nobody holds permissions of their own: they come with roles

    def get_group_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return set(roles_and_permissions(user_obj)[1])

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            # The attributes ModelBackend (and allauth's backend, its subclass) look for.
            user_obj._user_perm_cache = set()
            user_obj._group_perm_cache = self.get_group_permissions(user_obj)
            user_obj._perm_cache = set(user_obj._group_perm_cache)
        return user_obj._perm_cache


@receiver(m2m_changed, sender=Group.permissions.through)
def _group_permissions_changed(**kwargs):
    forget_roles()


@receiver(post_save, sender=Group)
@receiver(post_delete, sender=Group)
def _group_changed(**kwargs):
    forget_roles()


def connect_membership_signals(user_model) -> None:
    m2m_changed.connect(forget_roles, sender=user_model.groups.through, weak=False)
    post_save.connect(forget_roles, sender=user_model, weak=False)
