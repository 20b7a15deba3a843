"""Planned against delivered: what a clinician's job plan says they do each week, set
against what the rota and the clinics show they did, line by line, in PAs a week.

Job plans are annualised over the working weeks of a year (some 42), so a week of leave
is not a week of lost activity: weeks the clinician was away are left out, and what was
delivered is averaged over the weeks they were at work. Each line knows how its delivery
is recorded:

- ``SESSIONS``: a clinic, from the clinic sessions that ran (the caller counts a reduced
  session by the share of its slots kept, and a backfilled one to whoever ran it);
- ``SPA``: supporting professional activities, delivered in the weeks they were not taken
  by service (a rota shift, a clinic the clinician ran, a fixed commitment over the SPA's
  time), lost in the others;
- ``ON_CALL``: on-call from the rota's on-call shifts worked, against the job plan's one
  in N (7/N on-call days a week expected): delivered on-call PAs are the planned on-call
  PAs in proportion;
- ``NOT_RECORDED``: ward rounds, admin and the like leave no record here, and are shown as
  such rather than guessed.

Pure: no Django. The jobplans app gathers the weeks from the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

from .plan import Category

#: A line is short when what was delivered is below this share of what was planned (for
#: SPA: when it was honoured in fewer than this share of the weeks it was due). Trusts
#: commonly look at a 10% shortfall before asking why; change it here and the alerts, the
#: pages and the downloads all follow.
DELIVERY_THRESHOLD = Fraction(9, 10)

#: On-call is one in N: seven days in every N, so 7/N on-call days a week.
DAYS_A_WEEK = 7


class Recorded(StrEnum):
    SESSIONS = "sessions"
    SPA = "spa"
    ON_CALL = "on_call"
    NOT_RECORDED = "not_recorded"


@dataclass(frozen=True, slots=True)
class WeekRecord:
    """One week of one line. ``working`` is False when the clinician was away when the
    line was due (the week is left out). ``delivered`` is the PAs delivered that week
    (``SESSIONS``, and ``SPA`` for the weeks not lost); ``lost`` marks an SPA week taken by
    service; ``due`` is False for an SPA week it was not timetabled (one week in N);
    ``on_call_days`` counts the days on an on-call shift (``ON_CALL``)."""

    start: date
    working: bool = True
    delivered: Fraction = Fraction(0)
    lost: bool = False
    due: bool = True
    on_call_days: int = 0


@dataclass(frozen=True, slots=True)
class PlannedLine:
    """One job plan activity, the on-call commitment, or clinics run beyond the job plan
    (planned 0). ``planned_weekly`` is annualised PAs a week; ``one_in`` is the on-call
    frequency for an ``ON_CALL`` line."""

    id: str
    description: str
    category: Category
    planned_weekly: Fraction
    recorded: Recorded
    weeks: tuple[WeekRecord, ...] = ()
    one_in: int | None = None


@dataclass(frozen=True, slots=True)
class LineDelivery:
    line: PlannedLine
    working_weeks: int
    """Weeks counted: those the clinician was at work (for SPA: those it was also due)."""
    leave_weeks: int
    delivered_weekly: Fraction | None
    """PAs a week over the working weeks; None when not recorded or no week counted."""
    lost_weeks: int
    """SPA weeks taken by service."""
    short: bool
    alert: str | None


@dataclass(frozen=True, slots=True)
class CategoryDelivery:
    category: Category
    planned: Fraction
    """Every line's planned PAs a week."""
    planned_recorded: Fraction
    """Of those, the lines Rotaplan records: what ``delivered`` is comparable with."""
    delivered: Fraction


@dataclass(frozen=True, slots=True)
class ClinicianDelivery:
    lines: tuple[LineDelivery, ...]
    categories: tuple[CategoryDelivery, ...]
    weeks: int

    @property
    def alerts(self) -> tuple[str, ...]:
        return tuple(d.alert for d in self.lines if d.alert)

    @property
    def planned(self) -> Fraction:
        return sum((c.planned for c in self.categories), Fraction(0))

    @property
    def planned_recorded(self) -> Fraction:
        return sum((c.planned_recorded for c in self.categories), Fraction(0))

    @property
    def delivered(self) -> Fraction:
        return sum((c.delivered for c in self.categories), Fraction(0))


