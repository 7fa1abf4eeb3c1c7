"""Permissions come from roles (groups) only. A person's roles and permissions are read once per
request, and kept between requests only in a cache every process shares (Redis): a cache local
to one process cannot hear about a change made in another, so a removed staff member would keep
their rights on the other gunicorn workers. Any change of a membership, a group or a group's
permissions drops every shared cached set at once."""

import uuid

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
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


def _cache_is_shared() -> bool:
    """Whether every process sees the same cache (Redis), not a copy of its own."""
    return not isinstance(caches["default"], LocMemCache)


def _read_roles(user) -> tuple[frozenset[str], frozenset[str]]:
    """One query: each of the person's groups with each of its permissions."""
    if user.is_superuser:
        rows = Permission.objects.values_list("content_type__app_label", "codename")
        roles = frozenset(user.groups.values_list("name", flat=True))
        return roles, frozenset(f"{label}.{codename}" for label, codename in rows)
    rows = Group.objects.filter(user=user).values_list(
        "name", "permissions__content_type__app_label", "permissions__codename"
    )
    roles, permissions = set(), set()
    for name, label, codename in rows:
        roles.add(name)
        if codename:
            permissions.add(f"{label}.{codename}")
    return frozenset(roles), frozenset(permissions)


def roles_and_permissions(user) -> tuple[frozenset[str], frozenset[str]]:
    """The person's role (group) names and their "app_label.codename" permissions."""
    if not hasattr(user, "_roles_cache"):
        if not _cache_is_shared():
            user._roles_cache = _read_roles(user)
            return user._roles_cache
        key = f"roles:{_version()}:{user.pk}"
        cached = cache.get(key)
        if cached is None:
            cached = _read_roles(user)
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
