"""The demo's published rotas: a 24/7 junior rota and a consultant on-call rota.

Every department with a doctor in training for each line of the week pattern gets a junior
rota built from ``pattern.WEEK_PATTERN``; every department with at least four consultants
gets an on-call rota, 1 in N. Both are published for the 26 weeks from the changeover
Monday. Shifts are only ever taken away from the pattern, never added, so the rota stays as
compliant as the pattern: a doctor gets no shift on a day of approved leave, outside their
post, or (less than full time) on their non-working weekdays, and no one works an ordinary
day shift on a bank holiday. (The one way taking a shift away can breach a limit, leave
that breaks a run of nights, is handled in ``junior_assignments``.)
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP
from itertools import islice

from rotaplan.engine.clock import hours_between, is_bank_holiday, shift_bounds
from rotaplan.organisation.models import Department
from rotaplan.people.grades import Contract
from rotaplan.people.models import Doctor
from rotaplan.rotas.models import Assignment, Rota, RotaStatus, ShiftType

from .dates import PUBLISHED_AT, ROTA_END, ROTA_START, rota_days
from .pattern import LINES, planned_shift
from .seeding import rng_for
from .shift_types import DAY, DEPARTMENT_SHIFTS, NIGHT, ON_CALL, ON_CALL_24, rostered_shift
from .staffing import MIN_CONSULTANTS_FOR_ON_CALL, MIN_TRAINEES_FOR_ROTA

BATCH = 5000
REST_AFTER_NIGHTS = 46  # hours, after any run of nights (2016 TCS as amended in 2019)
SATURDAY = 5
SUNDAY = 6


@dataclass
class RotaTotals:
    rotas: list[Rota] = field(default_factory=list)
    assignments: int = 0
    # The doctors in training on each department's junior rota, by department code.
    juniors: dict[str, list[Doctor]] = field(default_factory=dict)


class Bounds:
    """Shift start and end moments, worked out once per day and pair of times: a large
    demo has a hundred thousand assignments but only about a thousand distinct shifts."""

    def __init__(self) -> None:
        self.known: dict[tuple[date, time, time], tuple[datetime, datetime]] = {}

    def __call__(self, day: date, shift: ShiftType) -> tuple[datetime, datetime]:
        key = (day, shift.start, shift.end)
        if key not in self.known:
            self.known[key] = shift_bounds(day, shift.start, shift.end)
        return self.known[key]


def create_shift_types(departments: Iterable[Department]) -> dict[int, dict[str, ShiftType]]:
    """Each department's shift types by code, keyed by department id."""
    created = ShiftType.objects.bulk_create(
        [
            ShiftType(
                department=department,
                code=spec.code,
                name=spec.name,
                start=spec.start,
                end=spec.end,
                kind=spec.kind,
            )
            for department in departments
            for spec in DEPARTMENT_SHIFTS
        ]
    )
    by_department: dict[int, dict[str, ShiftType]] = {}
    for shift in created:
        by_department.setdefault(shift.department_id, {})[shift.code] = shift
    return by_department


def non_working_weekdays(doctor: Doctor, rng: random.Random) -> frozenset[int]:
    """The weekdays a less than full time doctor takes out of their day shifts: one for
    80 %, two for 60 %, three for 50 %. Nights and long days stay, so the rota's cover
    does not depend on who works full time."""
    count = int(((1 - doctor.wte) * 5).to_integral_value(ROUND_HALF_UP))
    return frozenset(rng.sample(range(5), count)) if count else frozenset()


def in_post(doctor: Doctor, day: date) -> bool:
    return doctor.post_start <= day and (doctor.post_end is None or day <= doctor.post_end)


