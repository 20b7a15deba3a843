"""A doctor's fixed job-plan commitments on the days of a period: the clinics they run and
the fixed sessions of their job plan (theatre lists, ward rounds, teaching), as times the
rota must not put them on a shift over. The rota generator and the cover candidates share
this one answer, so a consultant with a Tuesday clinic is neither rostered nor offered
cover over it.

- Clinic sessions the doctor runs and that still run (planned, reduced, backfilled by
  them, or a change awaiting approval), whichever template they are of.
- Activities of the doctor's agreed or signed job plan in force that day, of a fixed kind
  (``FIXED_KINDS``), that run every week or one week in N (counted from the job plan
  year's first week). A clinic activity with a clinic template is left to its sessions;
  activities "a number of weeks a year" have no fixed dates and are left out. SPA,
  admin and management time is not fixed: it is the time the rota may take (and the
  planned-against-delivered report then counts as lost).
- Nothing on a day the doctor is on approved leave or absent.

Three queries whatever the number of doctors and days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rotaplan.clinics.models import ClinicSession, SessionStatus
from rotaplan.engine.clock import format_day, monday_of, shift_bounds, to_london
from rotaplan.engine.rota import ShiftKind
from rotaplan.engine.solver.problem import FixedTime
from rotaplan.leave.models import LeaveRecord, LeaveStatus
from rotaplan.leave.selectors import days_of

from .models import Activity, ActivityKind, JobPlan, JobPlanStatus, Weeks

#: Job plans whose timetable the rota respects: those agreed or signed off.
IN_FORCE = (JobPlanStatus.AGREED, JobPlanStatus.SIGNED)

#: Sessions the clinician still runs: those cancelled, or waiting for a decision because
#: the clinician is away, are not commitments.
RUNNING = (
    SessionStatus.PLANNED,
    SessionStatus.REDUCED,
    SessionStatus.BACKFILLED,
    SessionStatus.AWAITING_APPROVAL,
)

#: Activities at fixed times with patients or learners waiting: the rota fits round them.
FIXED_KINDS = frozenset(
    {ActivityKind.CLINIC, ActivityKind.THEATRE, ActivityKind.WARD_ROUND, ActivityKind.TEACHING}
)

#: A job plan runs for a year from its first day.
PLAN_YEAR = timedelta(days=365)


@dataclass(frozen=True, slots=True)
class Commitment:
    """One fixed commitment on one day, with what it is in words."""

    doctor_id: int
    day: date
    start: datetime
    end: datetime
    what: str
    """What it is and its times: "Cardiology clinic 09:00 to 13:00", with an en dash."""

    def fixed_time(self) -> FixedTime:
        return FixedTime(self.start, self.end, self.what, ShiftKind.WORK)

    @property
    def words(self) -> str:
        return f"{self.what} on {format_day(self.day)}"


def times_words(start: datetime, end: datetime) -> str:
    return f"{to_london(start):%H:%M}\u2013{to_london(end):%H:%M}"  # an en dash


def _clinic_words(name: str) -> str:
    return name if "clinic" in name.lower() else f"{name} clinic"


def commitments(doctor_ids: Iterable[int], start: date, end: date) -> dict[int, list[Commitment]]:
    """Each doctor's fixed commitments from ``start`` to ``end``, in time order."""
    ids = list(set(doctor_ids))
    found: dict[int, list[Commitment]] = defaultdict(list)
    if not ids:
        return found
    away = _away_days(ids, start, end)
    sessions = (
        ClinicSession.objects.filter(
            clinician_id__in=ids, date__range=(start, end), status__in=RUNNING
        )
        .select_related("template")
        .order_by("date", "start")
    )
    for session in sessions:
        if session.date in away[session.clinician_id]:
            continue
        found[session.clinician_id].append(
            Commitment(
                session.clinician_id,
                session.date,
                to_london(session.start),
                to_london(session.end),
                f"{_clinic_words(session.template.name)} {times_words(session.start, session.end)}",
            )
        )
    for plan, activities in _plans(ids, start, end):
        plan_end = plan.year_start + PLAN_YEAR - timedelta(days=1)
        for activity in activities:
            for day in activity_dates(activity, plan.year_start, max(start, plan.year_start), end):
                if day > plan_end or day in away[plan.doctor_id]:
                    continue
                if _superseded(plan, day):
                    continue
                begin, finish = shift_bounds(day, activity.start, activity.end)
                found[plan.doctor_id].append(
                    Commitment(
                        plan.doctor_id,
                        day,
                        begin,
                        finish,
                        f"{activity.description} {times_words(begin, finish)}",
                    )
                )
    for items in found.values():
        items.sort(key=lambda c: (c.start, c.end))
    return found