def pas_words(value: Fraction) -> str:
    """Planned PAs as a job plan says them: "2", "2.33", "0.5"."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def delivered_words(value: Fraction) -> str:
    """Delivered PAs to one decimal place, as a measurement: "1.0"."""
    return f"{float(value):.1f}"


def _pas_unit(value: Fraction) -> str:
    return "PA" if value == 1 else "PAs"


def _weeks(n: int) -> str:
    return "1 week" if n == 1 else f"{n} weeks"


SPA_WEEKS = "weeks at work"


def line_delivery(line: PlannedLine, period: str | None = None) -> LineDelivery:
    """One line's delivery over its weeks. ``period`` names the weeks in words ("from
    Mon 1 Jun 2026 to Sun 26 Jul 2026"); by default they are "the last N weeks"."""
    total = len(line.weeks)
    working = [w for w in line.weeks if w.working]
    leave = total - len(working)
    if line.recorded is Recorded.NOT_RECORDED:
        return LineDelivery(line, len(working), leave, None, 0, False, None)
    if line.recorded is Recorded.SPA:
        due = [w for w in working if w.due]
        lost = sum(1 for w in due if w.lost)
        delivered = _mean([Fraction(0) if w.lost else w.delivered for w in working])
        short = bool(due) and Fraction(len(due) - lost, len(due)) < DELIVERY_THRESHOLD
        alert = (
            f"{line.description} lost {lost} of {_span(len(due), total, period, SPA_WEEKS)}"
            if short
            else None
        )
        return LineDelivery(line, len(due), leave, delivered, lost, short, alert)
    if line.recorded is Recorded.ON_CALL:
        delivered = _on_call(line, working)
    else:
        delivered = _mean([w.delivered for w in working])
    short = delivered is not None and delivered < line.planned_weekly * DELIVERY_THRESHOLD
    alert = None
    if short and delivered is not None:
        alert = (
            f"{line.description}: job plan {pas_words(line.planned_weekly)} "
            f"{_pas_unit(line.planned_weekly)} a week, delivered "
            f"{delivered_words(delivered)} a week over {_span(len(working), total, period)}"
        )
    return LineDelivery(line, len(working), leave, delivered, 0, short, alert)


def _mean(values: Sequence[Fraction]) -> Fraction | None:
    return sum(values, Fraction(0)) / len(values) if values else None


def _on_call(line: PlannedLine, working: Sequence[WeekRecord]) -> Fraction | None:
    """Planned on-call PAs times the on-call days worked a week over the 7/N expected."""
    if not working or not line.one_in:
        return None
    days_a_week = Fraction(sum(w.on_call_days for w in working), len(working))
    expected = Fraction(DAYS_A_WEEK, line.one_in)
    return line.planned_weekly * days_a_week / expected


def _span(counted: int, total: int, period: str | None, what: str = "working weeks") -> str:
    """ "the last 8 weeks"; with weeks left out, "the 6 working weeks of the last 8"; with
    dates, "the 8 weeks from ... to ..." or "the 6 working weeks of the 8 from ..."."""
    if counted == total:
        if period is None:
            return "the last week" if total == 1 else f"the last {total} weeks"
        return f"the {_weeks(total)} {period}"
    if period is None:
        return f"the {counted} {what} of the last {total}"
    return f"the {counted} {what} of the {total} {period}"


def clinician_delivery(
    lines: Sequence[PlannedLine], weeks: int, period: str | None = None
) -> ClinicianDelivery:
    """Every line's delivery, and planned against delivered by category (a line not
    recorded counts in ``planned`` but not ``planned_recorded``)."""
    done = tuple(line_delivery(line, period) for line in lines)
    categories = []
    for category in Category:
        mine = [d for d in done if d.line.category is category]
        categories.append(
            CategoryDelivery(
                category,
                planned=sum((d.line.planned_weekly for d in mine), Fraction(0)),
                planned_recorded=sum(
                    (d.line.planned_weekly for d in mine if d.delivered_weekly is not None),
                    Fraction(0),
                ),
                delivered=sum(
                    (d.delivered_weekly for d in mine if d.delivered_weekly is not None),
                    Fraction(0),
                ),
            )
        )
    return ClinicianDelivery(done, tuple(categories), weeks)
