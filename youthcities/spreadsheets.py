"""Cells for CSV and XLSX exports. Every cell the portal writes to a spreadsheet goes through
`cell_safe`: our own writers call it (or `row_safe`), and every Wagtail export (our viewsets and
Wagtail's own reports, such as the site history) through `protect_wagtail_exports`."""

# What a spreadsheet reads as the start of a formula (OWASP's CSV injection list: = + - @, tab
# and carriage return), and the full-width forms some spreadsheets also accept.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def cell_safe(value):
    """A value a spreadsheet shows as it is: text that would start a formula gets a leading
    apostrophe. Numbers and dates stay what they are (a negative amount is no formula)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def row_safe(row) -> list:
    return [cell_safe(value) for value in row]


def protect_wagtail_exports() -> None:
    """Make every Wagtail spreadsheet export (CSV and XLSX, any view using its
    SpreadsheetExportMixin) pass each value through `cell_safe`, after Wagtail's own
    preprocessing. Wagtail has no setting for it, so its one method is wrapped, once, at start."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "cell_safe", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return cell_safe(original(self, field, value, export_format))

    preprocess_field_value.cell_safe = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
