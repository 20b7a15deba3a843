"""Reads of leave. First those other areas build on: approved leave and absence as the
days a doctor cannot work, for the rota generator and for the days a fixed rota line
skips. Then leave as doctors ask for it and coordinators decide it: balances, the checks
a request gets, and the records each user may see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Case, Q, QuerySet, When

from rotaplan.engine.clock import bank_holidays, format_day, to_london
from rotaplan.engine.leave.entitlement import Entitlement, annual_entitlement
from rotaplan.engine.leave.working_days import is_night, leave_year_of, working_days
from rotaplan.engine.solver.problem import Reason, Unavailable
from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.access import AnyUser
from rotaplan.people.grades import Contract, Grade
from rotaplan.people.models import Doctor, Role, User
from rotaplan.rotas.models import Assignment, RotaStatus, ShiftKind

from .models import (
    LeaveEntitlement,
    LeavePolicy,
    LeaveRecord,
    LeaveStatus,
    LeaveType,
    MinimumStaffing,
)

# Leave the solver may weigh as leave; any other absence (sickness...) is "other".
LEAVE_TYPES = frozenset({LeaveType.ANNUAL, LeaveType.STUDY, LeaveType.PARENTAL})


def days_of(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def unavailable_days(doctor_ids: list[int], start: date, end: date) -> dict[int, list[Unavailable]]:
    """Approved leave: annual, study and parental leave as leave, any other absence as
    other. One entry a day, leave first where two records overlap."""
    found: dict[int, dict[date, Unavailable]] = defaultdict(dict)
    records = LeaveRecord.objects.filter(
        doctor_id__in=doctor_ids, status=LeaveStatus.APPROVED, start__lte=end, end__gte=start
    ).order_by("start")
    for record in records:
        reason = Reason.LEAVE if record.leave_type in LEAVE_TYPES else Reason.OTHER
        for day in days_of(max(record.start, start), min(record.end, end)):
            held = found[record.doctor_id].get(day)
            if held is None or held.reason == Reason.OTHER:
                found[record.doctor_id][day] = Unavailable(day, reason)
    return defaultdict(list, {pk: list(days.values()) for pk, days in found.items()})


# --- Leave as doctors ask for it and coordinators decide it --------------------------

# Leave a doctor asks for; sickness and other absence are recorded by the coordinator.
REQUESTABLE_TYPES = (
    LeaveType.ANNUAL,
    LeaveType.STUDY,
    LeaveType.PROFESSIONAL,
    LeaveType.PARENTAL,
    LeaveType.COMPASSIONATE,
    LeaveType.SPECIAL,
    LeaveType.UNPAID,
)
# Absences the coordinator records, approved as they are recorded.
ABSENCE_TYPES = (LeaveType.SICK, LeaveType.COMPASSIONATE, LeaveType.SPECIAL, LeaveType.UNPAID)
# Requested and approved leave holds its days: a second record over them is refused.
HOLDING = (LeaveStatus.REQUESTED, LeaveStatus.APPROVED)
# Figures for each contract, by the doctor's contract and, for SAS doctors, their grade.
FIGURES_OF_CONTRACT: dict[str, str] = {
    Contract.TCS_2016: "tcs2016",
    Contract.CONSULTANT_2003: "consultant2003",
}
FIGURES_OF_SAS_GRADE: dict[str, str] = {
    Grade.SPECIALTY_DOCTOR: "specialty_doctor2021",
    Grade.SPECIALIST: "specialist2021",
}


def policy_of(department_id: int) -> LeavePolicy:
    """The department's leave policy, unsaved with the defaults if it has set none."""
    found = LeavePolicy.objects.filter(department_id=department_id).first()
    return found or LeavePolicy(department_id=department_id)


def leave_year(doctor: Doctor, day: date) -> tuple[date, date]:
    policy = policy_of(doctor.department_id)
    return leave_year_of(day, policy.year_start_month, policy.year_start_day)


def figures_key(doctor: Doctor) -> str:
    if doctor.contract == Contract.SAS:
        return FIGURES_OF_SAS_GRADE.get(doctor.grade, "specialty_doctor2021")
    return FIGURES_OF_CONTRACT.get(doctor.contract, "tcs2016")


