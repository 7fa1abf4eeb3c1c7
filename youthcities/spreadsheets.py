"""Cells for CSV and XLSX exports."""


def cell_safe(value):
    """A value a spreadsheet shows as text: a leading =, +, - or @ would make it a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
