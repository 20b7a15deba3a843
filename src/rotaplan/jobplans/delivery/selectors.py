"""Planned against delivered, gathered from the database: each clinician's agreed or
signed job plan, the clinic sessions that ran, the on-call shifts they worked on published
rotas, and their leave, read once each for a whole department and period (seven queries,
however many clinicians and weeks), then set side by side by the pure engine
(``rotaplan.engine.jobplan.delivery``).

Who may see it: a department's service managers, clinical director and rota coordinators
(read-only, as everything here is), and the trust-wide roles, see the department's; a
doctor sees their own. Anyone else is told nothing (404)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import NamedTuple

from django.db.models import Q, QuerySet

from rotaplan.clinics.models import ClinicSession, SessionStatus
from rotaplan.engine.clock import format_day, local_datetime, monday_of, shift_bounds, to_london
from rotaplan.engine.jobplan.delivery import (
    CategoryDelivery,
    ClinicianDelivery,
    PlannedLine,
    Recorded,
    WeekRecord,
    clinician_delivery,
)
from rotaplan.engine.jobplan.pas import ActivityPAs, Breakdown, job_plan_pas
from rotaplan.engine.jobplan.plan import Category, JobPlanInput
from rotaplan.leave.models import LeaveRecord, LeaveStatus
from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.access import AnyUser
from rotaplan.people.models import Doctor, Role
from rotaplan.rotas.models import Assignment, RotaStatus, ShiftKind

from ..commitments import IN_FORCE, PLAN_YEAR, activity_dates, is_fixed
from ..engine_input import (
    CONTRACT_OF_GRADE,
    DEFAULT_MINIMUM_SPA,
    contract_of,
    exact,
    on_call_input,
    planned_activity,
)
from ..models import Activity, ActivityKind, JobPlan, Weeks

# Department roles that see a department's planned-against-delivered report.
VIEW_ROLES = (Role.SERVICE_MANAGER, Role.CLINICAL_DIRECTOR, Role.ROTA_COORDINATOR)

#: The periods offered, in weeks; the default is the first.
PERIOD_WEEKS = (8, 13, 26, 52)
DEFAULT_WEEKS = PERIOD_WEEKS[0]

#: A week counts for on-call when the clinician was away on fewer than this many of its
#: seven days: on-call is worked across the week, so a day of leave does not void it.
AWAY_DAYS_VOID_ON_CALL_WEEK = 4

#: Sessions that ran, and what share of their PAs each counts.
RAN = (SessionStatus.PLANNED, SessionStatus.REDUCED, SessionStatus.BACKFILLED)

EXTRA_LINE = "Clinics run beyond the job plan (backfilling colleagues, or not in it)"


# --- who may see what --------------------------------------------------------------


def viewable_department_ids(user: AnyUser) -> set[int] | None:
    """Departments whose report the user sees; ``None`` for every department."""
    if access.is_trust_wide(user):
        return None
    return access.department_ids_for(user, *VIEW_ROLES)


def report_departments(user: AnyUser) -> QuerySet[Department]:
    ids = viewable_department_ids(user)
    departments = Department.objects.all() if ids is None else Department.objects.filter(pk__in=ids)
    return departments.order_by("name")


def visible_department(user: AnyUser, department_id: int) -> Department | None:
    return report_departments(user).filter(pk=department_id).first()


def visible_clinician(user: AnyUser, doctor_id: int) -> Doctor | None:
    """A doctor of job-planned grade whose report the user sees: their own, or one of a
    department they see."""
    doctor = (
        Doctor.objects.filter(pk=doctor_id, grade__in=list(CONTRACT_OF_GRADE))
        .select_related("department")
        .first()
    )
    if doctor is None:
        return None
    own = user.is_authenticated and getattr(user, "doctor_id", None) == doctor.pk
    ids = viewable_department_ids(user)
    if own or ids is None or doctor.department_id in ids:
        return doctor
    return None


def own_clinician(user: AnyUser) -> Doctor | None:
    doctor_id = getattr(user, "doctor_id", None) if user.is_authenticated else None
    return visible_clinician(user, doctor_id) if doctor_id else None


# --- the period ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReportPeriod:
    """Whole weeks, Monday to Sunday. ``recent`` when they are the last N weeks to the
    Sunday just gone, so alerts say "the last 8 weeks"."""

    start: date
    end: date
    recent: bool

    @property
    def weeks(self) -> int:
        return ((self.end - self.start).days + 1) // 7

    @property
    def mondays(self) -> list[date]:
        return [self.start + timedelta(weeks=i) for i in range(self.weeks)]

    @property
    def words(self) -> str | None:
        if self.recent:
            return None
        return f"from {format_day(self.start)} to {format_day(self.end)}"

    @property
    def title(self) -> str:
        base = f"{format_day(self.start)} to {format_day(self.end)}"
        return f"the last {self.weeks} weeks ({base})" if self.recent else base


def last_weeks(today: date, weeks: int = DEFAULT_WEEKS) -> ReportPeriod:
    end = monday_of(today) - timedelta(days=1)
    return ReportPeriod(end - timedelta(weeks=weeks) + timedelta(days=1), end, True)


def dates_period(start: date, end: date, today: date) -> ReportPeriod:
    """Whole weeks covering ``start`` to ``end``: from its Monday to its Sunday."""
    first = monday_of(start)
    last = monday_of(end) + timedelta(days=6)
    return ReportPeriod(first, last, last == monday_of(today) - timedelta(days=1))


# --- the report ----------------------------------------------------------------------


@dataclass
class ClinicianReport:
    doctor: Doctor
    delivery: ClinicianDelivery | None
    """None when no agreed or signed job plan covers the period."""


@dataclass
class DeliveryReport:
    period: ReportPeriod
    department: Department | None
    clinicians: list[ClinicianReport]
    categories: list[CategoryDelivery] = field(default_factory=list)

    @property
    def alerts(self) -> list[tuple[Doctor, str]]:
        return [
            (c.doctor, alert)
            for c in self.clinicians
            if c.delivery is not None
            for alert in c.delivery.alerts
        ]


def department_delivery(department: Department, period: ReportPeriod) -> DeliveryReport:
    """The department's job-planned clinicians in post in the period, each planned against
    delivered, and the department's totals by category."""
    doctors = list(
        Doctor.objects.filter(
            Q(post_end__isnull=True) | Q(post_end__gte=period.start),
            department=department,
            grade__in=list(CONTRACT_OF_GRADE),
            post_start__lte=period.end,
        ).order_by("last_name", "first_name", "pk")
    )
    return _report(doctors, period, department)