def leave_days(start: date, end: date) -> int:
    """Working days from ``start`` to ``end``: weekdays that are not bank holidays
    (docs/adr/0027)."""
    return working_days(start, end, bank_holidays(start, end))


@dataclass(frozen=True)
class Balance:
    """Annual leave in one leave year, in working days."""

    year_start: date
    year_end: date
    entitlement: Entitlement
    carried_over: Decimal
    adjustment: Decimal
    taken: int
    waiting: int
    record: LeaveEntitlement | None

    @property
    def allowed(self) -> Decimal:
        return self.entitlement.total + self.carried_over + self.adjustment

    @property
    def remaining(self) -> Decimal:
        return self.allowed - self.taken - self.waiting


def leave_balance(doctor: Doctor, day: date, *, excluding: int | None = None) -> Balance:
    """The doctor's annual leave in the leave year holding ``day``: entitlement, carried
    over and adjustment, less approved annual leave and annual leave waiting for a
    decision (``excluding`` one record, the one being judged)."""
    year_start, year_end = leave_year(doctor, day)
    record = LeaveEntitlement.objects.filter(doctor=doctor, year_start=year_start).first()
    entitlement = annual_entitlement(
        contract=figures_key(doctor),
        wte=doctor.wte,
        year_start=year_start,
        year_end=year_end,
        bank_holidays=len(bank_holidays(year_start, year_end)),
        service_start=record.service_start if record else None,
        post_start=doctor.post_start,
        post_end=doctor.post_end,
    )
    annual = LeaveRecord.objects.filter(
        doctor=doctor,
        leave_type=LeaveType.ANNUAL,
        status__in=HOLDING,
        start__lte=year_end,
        end__gte=year_start,
    ).exclude(pk__in=[excluding] if excluding else [])
    taken = waiting = 0
    for leave in annual:
        days = leave_days(max(leave.start, year_start), min(leave.end, year_end))
        if leave.status == LeaveStatus.APPROVED:
            taken += days
        else:
            waiting += days
    return Balance(
        year_start=year_start,
        year_end=year_end,
        entitlement=entitlement,
        carried_over=record.carried_over if record else Decimal(0),
        adjustment=record.adjustment if record else Decimal(0),
        taken=taken,
        waiting=waiting,
        record=record,
    )


def balance_shortfalls(
    doctor: Doctor, start: date, end: date, *, excluding: int | None = None
) -> list[str]:
    """Annual leave from ``start`` to ``end`` beyond the balance of each leave year it
    falls in, in words; none when it fits."""
    problems = []
    day = start
    while day <= end:
        balance = leave_balance(doctor, day, excluding=excluding)
        asked = leave_days(day, min(end, balance.year_end))
        if asked > balance.remaining:
            problems.append(
                f"This is {asked} working {_days(asked)} of annual leave, and "
                f"{_number(balance.remaining)} {_days(balance.remaining)} are left in the leave "
                f"year from {format_day(balance.year_start)}"
            )
        day = balance.year_end + timedelta(days=1)
    return problems


def overlapping(
    doctor: Doctor, start: date, end: date, *, excluding: int | None = None
) -> list[LeaveRecord]:
    """The doctor's requested and approved leave over any of the days."""
    return list(
        LeaveRecord.objects.filter(
            doctor=doctor, status__in=HOLDING, start__lte=end, end__gte=start
        ).exclude(pk__in=[excluding] if excluding else [])
    )


def notice_short(doctor: Doctor, start: date, asked_on: date) -> str | None:
    """The warning when leave starts sooner than the department's notice period."""
    weeks = policy_of(doctor.department_id).notice_weeks
    if start - asked_on >= timedelta(weeks=weeks):
        return None
    given = max((start - asked_on).days, 0)
    return (
        f"Shorter notice than the department's {weeks} weeks: asked {given} "
        f"{'day' if given == 1 else 'days'} before it starts"
    )