def fixed_commitments(
    doctor_ids: Iterable[int], start: date, end: date
) -> dict[int, list[FixedTime]]:
    """The commitments as the rota solver's fixed times, labelled in words."""
    return {
        pk: [c.fixed_time() for c in items]
        for pk, items in commitments(doctor_ids, start, end).items()
    }


def _superseded(plan: JobPlan, day: date) -> bool:
    """A later plan of the same doctor already in force on ``day`` replaces this one."""
    starts: list[date] = getattr(plan, "_later_starts", [])
    return any(later <= day for later in starts)


def _plans(ids: list[int], start: date, end: date) -> list[tuple[JobPlan, list[Activity]]]:
    """The doctors' plans in force during the period with their fixed activities; each
    plan knows the first days of the doctor's later plans, which replace it."""
    plans = list(
        JobPlan.objects.filter(
            doctor_id__in=ids,
            status__in=IN_FORCE,
            year_start__lte=end,
            year_start__gt=start - PLAN_YEAR,
        )
        .prefetch_related("activities__clinic_template")
        .order_by("doctor_id", "year_start")
    )
    by_doctor: dict[int, list[JobPlan]] = defaultdict(list)
    for plan in plans:
        by_doctor[plan.doctor_id].append(plan)
    result = []
    for theirs in by_doctor.values():
        for index, plan in enumerate(theirs):
            plan._later_starts = [p.year_start for p in theirs[index + 1 :]]  # type: ignore[attr-defined]
            result.append((plan, [a for a in plan.activities.all() if is_fixed(a)]))
    return result


def is_fixed(activity: Activity) -> bool:
    if activity.kind not in FIXED_KINDS or activity.weeks == Weeks.PER_YEAR:
        return False
    if activity.kind == ActivityKind.CLINIC:
        return getattr(activity, "clinic_template", None) is None
    return True


def activity_dates(activity: Activity, year_start: date, start: date, end: date) -> list[date]:
    """The dates from ``start`` to ``end`` the activity runs: its weekday, every week or
    one week in N counted from the week the job plan year starts."""
    first_week = monday_of(year_start)
    every = (activity.weeks_value or 1) if activity.weeks == Weeks.ONE_IN else 1
    days = []
    day = start + timedelta(days=(activity.weekday - start.weekday()) % 7)
    while day <= end:
        if ((monday_of(day) - first_week).days // 7) % every == 0:
            days.append(day)
        day += timedelta(weeks=1)
    return days


def _away_days(ids: list[int], start: date, end: date) -> dict[int, set[date]]:
    away: dict[int, set[date]] = defaultdict(set)
    records = LeaveRecord.objects.filter(
        doctor_id__in=ids, status=LeaveStatus.APPROVED, start__lte=end, end__gte=start
    ).values_list("doctor_id", "start", "end")
    for doctor_id, first, last in records:
        away[doctor_id].update(days_of(max(first, start), min(last, end)))
    return away


def overlapping(items: Iterable[Commitment], start: datetime, end: datetime) -> list[Commitment]:
    """The commitments that overlap the time from ``start`` to ``end``."""
    return [c for c in items if c.start < end and start < c.end]
