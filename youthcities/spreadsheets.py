"""Cells for CSV and XLSX exports. Every cell the portal writes to a spreadsheet goes through
`cell_safe`: our own writers call it (or `row_safe`), and Wagtail's exports (ModelViewSet and
report listings) through `SafeSpreadsheetExportMixin`."""

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


class SafeSpreadsheetExportMixin:
    """For Wagtail views with `list_export` (SpreadsheetExportMixin): each exported value, CSV
    and XLSX alike, passes through `cell_safe` after Wagtail's own preprocessing."""

    def preprocess_field_value(self, field, value, export_format):
        return cell_safe(super().preprocess_field_value(field, value, export_format))
