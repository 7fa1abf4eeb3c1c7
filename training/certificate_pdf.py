"""A certificate as a PDF, drawn on request in the active language (fpdf2).

Drawn each time rather than stored: it is one page, drawn in a fraction of a second, and it
must follow the person's display name (which they may change), the module's title in each
language and their erasure; a stored copy per language would have to be kept in step with all
of that and would be one more personal file to delete.

fpdf2 draws glyphs in the order it is given them and does not join Arabic letters (its own
shaping needs uharfbuzz), so each line is shaped here (arabic-reshaper: the joined forms) and
put in visual order (python-bidi) after it is broken into lines: a paragraph is wrapped in its
reading order, then each line is laid out. Our sentences take the direction of the language;
text people typed (display name, module title) takes the direction of its first letter, as
`dir="auto"` does in HTML, so a Latin name on an Arabic certificate reads left to right.

The font is DejaVu Sans, cut down to Latin, Greek, Cyrillic and Arabic (fonts/README.md); a
name in another script loses the letters the font lacks (fpdf2 logs them)."""

import unicodedata
from pathlib import Path

import arabic_reshaper
from bidi import get_display
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from fpdf import FPDF

from youthcities.dates import format_day

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"
BRAND = (11, 110, 79)  # --brand in the stylesheet
INK = (33, 33, 33)
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 297, 210, 30  # A4 landscape, in mm
# Only the ligatures DejaVu Sans has glyphs for (lam-alef and a few); the others would vanish.
_reshaper = arabic_reshaper.ArabicReshaper(arabic_reshaper.config_for_true_type_font(str(REGULAR)))
# Marks that choose a direction; once the line is in visual order they have done their work,
# and some are not in the font.
_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
# A code inside a sentence keeps its own order, like <bdi dir="ltr">.
LTR_ISOLATE = "\u2066{}\u2069"


def direction_of(text: str) -> str:
    """'R' or 'L' by the first letter that has a direction, like `dir="auto"`."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "R"
        if kind == "L":
            return "L"
    return "L"


class _Certificate(FPDF):
    def __init__(self, rtl: bool):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.rtl = rtl
        self.set_auto_page_break(False)
        self.add_font("DejaVu", "", REGULAR)
        self.add_font("DejaVu", "B", BOLD)

    def paragraph(
        self, text, *, size, bold=False, color=INK, user_text=False, gap=3, link="", max_lines=3
    ):
        """Centred lines at the cursor, wrapped to the page, each in visual order; a text too
        long for `max_lines` (or a word wider than the page) is set smaller, down to 9 pt: a
        long title must not run into the address below it."""
        base = direction_of(text) if user_text else ("R" if self.rtl else "L")
        shaped = _reshaper.reshape(text)
        self.set_text_color(*color)
        while True:
            self.set_font("DejaVu", "B" if bold else "", size)
            lines = self._wrap(shaped, PAGE_WIDTH - 2 * MARGIN)
            fits = all(self.get_string_width(line) <= PAGE_WIDTH - 2 * MARGIN for line in lines)
            if (fits and len(lines) <= max_lines) or size <= 9:
                break
            size -= 1
        height = size * 0.5
        for line in lines:
            visual = get_display(line, base_dir=base).translate(_BIDI_CONTROLS)
            self.set_x(MARGIN)
            self.cell(PAGE_WIDTH - 2 * MARGIN, height, visual, align="C", link=link)
            self.ln(height)
        self.ln(gap)

    def _wrap(self, text: str, width: float) -> list[str]:
        """Greedy wrap at spaces in reading order (shaped letters never join across a space, so
        measuring the shaped text is measuring what is drawn)."""
        lines, line = [], ""
        for word in text.split():
            candidate = f"{line} {word}" if line else word
            if line and self.get_string_width(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        return [*lines, line] if line else []


def certificate_pdf(*, certificate, module, verify_url: str) -> bytes:
    """The certificate in the active language: the portal, what it certifies, the person's
    display name (never their legal name), the module's title, the day it was issued in the
    reader's way of writing dates, and the public address and code that verify it."""
    pdf = _Certificate(rtl=get_language_bidi())
    portal = _("Young Cities")
    pdf.set_title(f"{_('Certificate of completion')} · {module.title}")
    pdf.set_author(portal)
    pdf.set_creator(portal)
    pdf.set_lang(get_language())
    pdf.add_page()

    pdf.set_draw_color(*BRAND)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, PAGE_WIDTH - 20, PAGE_HEIGHT - 20)
    pdf.set_line_width(0.4)
    pdf.rect(13, 13, PAGE_WIDTH - 26, PAGE_HEIGHT - 26)

    pdf.set_y(26)
    pdf.paragraph(portal, size=15, bold=True, color=BRAND, gap=6)
    pdf.paragraph(_("Certificate of completion"), size=30, bold=True, gap=10)
    pdf.paragraph(_("This certifies that"), size=14)
    name = certificate.user.display_name
    pdf.paragraph(name, size=26, bold=True, user_text=True, gap=5, max_lines=2)
    pdf.paragraph(_("completed the training module"), size=14)
    pdf.paragraph(module.title, size=20, bold=True, user_text=True, gap=5, max_lines=3)
    pdf.paragraph(_("on %(date)s") % {"date": format_day(certificate.issued_at)}, size=14)

    pdf.set_y(PAGE_HEIGHT - 48)
    pdf.paragraph(_("Check this certificate at:"), size=10, gap=0)
    pdf.paragraph(verify_url, size=10, color=BRAND, user_text=True, gap=1, link=verify_url)
    code = LTR_ISOLATE.format(certificate.token)
    pdf.paragraph(_("Certificate code: %(code)s") % {"code": code}, size=9, gap=0)
    return bytes(pdf.output())