def clinician_report(doctor: Doctor, period: ReportPeriod) -> DeliveryReport:
    return _report([doctor], period, None)


def _report(
    doctors: list[Doctor], period: ReportPeriod, department: Department | None
) -> DeliveryReport:
    facts = _Facts.read([d.pk for d in doctors], period)
    clinicians = [ClinicianReport(d, _clinician(d, period, facts)) for d in doctors]
    totals = []
    for category in Category:
        mine = [
            c
            for r in clinicians
            if r.delivery is not None
            for c in r.delivery.categories
            if c.category is category
        ]
        totals.append(
            CategoryDelivery(
                category,
                planned=sum((c.planned for c in mine), Fraction(0)),
                planned_recorded=sum((c.planned_recorded for c in mine), Fraction(0)),
                delivered=sum((c.delivered for c in mine), Fraction(0)),
            )
        )
    return DeliveryReport(period, department, clinicians, totals)


Interval = tuple[datetime, datetime]


class SessionRow(NamedTuple):
    """A clinic session that ran, as read: tuples, not model rows, for a year's worth."""

    clinician_id: int
    date: date
    start: datetime
    end: datetime
    status: str
    slots_planned: int
    slots_kept: int
    template_clinician_id: int
    activity_id: int | None


@dataclass
class _Facts:
    """Everything the report reads, for every clinician at once."""

    plans: dict[int, list[JobPlan]]
    away: dict[int, set[date]]
    sessions: dict[int, list[SessionRow]]
    """The sessions that ran, by who ran them."""
    busy: dict[tuple[int, date], list[Interval]]
    """Service each clinician gave, by the London days it touches: rota shifts and the
    clinics they ran, which take SPA time when they overlap it."""
    on_call_days: dict[int, set[date]]

    @classmethod
    def read(cls, ids: list[int], period: ReportPeriod) -> _Facts:
        plans: dict[int, list[JobPlan]] = defaultdict(list)
        rows = (
            JobPlan.objects.filter(
                doctor_id__in=ids,
                status__in=IN_FORCE,
                year_start__lte=period.end,
                year_start__gt=period.start - PLAN_YEAR,
            )
            .select_related("on_call", "doctor")
            .prefetch_related("activities__clinic_template")
            .order_by("doctor_id", "year_start")
        )
        for plan in rows:
            plans[plan.doctor_id].append(plan)
        away: dict[int, set[date]] = defaultdict(set)
        leave = LeaveRecord.objects.filter(
            doctor_id__in=ids,
            status=LeaveStatus.APPROVED,
            start__lte=period.end,
            end__gte=period.start,
        ).values_list("doctor_id", "start", "end")
        for doctor_id, first, last in leave:
            day = max(first, period.start)
            while day <= min(last, period.end):
                away[doctor_id].add(day)
                day += timedelta(days=1)
        sessions: dict[int, list[SessionRow]] = defaultdict(list)
        busy: dict[tuple[int, date], list[Interval]] = defaultdict(list)
        rows_of_sessions = ClinicSession.objects.filter(
            Q(clinician_id__in=ids) | Q(template__clinician_id__in=ids),
            date__range=(period.start, period.end),
            status__in=RAN,
        ).values_list(
            "clinician_id",
            "date",
            "start",
            "end",
            "status",
            "slots_planned",
            "slots_kept",
            "template__clinician_id",
            "template__activity_id",
        )
        for row in rows_of_sessions:
            session = SessionRow(*row)
            sessions[session.clinician_id].append(session)
            busy[(session.clinician_id, session.date)].append((session.start, session.end))
        on_call_days: dict[int, set[date]] = defaultdict(set)
        shifts = Assignment.objects.filter(
            doctor_id__in=ids,
            rota__status=RotaStatus.PUBLISHED,
            date__range=(period.start - timedelta(days=1), period.end),
        ).values_list("doctor_id", "date", "start", "end", "shift_type__kind")
        for doctor_id, day, start, end, kind in shifts:
            if kind == ShiftKind.ON_CALL and day >= period.start:
                on_call_days[doctor_id].add(day)
            first = to_london(start).date()
            last = to_london(end - timedelta(microseconds=1)).date()
            for touched in {first, last}:
                busy[(doctor_id, touched)].append((start, end))
        return cls(plans, away, sessions, busy, on_call_days)


