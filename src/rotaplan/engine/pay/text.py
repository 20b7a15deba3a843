"""A pay statement in words for people: the CLI prints it, the work schedule page and PDF
lay out the same sentences, so a doctor reads the same explanation everywhere."""

from __future__ import annotations

import textwrap
from decimal import Decimal

from .pay_line import PayLine
from .statement import PayStatement

WIDTH = 100

#: How a line says a figure it uses was not checked against its source, in words a doctor
#: reads without alarm or jargon, on the page, the PDF and the command line alike.
NOT_YET_CHECKED = "Not yet checked against its source"


def pounds(amount: Decimal) -> str:
    """£6,812.38: always with pence, as on a payslip."""
    return f"£{amount:,.2f}"


def doctor_heading(statement: PayStatement) -> str:
    """ "Pay for Dr Ada Patel (D1), full time"."""
    s = statement
    who = s.doctor_name if s.doctor_name == s.doctor_id else f"{s.doctor_name} ({s.doctor_id})"
    wte = "full time" if s.wte >= 1 else f"less than full time, WTE {s.wte}"
    return f"Pay for {who}, {wte}"


def line_texts(line: PayLine) -> list[str]:
    """What a line says under its title and amount: its formula, what it means, its notes
    and, if a figure it uses is not verified, why."""
    texts = [f"= {line.formula}", line.explanation]
    texts += [f"Note: {note}" for note in line.notes]
    if not line.verified:
        texts += [f"{NOT_YET_CHECKED}: {reason}" for reason in line.unverified_because]
    return texts


def format_statement(statement: PayStatement) -> str:
    """The statement as text for people: each line, its formula and meaning, the total."""
    s = statement
    out = [
        doctor_heading(s),
        f"Pay year {s.pay_year}, nodal point {s.nodal_point}; "
        f"rota {s.period_start} to {s.period_end} "
        f"({s.figures['weeks_in_period']} weeks, {s.figures['average_weekly_hours']} h a week "
        "on average)",
        "",
    ]
    width = max(len(pounds(amount)) for amount in (*(ln.amount for ln in s.lines), s.total))
    for line in s.lines:
        amount = pounds(line.amount).rjust(width)
        out.append(f"{amount}  {line.title}")
        pad = " " * (len(amount) + 2)
        for text in line_texts(line):
            out.append(textwrap.fill(text, WIDTH, initial_indent=pad, subsequent_indent=pad + "  "))
    out.append("")
    out.append(f"{pounds(s.total).rjust(width)}  Total a year")
    if s.warning:
        out.append(textwrap.fill(s.warning, WIDTH))
    out += [textwrap.fill(f"Note: {note}", WIDTH) for note in s.notes]
    out.append(textwrap.fill(s.rounding_rule, WIDTH))
    return "\n".join(out)