def junior_assignments(
    rota: Rota,
    juniors: Sequence[Doctor],
    shifts: dict[str, ShiftType],
    away: dict[int, set[date]],
    rng: random.Random,
    bounds: Bounds,
) -> Iterator[Assignment]:
    """Doctor ``i`` works line ``i mod 10`` of the pattern, less the days they cannot.

    Taking a shift away keeps a rota compliant with one exception: leave in the middle of
    a run of nights makes the nights before it a run of their own, owed 46 hours' rest.
    So a night that would start sooner than that after a broken run is dropped as well,
    as a coordinator would, rather than resumed.
    """
    days = rota_days()
    for i, doctor in enumerate(juniors):
        line = i % LINES
        days_off = non_working_weekdays(doctor, rng)
        on_leave = away.get(doctor.pk, set())
        last_night: tuple[date, datetime] | None = None  # day and end of the latest night
        for index, day in enumerate(days):
            code = planned_shift(line, index // 7, day.weekday())
            if (
                code is None
                or day in on_leave
                or not in_post(doctor, day)
                or (code == DAY.code and (day.weekday() in days_off or is_bank_holiday(day)))
            ):
                continue
            shift = shifts[rostered_shift(code, day).code]
            start, end = bounds(day, shift)
            if last_night is not None:
                night_day, night_end = last_night
                continues_run = code == NIGHT.code and night_day + timedelta(days=1) == day
                if not continues_run and hours_between(night_end, start) < REST_AFTER_NIGHTS:
                    continue
            last_night = (day, end) if code == NIGHT.code else None
            yield Assignment(
                rota_id=rota.pk,
                doctor_id=doctor.pk,
                shift_type_id=shift.pk,
                date=day,
                start=start,
                end=end,
            )


def on_call_assignments(
    rota: Rota,
    consultants: Sequence[Doctor],
    shifts: dict[str, ShiftType],
    away: dict[int, set[date]],
    bounds: Bounds,
) -> Iterator[Assignment]:
    """One consultant on call each night, 1 in N: weekdays 17:00 to 09:00, bank holidays
    and weekends 24 hours from 09:00, one consultant for the whole weekend.

    Weekdays and weekends take turns separately, so weekends are shared evenly; a
    consultant who is away, or was on call the day before, is passed over for the next.
    """
    turns = {"weekday": 0, "weekend": 0}
    previous: Doctor | None = None

    def pick(kind: str, days: list[date]) -> Doctor | None:
        for offset in range(len(consultants)):
            index = (turns[kind] + offset) % len(consultants)
            candidate = consultants[index]
            if candidate is previous:
                continue
            if any(d in away.get(candidate.pk, ()) or not in_post(candidate, d) for d in days):
                continue
            turns[kind] = index + 1
            return candidate
        return None

    for day in rota_days():
        weekday = day.weekday()
        if weekday == SUNDAY:
            continue  # covered with the Saturday
        if weekday == SATURDAY:
            days, kind = [day, day + timedelta(days=1)], "weekend"
        else:
            days, kind = [day], "weekday"
        consultant = pick(kind, days)
        previous = consultant
        if consultant is None:
            continue  # a gap for the cover team, as a real rota would have
        for on_call_day in days:
            whole_day = kind == "weekend" or is_bank_holiday(on_call_day)
            shift = shifts[(ON_CALL_24 if whole_day else ON_CALL).code]
            start, end = bounds(on_call_day, shift)
            yield Assignment(
                rota_id=rota.pk,
                doctor_id=consultant.pk,
                shift_type_id=shift.pk,
                date=on_call_day,
                start=start,
                end=end,
            )


def save_in_batches(assignments: Iterator[Assignment]) -> int:
    """Insert a long stream of assignments a batch at a time, keeping memory flat."""
    saved = 0
    while batch := list(islice(assignments, BATCH)):
        Assignment.objects.bulk_create(batch, batch_size=1000)
        saved += len(batch)
    return saved


def published_rota(department: Department, name: str) -> Rota:
    return Rota(
        department=department,
        name=name,
        period_start=ROTA_START,
        period_end=ROTA_END,
        status=RotaStatus.PUBLISHED,
        published_at=PUBLISHED_AT,
    )


def create_rotas(
    departments: Sequence[Department],
    doctors: Sequence[Doctor],
    away: dict[int, set[date]],
    seed: int,
) -> RotaTotals:
    """Shift types for every department, and the rotas of those with staff enough."""
    rng = rng_for(seed, "rotas")
    shifts = create_shift_types(departments)
    bounds = Bounds()
    totals = RotaTotals()
    for department in departments:
        staff = [d for d in doctors if d.department_id == department.pk]
        juniors = [d for d in staff if d.contract == Contract.TCS_2016]
        consultants = [d for d in staff if d.contract == Contract.CONSULTANT_2003]
        planned: list[tuple[Rota, Iterator[Assignment]]] = []
        if len(juniors) >= MIN_TRAINEES_FOR_ROTA:
            rota = published_rota(department, f"{department.name} junior doctors")
            work = junior_assignments(rota, juniors, shifts[department.pk], away, rng, bounds)
            planned.append((rota, work))
            totals.juniors[department.code] = juniors
        if len(consultants) >= MIN_CONSULTANTS_FOR_ON_CALL:
            rota = published_rota(department, f"{department.name} consultants on call")
            on_call = on_call_assignments(rota, consultants, shifts[department.pk], away, bounds)
            planned.append((rota, on_call))
        Rota.objects.bulk_create([rota for rota, _ in planned])
        for rota, assignments in planned:
            totals.rotas.append(rota)
            totals.assignments += save_in_batches(assignments)
    return totals
