"""Which shifts of the published rotas have fewer doctors than their minimum: now
(``below_minimum``, what the gap register is opened from) or if a doctor were away
(``left_below_minimum``, the impact of a leave request before anyone says yes)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q

from rotaplan.engine.clock import shift_bounds
from rotaplan.leave.selectors import days_of
from rotaplan.rotas.models import Assignment, CoverRequirement, RotaStatus, ShiftType


@dataclass(frozen=True)
class ShiftShort:
    """One shift on one day with ``on`` doctors against its ``minimum``."""

    department_id: int
    shift_type_id: int
    code: str
    name: str
    date: date
    start: datetime
    end: datetime
    minimum: int
    on: int
    rota_id: int | None

    @property
    def missing(self) -> int:
        return max(self.minimum - self.on, 0)


def minimums(department_ids: set[int], start: date, end: date) -> dict[tuple[int, date], int]:
    """Each shift type's minimum on each day, by (shift type id, day): a dated row where
    there is one, else the weekday's; days with neither, or a minimum of 0, left out."""
    rows = CoverRequirement.objects.filter(department_id__in=department_ids).filter(
        Q(date__isnull=True) | Q(date__range=(start, end))
    )
    weekly = {(r.shift_type_id, r.weekday): r.minimum for r in rows if r.date is None}
    dated = {(r.shift_type_id, r.date): r.minimum for r in rows if r.date is not None}
    found: dict[tuple[int, date], int] = {}
    for shift_type_id in {key[0] for key in weekly} | {key[0] for key in dated}:
        for day in days_of(start, end):
            minimum = dated.get((shift_type_id, day), weekly.get((shift_type_id, day.weekday())))
            if minimum:
                found[(shift_type_id, day)] = minimum
    return found


def _published(department_ids: set[int], start: date, end: date) -> Q:
    return Q(
        rota__status=RotaStatus.PUBLISHED,
        rota__department_id__in=department_ids,
        date__gte=start,
        date__lte=end,
    )


def below_minimum(department_id: int, start: date, end: date) -> list[ShiftShort]:
    """Every shift of the department from ``start`` to ``end`` with fewer doctors on its
    published rotas than its minimum, earliest first."""
    need = minimums({department_id}, start, end)
    rows = Assignment.objects.filter(_published({department_id}, start, end)).values_list(
        "shift_type_id", "date", "rota_id"
    )
    on: Counter[tuple[int, date]] = Counter()
    rotas: dict[date, int] = {}
    for shift_type_id, day, rota_id in rows:
        on[(shift_type_id, day)] += 1
        rotas[day] = rota_id
    types = ShiftType.objects.in_bulk({key[0] for key in need})
    shorts = [
        _short(types[shift_type_id], day, minimum, on[(shift_type_id, day)], rotas.get(day))
        for (shift_type_id, day), minimum in need.items()
        if on[(shift_type_id, day)] < minimum
    ]
    return sorted(shorts, key=lambda s: (s.start, s.code))


def left_below_minimum(doctor_id: int, start: date, end: date) -> list[ShiftShort]:
    """The shifts the doctor works on published rotas from ``start`` to ``end`` that would
    fall below their minimum without them, earliest first."""
    theirs = list(
        Assignment.objects.filter(
            doctor_id=doctor_id,
            rota__status=RotaStatus.PUBLISHED,
            date__gte=start,
            date__lte=end,
        ).select_related("shift_type", "rota")
    )
    if not theirs:
        return []
    departments = {a.rota.department_id for a in theirs}
    need = minimums(departments, start, end)
    on = Counter(
        Assignment.objects.filter(_published(departments, start, end)).values_list(
            "shift_type_id", "date"
        )
    )
    shorts = []
    for shift in theirs:
        minimum = need.get((shift.shift_type_id, shift.date), 0)
        left = on[(shift.shift_type_id, shift.date)] - 1
        if left < minimum:
            shorts.append(_short(shift.shift_type, shift.date, minimum, left, shift.rota_id))
    return sorted(shorts, key=lambda s: (s.start, s.code))


def _short(
    shift_type: ShiftType, day: date, minimum: int, on: int, rota_id: int | None
) -> ShiftShort:
    start, end = shift_bounds(day, shift_type.start, shift_type.end)
    return ShiftShort(
        department_id=shift_type.department_id,
        shift_type_id=shift_type.pk,
        code=shift_type.code,
        name=shift_type.name,
        date=day,
        start=start,
        end=end,
        minimum=minimum,
        on=on,
        rota_id=rota_id,
    )