def _plan_of_week(plans: Sequence[JobPlan], monday: date) -> JobPlan | None:
    """The plan in force that week: the latest begun by its Sunday and not yet a year old."""
    found = None
    for plan in plans:
        if plan.year_start <= monday + timedelta(days=6) and monday < plan.year_start + PLAN_YEAR:
            found = plan
    return found


def _engine_input(plan: JobPlan) -> JobPlanInput:
    """As ``engine_input.job_plan_input`` reads it, from the rows already fetched (the
    minimum SPA bears only on warnings, which this report does not show)."""
    on_call = getattr(plan, "on_call", None)
    return JobPlanInput(
        contract=contract_of(plan.doctor),
        activities=tuple(planned_activity(a) for a in plan.activities.all()),
        wte=exact(plan.doctor.wte),
        weeks_a_year=plan.weeks_a_year,
        on_call=on_call_input(on_call) if on_call is not None else None,
        minimum_spa=exact(DEFAULT_MINIMUM_SPA),
    )


def _ran_share(session: SessionRow) -> Fraction:
    if session.status == SessionStatus.REDUCED:
        return Fraction(session.slots_kept, session.slots_planned or 1)
    return Fraction(1)


def _recorded(activity: Activity) -> Recorded:
    if activity.category == Category.SPA:
        return Recorded.SPA
    if activity.kind == ActivityKind.CLINIC and getattr(activity, "clinic_template", None):
        return Recorded.SESSIONS
    return Recorded.NOT_RECORDED


