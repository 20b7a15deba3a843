"""What a work schedule says, for the page and the PDF alike: about the doctor and the
rota, the hours, the pattern of shifts, and the pay lines each explained."""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html, format_html_join

from rotaplan.engine.pay import PayStatement
from rotaplan.engine.pay.text import NOT_YET_CHECKED, line_texts, pounds
from rotaplan.people.presenters import wte_text
from rotaplan.web.presenters import period, yes_no

from ..models import Rota
from ..presenters import hours_text
from .schedule import WorkSchedule

# A work schedule knows the doctor's grade but not their training programme, so it cannot
# say whether a flexible pay premium is due; it says that it is not shown rather than leave
# a doctor who is owed one to think the total is complete.
PREMIUM_NOT_SHOWN = (
    "A doctor training in general practice, psychiatry, emergency medicine, histopathology, "
    "oral and maxillofacial surgery or academia is also paid a flexible pay premium on top of "
    "these figures. It is not shown here: Rotaplan does not record a doctor's training "
    "programme."
)


def file_name(schedule: WorkSchedule, extension: str) -> str:
    d, r = schedule.doctor, schedule.rota
    return f"work-schedule-{d.last_name.lower()}-{d.gmc_number}-rota-{r.pk}.{extension}"


def summary_rows(pairs: list[tuple[str, str]]) -> list[dict[str, dict[str, str]]]:
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in pairs]


def pay_rows(statement: PayStatement) -> list[list[dict[str, Any]]]:
    """Each line's title, formula, meaning, notes and unverified reasons, and its amount."""
    rows: list[list[dict[str, Any]]] = []
    for line in statement.lines:
        texts = format_html_join(
            "",
            '<p class="nhsuk-body-s{}">{}</p>',
            (
                (" nhsuk-u-font-weight-bold" if text.startswith(NOT_YET_CHECKED) else "", text)
                for text in line_texts(line)
            ),
        )
        rows.append(
            [
                {"html": format_html("<strong>{}</strong>{}", line.title, texts)},
                {"text": pounds(line.amount), "format": "numeric"},
            ]
        )
    total = format_html("<strong>{}</strong>", pounds(statement.total))
    rows.append([{"html": "<strong>Total a year</strong>"}, {"html": total, "format": "numeric"}])
    return rows


def pattern_table(schedule: WorkSchedule) -> list[list[dict[str, str]]]:
    """``pattern_rows`` for the table macro, the counts and hours right-aligned."""
    return [
        [
            {"text": c[0]},
            {"text": c[1]},
            {"text": c[2], "format": "numeric"},
            {"text": c[3], "format": "numeric"},
        ]
        for c in pattern_rows(schedule)
    ]


def about_rows(schedule: WorkSchedule) -> list[tuple[str, str]]:
    d, r = schedule.doctor, schedule.rota
    return [
        ("Doctor", f"{d}, GMC {d.gmc_number}"),
        ("Grade", f"{d.grade}, {d.get_grade_display()}"),
        ("Contract", d.get_contract_display()),
        ("WTE", wte_text(d.wte)),
        ("Opted out of the 48-hour average", yes_no(d.opted_out)),
        ("Post", f"{d.department.name}, {period(d.post_start, d.post_end)}"),
        ("Rota", f"{r.name}, {r.department.name} ({r.get_status_display().lower()})"),
        ("Rota period", period(r.period_start, r.period_end)),
    ]


def hours_rows(schedule: WorkSchedule) -> list[tuple[str, str]]:
    f = schedule.figures
    return [
        ("Average weekly hours", f"{hours_text(f.average_weekly_hours)} over the rota period"),
        ("Most hours in any 168 hours", hours_text(f.max_hours_in_168h)),
        ("Night shifts", str(f.night_shifts)),
        ("Long shifts (over 10 hours)", str(f.long_shifts)),
        ("Weekends worked", f"{f.weekends_worked} of {f.weekends_in_period}"),
        ("On-call periods", str(f.on_call_periods)),
    ]


def pattern_rows(schedule: WorkSchedule) -> list[tuple[str, str, str, str]]:
    """Shift code, name, how many, hours in all."""
    return [
        (
            c.code,
            c.name + (" (on call)" if c.kind == "on_call" else ""),
            str(c.count),
            hours_text(c.hours),
        )
        for c in schedule.shift_counts
    ]


def pay_heading(statement: PayStatement) -> str:
    return (
        f"Pay year {statement.pay_year}, nodal point {statement.nodal_point}: "
        "annual amounts for this rota's pattern"
    )


def schedule_read(rota: Rota, shown: str) -> str:
    """How the audit log words a read of a work schedule: "their work schedule for Acute
    medicine registrars (PDF)"."""
    return f"their work schedule for {rota.name} ({shown})"
