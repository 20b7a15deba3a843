"""The rota grid: doctors down the side, days across, a shift code in each cell.

Built here from rows already fetched, so the template only lays it out and the rules of the
layout (weekends, bank holidays, leave, seniority groups, which days a page shows) are unit
tested without a database. A 26-week rota of 30 doctors is 5,460 cells, so the page shows
a week or four at a time, or the whole rota on request.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from rotaplan.engine.clock import is_bank_holiday, is_weekend, monday_of
from rotaplan.leave.models import LeaveRecord, LeaveStatus
from rotaplan.leave.presenters import LEAVE_CODES
from rotaplan.people.grades import TIER_OF_GRADE
from rotaplan.people.models import Doctor
from rotaplan.web.presenters import period

from ..models import Assignment
from ..presenters import shift_times, shift_type_times

# Juniors first, as coordinators fill a grid: foundation, core, registrar, SAS, consultant.
TIER_ORDER = tuple(dict.fromkeys(TIER_OF_GRADE.values()))
OTHER_TIER = "Other"


@dataclass(frozen=True)
class GridDay:
    date: date
    weekend: bool
    bank_holiday: bool

    @property
    def weekday(self) -> str:
        return f"{self.date:%a}"

    @property
    def label(self) -> str:
        return f"{self.date.day} {self.date:%b}"

    @property
    def classes(self) -> str:
        return " ".join(
            name
            for name, applies in (
                ("rp-weekend", self.weekend),
                ("rp-bank-holiday", self.bank_holiday),
            )
            if applies
        )


@dataclass(frozen=True)
class Mark:
    """One thing written in a cell: a shift or leave code, and what it means in words."""

    code: str
    description: str
    leave: bool = False


@dataclass(frozen=True)
class GridCell:
    day: GridDay
    marks: tuple[Mark, ...]
    breaches: tuple[str, ...] = ()  # names of the rules broken over this day

    @property
    def classes(self) -> str:
        breach = "rp-breach" if self.breaches else ""
        return " ".join(name for name in (self.day.classes, breach) if name)

    @property
    def breach_text(self) -> str:
        """ "Breach: Consecutive nights, Rest after nights", or nothing."""
        return f"Breach: {', '.join(self.breaches)}" if self.breaches else ""


@dataclass(frozen=True)
class GridRow:
    doctor_id: int
    name: str
    grade: str
    cells: tuple[GridCell, ...]


@dataclass(frozen=True)
class GridGroup:
    tier: str
    rows: tuple[GridRow, ...]


@dataclass(frozen=True)
class LegendEntry:
    code: str
    name: str
    times: str = ""


@dataclass(frozen=True)
class RotaGrid:
    days: tuple[GridDay, ...]
    groups: tuple[GridGroup, ...]
    shift_legend: tuple[LegendEntry, ...]
    leave_legend: tuple[LegendEntry, ...]


def build_grid(
    *,
    days: list[date],
    doctors: Iterable[Doctor],
    assignments: Iterable[Assignment],
    leave: Iterable[LeaveRecord],
    breaches: Mapping[tuple[int, date], Sequence[str]] | None = None,
) -> RotaGrid:
    """The grid for ``days`` from fetched rows (assignments with their shift type loaded).

    A shift sits in the column of the day it belongs to, so a night is shown on the evening
    it starts. Only approved leave is shown; a shift on a day of leave shows both, since
    that clash is exactly what a coordinator needs to see. ``breaches`` maps a doctor and
    day to the rules broken over it (``RotaCompliance.days``); those cells are marked.
    """
    breaches = breaches or {}
    grid_days = {d: GridDay(d, is_weekend(d), is_bank_holiday(d)) for d in days}
    marks: dict[tuple[int, date], list[Mark]] = defaultdict(list)
    shift_legend: dict[str, tuple[time, LegendEntry]] = {}
    for assignment in sorted(assignments, key=lambda a: a.start):
        if assignment.date not in grid_days:
            continue
        shift = assignment.shift_type
        description = f"{shift.name}, {shift_times(assignment)}"
        marks[(assignment.doctor_id, assignment.date)].append(Mark(shift.code, description))
        shift_legend.setdefault(
            shift.code,
            (
                shift.start,
                LegendEntry(shift.code, shift.name, shift_type_times(shift.start, shift.end)),
            ),
        )

    leave_legend: dict[str, LegendEntry] = {}
    for record in leave:
        if record.status != LeaveStatus.APPROVED:
            continue
        code, name = LEAVE_CODES[record.leave_type], record.get_leave_type_display()
        for day in (d for d in grid_days if record.start <= d <= record.end):
            marks[(record.doctor_id, day)].append(Mark(code, name, leave=True))
            leave_legend.setdefault(code, LegendEntry(code, name))

    rows_by_tier: dict[str, list[GridRow]] = defaultdict(list)
    for doctor in sorted(doctors, key=lambda d: (d.last_name, d.first_name, d.pk)):
        cells = tuple(
            GridCell(
                grid_day,
                tuple(marks.get((doctor.pk, d), ())),
                tuple(breaches.get((doctor.pk, d), ())),
            )
            for d, grid_day in grid_days.items()
        )
        tier = TIER_OF_GRADE.get(doctor.grade, OTHER_TIER)
        rows_by_tier[tier].append(GridRow(doctor.pk, doctor.full_name, doctor.grade, cells))

    return RotaGrid(
        days=tuple(grid_days.values()),
        groups=tuple(
            GridGroup(tier, tuple(rows_by_tier[tier]))
            for tier in (*TIER_ORDER, OTHER_TIER)
            if rows_by_tier.get(tier)
        ),
        shift_legend=tuple(
            entry for _, entry in sorted(shift_legend.values(), key=lambda p: (p[0], p[1].code))
        ),
        leave_legend=tuple(sorted(leave_legend.values(), key=lambda e: e.code)),
    )


# How many weeks a page of the grid shows; ``None`` is the whole rota.
SPANS: dict[str, int | None] = {"1": 1, "4": 4, "all": None}
DEFAULT_SPAN = "1"


@dataclass(frozen=True)
class GridWindow:
    """The days one page of the grid shows, and the pages either side of it."""

    start: date
    end: date
    span: str
    previous: tuple[date, date] | None = None
    next: tuple[date, date] | None = None

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]


def grid_window(
    *, period_start: date, period_end: date, today: date, requested: date | None, span: str
) -> GridWindow:
    """The page of the grid to show.

    Pages run Monday to Sunday, cut to the rota's period. With no date asked for, the page
    holds today if the rota is running, else the rota's first week. A date outside the
    period is brought inside it; an unknown span is one week.
    """
    weeks = SPANS.get(span, SPANS[DEFAULT_SPAN])
    if weeks is None:
        return GridWindow(period_start, period_end, "all")
    span = span if span in SPANS else DEFAULT_SPAN
    running = period_start <= today <= period_end
    anchor = requested or (today if running else period_start)
    anchor = min(max(anchor, period_start), period_end)
    length = timedelta(weeks=weeks)
    monday = monday_of(anchor)
    previous = None
    if monday > period_start:
        previous = (max(monday - length, period_start), monday - timedelta(days=1))
    following = None
    if monday + length <= period_end:
        following = (monday + length, min(monday + 2 * length - timedelta(days=1), period_end))
    return GridWindow(
        start=max(monday, period_start),
        end=min(monday + length - timedelta(days=1), period_end),
        span=span,
        previous=previous,
        next=following,
    )


def window_href(start: date | None, span: str) -> str:
    return f"?weeks={span}" if start is None else f"?from={start.isoformat()}&weeks={span}"


def paging_params(window: GridWindow) -> dict[str, Any] | None:
    """The NHS.UK pagination macro's previous and next links, labelled with their dates."""
    params: dict[str, Any] = {}
    if window.previous:
        params["previous"] = {
            "href": window_href(window.previous[0], window.span),
            "labelText": period(*window.previous),
        }
    if window.next:
        params["next"] = {
            "href": window_href(window.next[0], window.span),
            "labelText": period(*window.next),
        }
    return params or None


SPAN_NAMES = {"1": "One week", "4": "Four weeks", "all": "Whole rota"}


def span_links(window: GridWindow) -> list[dict[str, Any]]:
    """Links to show one week, four weeks or the whole rota, starting where the page is."""
    return [
        {
            "text": text,
            "href": window_href(None if span == "all" else window.start, span),
            "current": span == window.span,
        }
        for span, text in SPAN_NAMES.items()
    ]


def grid_read(window: GridWindow) -> str:
    """How the audit log words a look at the grid, which shows each doctor's leave and
    sickness: "the grid from Mon 3 Aug 2026 to Sun 30 Aug 2026, with leave"."""
    return f"the grid from {period(window.start, window.end)}, with leave"
