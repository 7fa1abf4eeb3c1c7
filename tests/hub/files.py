"""Documents for the hub's tests: the demo's real ones, and files no reader can use."""

from demo.files import docx_with_text, odt_with_text, pdf_with_text

__all__ = ["broken_pdf", "docx_with_text", "odt_with_text", "pdf_with_text", "scanned_pdf"]


def scanned_pdf() -> bytes:
    """A PDF with a page and no text on it (what a scanner makes, without the image)."""
    return pdf_with_text()


def broken_pdf() -> bytes:
    """Starts like a PDF, then nothing a reader can parse."""
    return b"%PDF-1.7\n" + b"\x00garbage" * 200
