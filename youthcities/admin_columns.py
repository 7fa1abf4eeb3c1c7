"""Listing columns for the admin's viewsets that print money and dates the one way the rest
of the portal does (youthcities.money, youthcities.dates), never "5000.000" or "Dec. 1, 2026,
3:35 p.m.". Sortable by the field, labelled by its verbose name."""

from wagtail.admin.ui.tables import Column

from youthcities.dates import format_day, format_moment
from youthcities.money import format_money


def _label(model, name):
    return model._meta.get_field(name).verbose_name


def money_column(model, name: str, currency: str = "currency") -> Column:
    def amount(obj):
        value = getattr(obj, name)
        return format_money(value, getattr(obj, currency)) if value is not None else "—"

    return Column(name, label=_label(model, name), accessor=amount, sort_key=name, classname="num")


def day_column(model, name: str) -> Column:
    def day(obj):
        value = getattr(obj, name)
        return format_day(value) if value else "—"

    return Column(name, label=_label(model, name), accessor=day, sort_key=name)


def moment_column(model, name: str) -> Column:
    def moment(obj):
        value = getattr(obj, name)
        return format_moment(value) if value else "—"

    return Column(name, label=_label(model, name), accessor=moment, sort_key=name)
