"""The admin dashboard's "Waiting for you" panel: what each person has to do, per role, as a
count with a link. Each app adds its own lines from its `wagtail_hooks.py`
(`construct_homepage_panels`), through `waiting_add`; every line is one counting query."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component


@dataclass(frozen=True)
class Waiting:
    label: str  # "Applications to assign to reviewers"
    count: int
    url: str
    order: int = 100


class WaitingPanel(Component):
    name = "yc_waiting"
    template_name = "includes/admin_waiting_panel.html"
    order = 10  # before Wagtail's own panels

    def __init__(self):
        self.items: list[Waiting] = []

    def get_context_data(self, parent_context):
        items = sorted(self.items, key=lambda item: item.order)
        return {
            "title": _("Waiting for you"),
            "items": items,
            "nothing": not any(item.count for item in items),
        }


def waiting_add(panels: list, items: list[Waiting]) -> None:
    """Add `items` to the dashboard's one "Waiting for you" panel (made on first use)."""
    if not items:
        return
    panel = next((p for p in panels if isinstance(p, WaitingPanel)), None)
    if panel is None:
        panel = WaitingPanel()
        panels.insert(0, panel)
    panel.items.extend(items)