def staffing_breaks(doctor: Doctor, start: date, end: date) -> list[str]:
    """The days the department's minimum staffing would be broken with the doctor away,
    in words: doctors of the rule's grades in post and not on approved leave, less this
    doctor."""
    rules = [
        rule
        for rule in MinimumStaffing.objects.filter(department_id=doctor.department_id)
        if doctor.grade in rule.grades
    ]
    if not rules:
        return []
    grades = {grade for rule in rules for grade in rule.grades}
    colleagues = list(
        Doctor.objects.filter(
            department_id=doctor.department_id,
            grade__in=grades,
            post_start__lte=end,
        )
        .filter(Q(post_end__isnull=True) | Q(post_end__gte=start))
        .exclude(pk=doctor.pk)
    )
    away: dict[int, set[date]] = defaultdict(set)
    for leave in LeaveRecord.objects.filter(
        doctor__in=colleagues, status=LeaveStatus.APPROVED, start__lte=end, end__gte=start
    ):
        away[leave.doctor_id].update(days_of(max(leave.start, start), min(leave.end, end)))
    found = []
    for day in days_of(start, end):
        for rule in rules:
            if rule.weekdays and day.weekday() not in rule.weekdays:
                continue
            available = sum(
                1
                for c in colleagues
                if c.grade in rule.grades
                and c.post_start <= day
                and (c.post_end is None or c.post_end >= day)
                and day not in away[c.pk]
            )
            if available < rule.at_least:
                found.append(
                    f"{format_day(day)}: {available} of {grade_words(rule.grades)} available, "
                    f"at least {rule.at_least} needed"
                )
    return found


GRADE_ORDER = {grade.value: i for i, grade in enumerate(Grade)}


def grade_words(grades: list[str]) -> str:
    """ "ST3, ST4", or for many grades their span in seniority: "FY1 to ST8"."""
    ordered = sorted(grades, key=lambda g: GRADE_ORDER.get(g, len(GRADE_ORDER)))
    return ", ".join(ordered) if len(ordered) <= 3 else f"{ordered[0]} to {ordered[-1]}"


def rota_clashes(doctor: Doctor, start: date, end: date) -> list[str]:
    """The doctor's nights and on-call shifts on published rotas from ``start`` to
    ``end``, in words."""
    shifts = Assignment.objects.filter(
        doctor=doctor, rota__status=RotaStatus.PUBLISHED, date__gte=start, date__lte=end
    ).select_related("shift_type", "rota")
    found = []
    for shift in shifts.order_by("start"):
        if shift.shift_type.kind == ShiftKind.ON_CALL:
            what = "on call"
        elif is_night(to_london(shift.start), to_london(shift.end)):
            what = "a night"
        else:
            continue
        found.append(
            f"{shift.shift_type.name} ({shift.shift_type.code}), {what}, on "
            f"{format_day(shift.date)} on {shift.rota.name}"
        )
    return found


@dataclass(frozen=True)
class Warnings:
    """What the coordinator should weigh: none of it refuses the request."""

    notice: str | None
    staffing: list[str]
    clashes: list[str]

    @property
    def lines(self) -> list[str]:
        return [
            *([self.notice] if self.notice else []),
            *(f"Minimum staffing broken on {line}" for line in self.staffing),
            *(f"Rostered: {line}" for line in self.clashes),
        ]


def leave_warnings(doctor: Doctor, start: date, end: date, asked_on: date) -> Warnings:
    return Warnings(
        notice=notice_short(doctor, start, asked_on),
        staffing=staffing_breaks(doctor, start, end),
        clashes=rota_clashes(doctor, start, end),
    )


def own_leave(doctor: Doctor) -> list[LeaveRecord]:
    return list(
        LeaveRecord.objects.filter(doctor=doctor)
        .select_related("doctor", "doctor__department", "decided_by")
        .order_by("-start")
    )


def visible_leave(user: AnyUser, pk: int) -> LeaveRecord | None:
    """A leave record the user may read: their own, or one of a doctor whose record they
    may open (their departments' doctors for coordinators and service managers)."""
    return (
        LeaveRecord.objects.filter(pk=pk, doctor__in=access.visible_doctors(user))
        .select_related("doctor", "doctor__department", "decided_by", "requested_by")
        .first()
    )


def decidable_leave(user: AnyUser, pk: int) -> LeaveRecord | None:
    """A leave record of a department the user coordinates."""
    found = visible_leave(user, pk)
    if found is None or not access.coordinates(user, found.doctor.department_id):
        return None
    return found


