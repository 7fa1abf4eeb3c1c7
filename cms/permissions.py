"""What each staff role may do in the Wagtail admin, applied after every `migrate`."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from campaigns.setup import campaigns_setup
from youthcities.accounts.roles import PROGRAMME_STAFF
from youthcities.accounts.services import roles_ensure_groups

# app label → model → actions
PROGRAMME_STAFF_MODELS = {
    "network": {
        "city": "add change delete view",
        "organisation": "add change delete view",
        "workshop": "add change delete view",
        "citystaff": "add change delete view",
    },
    "cms": {
        "navigationsettings": "change",
        "footersettings": "change",
        "resource": "add change delete view",
    },
    "grants": {"grantcall": "add change view", "application": "view"},
}
PAGE_ACTIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_ACTIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def staff_permissions_ensure() -> None:
    group, _created = Group.objects.get_or_create(name=PROGRAMME_STAFF)
    for app_label, models in PROGRAMME_STAFF_MODELS.items():
        for model, actions in models.items():
            for action in actions.split():
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    )
                )
    root = Page.get_first_root_node()
    if root is not None:
        for codename in PAGE_ACTIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    collection = Collection.get_first_root_node()
    if collection is not None:
        for app_label, codenames in COLLECTION_ACTIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=codename
                    ),
                )


def after_migrate(app_config, **kwargs) -> None:
    # post_migrate is sent once per app; permissions of every app exist after the last one.
    if app_config is list(apps.get_app_configs())[-1]:
        roles_ensure_groups()
        staff_permissions_ensure()
        campaigns_setup()
