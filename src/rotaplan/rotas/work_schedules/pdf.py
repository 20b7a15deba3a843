"""A work schedule as an A4 PDF: the page's content, for a doctor to keep or print.

fpdf2 with its core Helvetica font, so nothing is downloaded or shipped: that font covers
Latin-1 (with the pound and multiplication signs), and the few other characters the pay
engine writes (the minus sign, arrows, ellipses) are
replaced by their nearest Latin-1 spelling.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from rotaplan.engine.clock import format_day
from rotaplan.engine.pay.text import NOT_YET_CHECKED, line_texts, pounds

from .presenters import PREMIUM_NOT_SHOWN, about_rows, hours_rows, pattern_rows, pay_heading
from .schedule import WorkSchedule

FONT = "helvetica"
REPLACEMENTS = str.maketrans(
    {
        "\u2212": "-",  # minus
        "\u2013": "-",
        "\u2014": "-",
        "\u2192": "->",
        "\u2026": "...",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
    }
)


def latin1(text: str) -> str:
    """``text`` in the core font's character set: known look-alikes, then "?"."""
    return text.translate(REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


class _Document(FPDF):
    generated = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.cell(0, 5, latin1(f"Generated {self.generated} by Rotaplan"), align="L")
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")


def work_schedule_pdf(schedule: WorkSchedule, *, compress: bool = True) -> bytes:
    """The schedule as PDF bytes. ``compress=False`` leaves the text streams readable (for
    tests, which have no PDF reader)."""
    pdf = _Document(format="A4")
    pdf.generated = format_day(schedule.generated_on)
    pdf.set_compression(compress)
    pdf.set_title(latin1(f"Work schedule: {schedule.doctor}, {schedule.rota.name}"))
    pdf.set_author("Rotaplan")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    _heading(pdf, f"Work schedule: {schedule.doctor}", size=18)
    _paragraph(pdf, f"{schedule.rota.name}, {schedule.rota.department.name}")
    _rows(pdf, about_rows(schedule))
    for note in schedule.notes:
        _paragraph(pdf, note, bold=True)
    _heading(pdf, "Hours and pattern")
    _rows(pdf, hours_rows(schedule))
    _pattern(pdf, pattern_rows(schedule))
    _compliance(pdf, schedule)
    _pay(pdf, schedule)
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str, *, size: int = 14) -> None:
    pdf.ln(2)
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, size * 0.5, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)


def _paragraph(
    pdf: FPDF, text: str, *, size: int = 10, bold: bool = False, indent: float = 0
) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(0, size * 0.5, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _rows(pdf: FPDF, rows: list[tuple[str, str]]) -> None:
    for key, value in rows:
        pdf.set_font(FONT, "B", 10)
        pdf.cell(62, 5.5, latin1(key))
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(0, 5.5, latin1(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _pattern(pdf: FPDF, rows: list[tuple[str, str, str, str]]) -> None:
    if not rows:
        _paragraph(pdf, "No shifts on this rota.")
        return
    pdf.ln(2)
    with pdf.table(col_widths=(15, 85, 25, 35), text_align=("LEFT", "LEFT", "RIGHT", "RIGHT")) as t:
        pdf.set_font(FONT, "", 10)
        t.row([latin1(h) for h in ("Shift", "Name", "Shifts", "Hours in all")])
        for row in rows:
            t.row([latin1(cell) for cell in row])


def _compliance(pdf: FPDF, schedule: WorkSchedule) -> None:
    _heading(pdf, "Contract rules")
    if schedule.compliant:
        _paragraph(pdf, "No breach of the 2016 terms or the Working Time Regulations was found.")
    else:
        count = len(schedule.breaches)
        _paragraph(
            pdf,
            f"This schedule breaks {count} rule{'s' if count != 1 else ''} of the 2016 terms "
            "or the Working Time Regulations. Ask the rota coordinator to change it.",
            bold=True,
        )
        for breach in schedule.breaches:
            _paragraph(pdf, f"- {breach.message}", indent=3)
    if schedule.owed:
        _paragraph(pdf, "Compensatory rest and protection owed (not breaches):", bold=True)
        for owed in schedule.owed:
            _paragraph(pdf, f"- {owed.message}", indent=3)


def _pay(pdf: FPDF, schedule: WorkSchedule) -> None:
    _heading(pdf, "Pay")
    statement = schedule.statement
    if statement is None:
        _paragraph(pdf, schedule.pay_problem, bold=True)
        return
    _paragraph(pdf, pay_heading(statement))
    pdf.ln(1)
    for line in statement.lines:
        pdf.set_font(FONT, "B", 11)
        pdf.cell(140, 6, latin1(line.title))
        pdf.cell(0, 6, latin1(pounds(line.amount)), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for text in line_texts(line):
            _paragraph(pdf, text, size=9, bold=text.startswith(NOT_YET_CHECKED), indent=4)
        pdf.ln(1.5)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(140, 7, "Total a year")
    pdf.cell(0, 7, latin1(pounds(statement.total)), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if statement.warning:
        _paragraph(pdf, statement.warning, bold=True)
    _paragraph(pdf, PREMIUM_NOT_SHOWN, size=9)
    for note in statement.notes:
        _paragraph(pdf, f"Note: {note}", size=9)
    _paragraph(pdf, statement.rounding_rule, size=8)