def _clinician(doctor: Doctor, period: ReportPeriod, facts: _Facts) -> ClinicianDelivery | None:
    plans = facts.plans.get(doctor.pk, [])
    if not plans:
        return None
    mondays = period.mondays
    week_plans = {monday: _plan_of_week(plans, monday) for monday in mondays}
    if not any(week_plans.values()):
        return None
    away = facts.away.get(doctor.pk, set())
    breakdowns: dict[int, Breakdown] = {p.pk: job_plan_pas(_engine_input(p)) for p in plans}
    # Sessions of this clinician's templates that they ran themselves, by activity and
    # week; and those they ran beyond the job plan (backfilling, or with no activity).
    own: dict[tuple[int, date], Fraction] = defaultdict(Fraction)
    extra: dict[date, Fraction] = defaultdict(Fraction)
    activity_ids = {a.pk for p in plans for a in p.activities.all()}
    occurrence: dict[int, Fraction] = {
        int(pas.activity.id): pas.pas_per_occurrence
        for b in breakdowns.values()
        for pas in b.activities
    }
    for session in facts.sessions.get(doctor.pk, ()):
        monday = monday_of(session.date)
        activity_id = session.activity_id
        if session.template_clinician_id == doctor.pk and activity_id in activity_ids:
            own[(activity_id, monday)] += occurrence[activity_id] * _ran_share(session)
        else:
            hours = Fraction(int((session.end - session.start).total_seconds()), 3600)
            extra[monday] += hours / 4 * _ran_share(session)
    lines: list[PlannedLine] = []
    for plan in plans:
        mine = [m for m in mondays if week_plans[m] is plan]
        if not mine:
            continue
        breakdown = breakdowns[plan.pk]
        by_id = {pas.activity.id: pas for pas in breakdown.activities}
        fixed = [a for a in plan.activities.all() if is_fixed(a)]
        for activity in plan.activities.all():
            pas = by_id[str(activity.pk)]
            recorded = _recorded(activity)
            weeks = tuple(
                _week(activity, recorded, plan, monday, doctor.pk, away, own, facts, fixed, pas)
                for monday in mine
            )
            lines.append(
                PlannedLine(
                    str(activity.pk),
                    activity.description,
                    Category(activity.category),
                    pas.weekly_pas,
                    recorded,
                    weeks,
                )
            )
        on_call = getattr(plan, "on_call", None)
        if on_call is not None and breakdown.on_call is not None:
            lines.append(
                PlannedLine(
                    f"on-call-{plan.pk}",
                    f"On-call (1 in {on_call.one_in})",
                    Category.DCC,
                    breakdown.on_call.predictable + breakdown.on_call.unpredictable,
                    Recorded.ON_CALL,
                    tuple(_on_call_week(monday, doctor.pk, away, facts) for monday in mine),
                    one_in=on_call.one_in,
                )
            )
    if extra:
        lines.append(
            PlannedLine(
                "extra",
                EXTRA_LINE,
                Category.DCC,
                Fraction(0),
                Recorded.SESSIONS,
                tuple(
                    WeekRecord(monday, _mostly_here(monday, away), extra.get(monday, Fraction(0)))
                    for monday in mondays
                ),
            )
        )
    return clinician_delivery(lines, period.weeks, period.words)


def _mostly_here(monday: date, away: set[date]) -> bool:
    days = sum(1 for i in range(7) if monday + timedelta(days=i) in away)
    return days < AWAY_DAYS_VOID_ON_CALL_WEEK


def _on_call_week(monday: date, doctor_id: int, away: set[date], facts: _Facts) -> WeekRecord:
    worked = facts.on_call_days.get(doctor_id, set())
    days = sum(1 for i in range(7) if monday + timedelta(days=i) in worked)
    return WeekRecord(monday, _mostly_here(monday, away), on_call_days=days)


def _due(activity: Activity, plan: JobPlan, day: date) -> bool:
    if activity.weeks != Weeks.ONE_IN:
        return True
    weeks = (monday_of(day) - monday_of(plan.year_start)).days // 7
    return weeks % (activity.weeks_value or 1) == 0


def _week(
    activity: Activity,
    recorded: Recorded,
    plan: JobPlan,
    monday: date,
    doctor_id: int,
    away: set[date],
    own: dict[tuple[int, date], Fraction],
    facts: _Facts,
    fixed: Iterable[Activity],
    pas: ActivityPAs,
) -> WeekRecord:
    day = monday + timedelta(days=activity.weekday)
    working = day not in away
    if recorded is Recorded.SESSIONS:
        return WeekRecord(monday, working, own.get((activity.pk, monday), Fraction(0)))
    if recorded is Recorded.NOT_RECORDED or not working:
        return WeekRecord(monday, working)
    due = _due(activity, plan, day)
    if activity.weeks == Weeks.PER_YEAR:
        delivered = pas.weekly_pas  # no fixed weeks: its share of every week
    else:
        delivered = pas.pas_per_occurrence if due else Fraction(0)
    if not due:
        return WeekRecord(monday, working, delivered, due=False)
    start, end = shift_bounds(day, activity.start, activity.end)
    lost = _taken(start, end, facts.busy.get((doctor_id, day), ())) or any(
        _fixed_over(other, plan, day, start, end) for other in fixed if other.pk != activity.pk
    )
    return WeekRecord(monday, working, delivered, lost=lost)


def _taken(start: datetime, end: datetime, intervals: Iterable[Interval]) -> bool:
    return any(s < end and start < e for s, e in intervals)


def _fixed_over(other: Activity, plan: JobPlan, day: date, start: datetime, end: datetime) -> bool:
    if other.weekday != day.weekday() or not activity_dates(other, plan.year_start, day, day):
        return False
    return local_datetime(day, other.start) < end and start < local_datetime(day, other.end)
