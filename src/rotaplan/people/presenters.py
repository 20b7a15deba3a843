"""How a doctor's record reads on a page."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils.html import format_html

from rotaplan.leave.models import LeaveRecord
from rotaplan.leave.presenters import leave_status_tag
from rotaplan.rotas.models import Assignment
from rotaplan.rotas.presenters import shift_times
from rotaplan.web.presenters import day, period, yes_no

from .models import Doctor

# How the audit log words a read of a doctor's record.
RECORD_READ = "their record"


def list_read(page_number: int, pages: int, shown: int, how: str = "") -> str:
    """How the audit log words a page of the doctor list: "the doctor list, page 2 of 5,
    25 doctors (API)"."""
    doctors = "1 doctor" if shown == 1 else f"{shown} doctors"
    suffix = f" ({how})" if how else ""
    return f"the doctor list, page {page_number} of {pages}, {doctors}{suffix}"


def wte_text(wte: Decimal) -> str:
    """ "0.6 (less than full time)", "1.0 (full time)": as medical staffing say it."""
    figure = format(wte.normalize(), "f")
    if "." not in figure:
        figure += ".0"
    return f"{figure} ({'less than full time' if wte < 1 else 'full time'})"


def doctor_summary_rows(doctor: Doctor, department_href: str | None) -> list[dict[str, Any]]:
    """The rows of the doctor's summary list, in the order a coordinator checks them."""
    department: dict[str, str] = {"text": doctor.department.name}
    if department_href:
        department = {
            "html": format_html('<a href="{}">{}</a>', department_href, doctor.department)
        }
    competencies = ", ".join(c.name for c in doctor.competencies.all()) or "None recorded"
    rows = [
        ("GMC number", {"text": doctor.gmc_number}),
        ("Grade", {"text": f"{doctor.grade}, {doctor.get_grade_display()}"}),
        ("Contract", {"text": doctor.get_contract_display()}),
        ("WTE", {"text": wte_text(doctor.wte)}),
        ("Opted out of the 48-hour average", {"text": yes_no(doctor.opted_out)}),
        ("Department", department),
        ("Post", {"text": period(doctor.post_start, doctor.post_end)}),
        ("Competencies", {"text": competencies}),
        ("Email", {"text": doctor.email or "Not recorded"}),
        ("Phone or bleep", {"text": doctor.phone or "Not recorded"}),
    ]
    return [{"key": {"text": key}, "value": value} for key, value in rows]


def shift_rows(assignments: Iterable[Assignment]) -> list[list[dict[str, str]]]:
    return [
        [
            {"text": day(a.date)},
            {"text": f"{a.shift_type.code} {a.shift_type.name}"},
            {"text": shift_times(a)},
            {"text": a.rota.name},
        ]
        for a in assignments
    ]


def leave_rows(records: Iterable[LeaveRecord]) -> list[dict[str, Any]]:
    """Leave for a table; the status is left to the template's tag macro."""
    return [
        {
            "type": record.get_leave_type_display(),
            "period": period(record.start, record.end),
            "days": str(record.days),
            "status": leave_status_tag(record.status),
        }
        for record in records
    ]
