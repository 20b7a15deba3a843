"""The cover each junior rota needs, and a few doctors' requests for the next rota.

Cover matches the week pattern (``pattern.WEEK_PATTERN``): one night and one long day
every day, and day shifts on weekdays (at least 4; as many as the pattern's busiest week
gives on that weekday, ideally). Two kinds of day differ and are given as dated rows: a
bank holiday runs no ordinary day shift, and the night the clocks go back is rostered as
its own shift type, NC, instead of N. The rows run for the demo period and the weeks after
it, so a coordinator can generate the next rota (from Mon 1 Feb 2027) straight away.

Requests are for those next weeks: the demo doctor asks not to work a weekend, and three
acute medicine colleagues ask for a day off, another weekend off and a night.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from rotaplan.engine.clock import is_bank_holiday
from rotaplan.organisation.models import Department
from rotaplan.people.models import Doctor, User
from rotaplan.rotas.models import (
    CoverMix,
    CoverRequirement,
    DoctorPair,
    FixedRotaLine,
    NeverAloneRule,
    RequestKind,
    RotaRequest,
    ShiftType,
)

from .dates import ROTA_END, ROTA_START
from .pattern import WEEKS
from .shift_types import CLOCKS_BACK_NIGHT, DAY, LONG_DAY, NIGHT, rostered_shift

MIN_DAY_DOCTORS = 4
# Cover is set for the demo period and the 26 weeks after it.
COVER_END = ROTA_END + timedelta(weeks=26)
NEXT_ROTA_START = ROTA_END + timedelta(days=1)  # Mon 1 Feb 2027


def pattern_days() -> list[int]:
    """How many pattern lines work a day shift on each weekday, Monday first."""
    counts: Counter[int] = Counter()
    for week in WEEKS:
        for weekday, code in enumerate(week):
            if code == DAY.code:
                counts[weekday] += 1
    return [counts[weekday] for weekday in range(7)]


def cover_rows(department: Department, shifts: Mapping[str, ShiftType]) -> list[CoverRequirement]:
    rows = []

    def row(code: str, minimum: int, ideal: int, **when: object) -> None:
        rows.append(
            CoverRequirement(
                department=department,
                shift_type=shifts[code],
                minimum=minimum,
                ideal=ideal,
                **when,
            )
        )

    for weekday, day_doctors in enumerate(pattern_days()):
        row(NIGHT.code, 1, 1, weekday=weekday)
        row(LONG_DAY.code, 1, 1, weekday=weekday)
        if day_doctors:
            row(DAY.code, min(MIN_DAY_DOCTORS, day_doctors), day_doctors, weekday=weekday)
    day = ROTA_START
    while day <= COVER_END:
        if rostered_shift(NIGHT.code, day) == CLOCKS_BACK_NIGHT:
            row(NIGHT.code, 0, 0, date=day)
            row(CLOCKS_BACK_NIGHT.code, 1, 1, date=day)
        if is_bank_holiday(day) and day.weekday() < 5:
            row(DAY.code, 0, 0, date=day)
        day += timedelta(days=1)
    return rows


def create_cover(departments: Sequence[Department]) -> int:
    """Cover for each department with a junior rota; the number of rows."""
    shifts: dict[int, dict[str, ShiftType]] = {}
    for shift in ShiftType.objects.filter(department__in=departments):
        shifts.setdefault(shift.department_id, {})[shift.code] = shift
    rows = [row for d in departments for row in cover_rows(d, shifts[d.pk])]
    return len(CoverRequirement.objects.bulk_create(rows))


def create_local_rules(juniors: Sequence[Doctor], department: Department) -> None:
    """Acute medicine's rules beyond the contract, as a coordinator might set them: on the
    day shift at least one FY2 or core trainee, and an FY1 never the only doctor on it;
    two of its doctors (a couple, say) never on the same shift; and one doctor's fixed
    rota line, the day shift on Tuesdays for a teaching list, from the next rota's second
    week."""
    shifts = {s.code: s for s in ShiftType.objects.filter(department=department)}
    CoverMix.objects.create(
        shift_type=shifts[DAY.code], at_least=1, grades=["CT1", "CT2", "CT3", "FY2"]
    )
    rule = NeverAloneRule.objects.create(department=department, grades=["FY1"])
    rule.shift_types.set([shifts[DAY.code]])
    mine = [d for d in juniors if d.department_id == department.pk]
    if len(mine) >= 2:
        DoctorPair.objects.create(
            department=department, first=mine[-1], second=mine[-2], together=False
        )
    if len(mine) >= 3:
        FixedRotaLine.objects.create(
            department=department,
            doctor=mine[-3],
            # From the next rota's second week: its first days follow on from the rota
            # before, whose last run of shifts may still be owed its rest.
            first_monday=NEXT_ROTA_START + timedelta(weeks=1),
            weeks=[["", DAY.code, "", "", "", "", ""]],
            note="Teaching list on Tuesdays",
        )


def create_requests(juniors: Sequence[Doctor], doctor: Doctor, coordinator: User | None) -> int:
    """The demo doctor's request, made by themself, and three colleagues', entered by the
    acute medicine coordinator; none if either user was left alone."""
    doctor_user = User.objects.filter(doctor=doctor).first()
    if doctor_user is None or coordinator is None:
        return 0
    night = ShiftType.objects.get(department_id=doctor.department_id, code=NIGHT.code)
    saturday = NEXT_ROTA_START + timedelta(days=5)  # Sat 6 Feb 2027
    others = [d for d in juniors if d.pk != doctor.pk][:3]
    requests = [
        RotaRequest(
            doctor=doctor,
            first_date=saturday,
            last_date=saturday + timedelta(days=1),
            weight=3,
            note="Family wedding",
            created_by=doctor_user,
        )
    ]
    wishes: list[tuple[str, date, date, ShiftType | None, int, str]] = [
        (
            RequestKind.OFF,
            saturday + timedelta(days=4),
            saturday + timedelta(days=4),
            None,
            1,
            "Exam",
        ),
        (RequestKind.OFF, saturday + timedelta(days=7), saturday + timedelta(days=8), None, 2, ""),
        (RequestKind.ON, saturday + timedelta(days=2), saturday + timedelta(days=2), night, 1, ""),
    ]
    for colleague, (kind, first, last, shift, weight, note) in zip(others, wishes, strict=False):
        requests.append(
            RotaRequest(
                doctor=colleague,
                kind=kind,
                first_date=first,
                last_date=last,
                shift_type=shift,
                weight=weight,
                note=note,
                created_by=coordinator,
            )
        )
    return len(RotaRequest.objects.bulk_create(requests))