def coordinated_doctor(user: AnyUser, doctor_id: int) -> Doctor | None:
    """A doctor of a department the user coordinates."""
    doctor = access.visible_doctors(user).filter(pk=doctor_id).first()
    if doctor is None or not access.coordinates(user, doctor.department_id):
        return None
    return doctor


def requesting_doctor(user: AnyUser, doctor_id: int) -> Doctor | None:
    """A doctor the user may ask leave for: themself, or a doctor they coordinate."""
    if user.is_authenticated and getattr(user, "doctor_id", None) == doctor_id:
        return Doctor.objects.filter(pk=doctor_id).first()
    return coordinated_doctor(user, doctor_id)


def coordinated_departments(user: AnyUser) -> list[int]:
    if access.is_trust_wide(user):
        return list(Department.objects.values_list("pk", flat=True))
    return sorted(access.department_ids_for(user, Role.ROTA_COORDINATOR))


def leave_for_coordinator(
    user: AnyUser, *, status: str | None = None, department_id: int | None = None
) -> list[LeaveRecord]:
    """Leave of the departments the user coordinates (or, for service managers, reads):
    waiting for a decision first, then the newest."""
    if not access.can_list_doctors(user):
        return []
    records = LeaveRecord.objects.filter(doctor__in=access.visible_doctors(user))
    if status:
        records = records.filter(status=status)
    if department_id is not None:
        records = records.filter(doctor__department_id=department_id)
    waiting_first = Case(When(status=LeaveStatus.REQUESTED, then=0), default=1)
    return list(
        records.select_related("doctor", "doctor__department", "decided_by")
        .annotate(waiting_first=waiting_first)
        .order_by("waiting_first", "start", "pk")[:500]
    )


def department_coordinators(department_id: int) -> list[User]:
    """The department's rota coordinators who can sign in: told of leave asked for there."""
    return list(
        User.objects.filter(
            role_assignments__role=Role.ROTA_COORDINATOR,
            role_assignments__department_id=department_id,
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


def waiting_count(user: AnyUser) -> int:
    return LeaveRecord.objects.filter(
        doctor__department_id__in=coordinated_departments(user), status=LeaveStatus.REQUESTED
    ).count()


def returns_to_record(user: AnyUser, today: date) -> list[LeaveRecord]:
    """Sickness and absence in the user's departments begun by ``today`` with no return to
    work recorded, those expected back longest ago first: the coordinator's to-do."""
    return list(
        LeaveRecord.objects.filter(
            doctor__department_id__in=coordinated_departments(user),
            status=LeaveStatus.APPROVED,
            expected_return__isnull=False,
            actual_return__isnull=True,
            start__lte=today,
        )
        .select_related("doctor")
        .order_by("expected_return", "start", "pk")
    )


def department_choices(user: AnyUser) -> list[Department]:
    return list(access.doctor_departments(user).order_by("name"))


def _number(value: Decimal | int) -> str:
    return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)


def _days(value: Decimal | int) -> str:
    return "day" if value == 1 else "days"


def own_doctor(user: AnyUser) -> Doctor | None:
    doctor_id = getattr(user, "doctor_id", None)
    return Doctor.objects.filter(pk=doctor_id).first() if doctor_id else None


def coordinated_doctors(user: AnyUser) -> QuerySet[Doctor]:
    """Doctors of the departments the user coordinates: whose absence they record."""
    return Doctor.objects.filter(department_id__in=coordinated_departments(user)).order_by(
        "last_name", "first_name"
    )


def can_record_absence(user: AnyUser) -> bool:
    return coordinated_doctors(user).exists()


def leave_list_for(
    user: AnyUser, *, status: str | None = None, department_id: int | None = None
) -> list[LeaveRecord]:
    """The leave list the API gives: a department's for those who may list its doctors,
    else the user's own."""
    if access.can_list_doctors(user):
        return leave_for_coordinator(user, status=status, department_id=department_id)
    doctor = own_doctor(user)
    if doctor is None or department_id not in (None, doctor.department_id):
        return []
    return [r for r in own_leave(doctor) if status is None or r.status == status]
