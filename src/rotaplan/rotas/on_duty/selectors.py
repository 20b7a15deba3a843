"""Shifts of the published rotas running now, and the next of each shift type."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rotaplan.organisation.models import Department
from rotaplan.people import access
from rotaplan.people.access import AnyUser

from ..models import Assignment, RotaStatus

# "Next" looks a day ahead: every shift type starts at least once a day, or is not next.
LOOK_AHEAD = timedelta(hours=24)


@dataclass
class DepartmentOnDuty:
    department: Department
    now: list[Assignment] = field(default_factory=list)
    next: list[list[Assignment]] = field(default_factory=list)
    """The next start of each shift type, its doctors together, earliest first."""
    with_contacts: bool = False


def on_duty(user: AnyUser, moment: datetime) -> list[DepartmentOnDuty]:
    """Each department the user may see, with the doctors on shift at ``moment`` and those
    on the next start of each shift type within a day; contact details only where the
    user may see the department's doctors (``access.can_view_department_doctors``)."""
    departments = list(access.visible_departments(user).order_by("name"))
    found = {
        d.pk: DepartmentOnDuty(d, with_contacts=access.can_view_department_doctors(user, d.pk))
        for d in departments
    }
    shifts = (
        Assignment.objects.filter(
            rota__status=RotaStatus.PUBLISHED,
            rota__department__in=departments,
            end__gt=moment,
            start__lt=moment + LOOK_AHEAD,
        )
        .select_related("doctor", "shift_type", "rota")
        .order_by("start", "shift_type__code", "doctor__last_name", "doctor__first_name")
    )
    upcoming: dict[int, dict[int, list[Assignment]]] = defaultdict(dict)
    for shift in shifts:
        entry = found[shift.rota.department_id]
        if shift.start <= moment:
            entry.now.append(shift)
            continue
        held = upcoming[entry.department.pk].setdefault(shift.shift_type_id, [])
        if not held or held[0].start == shift.start:
            held.append(shift)
    for department_id, by_type in upcoming.items():
        found[department_id].next = sorted(by_type.values(), key=lambda s: s[0].start)
    return list(found.values())
