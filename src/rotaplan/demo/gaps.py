"""The demo's gap register, made as a coordinator's morning makes it, through the cover
services, so every gap, offer and rota version agrees with the rest:

- a junior doctor of acute medicine off sick for three days: the sickness recorded, their
  shifts taken off the published rota as a new version, and the gaps it leaves opened;
- any shift of the published rota already below its minimum, as a shortfall;
- one gap offered to the demo doctor (and one colleague), waiting for their answer;
- one filled by a colleague who said yes on the phone.

Nothing is made when the acute medicine coordinator was left alone (an existing user),
since every change needs the coordinator who made it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from rotaplan.cover.candidates import cover_candidates, cover_refusals, rota_for
from rotaplan.cover.models import Gap, GapCause
from rotaplan.cover.services import gap_offer, gaps_open, offer_answer
from rotaplan.cover.shortfall import minimums
from rotaplan.engine.clock import format_day
from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType
from rotaplan.organisation.models import Department
from rotaplan.people.models import Doctor, User
from rotaplan.rotas.models import Assignment, RotaStatus, ShiftType
from rotaplan.rotas.versions.services import rota_change_apply

from .dates import ROTA_END, ROTA_START

SICK_DAYS = 3
FIRST_LOOK = ROTA_START + timedelta(weeks=2)
MOST_TRIED = 60


def create_gaps(
    department: Department,
    juniors: Sequence[Doctor],
    doctor: Doctor,
    coordinator: User | None,
) -> list[Gap]:
    """The demo's gaps in ``department``; the demo ``doctor`` is offered one."""
    if coordinator is None:
        return []
    opened = _sickness(department, juniors, doctor, coordinator)
    opened += gaps_open(
        made_by=coordinator,
        department_id=department.pk,
        start=ROTA_START,
        end=ROTA_END,
        cause=GapCause.SHORTFALL,
        reason="Below its minimum on the published rota",
    )
    _offer_and_fill(opened, doctor, coordinator)
    return opened


def _sickness(
    department: Department, juniors: Sequence[Doctor], doctor: Doctor, coordinator: User
) -> list[Gap]:
    """A stomach bug on the ward: from the third week on, the shift closest to its minimum
    loses enough of its juniors (not the demo doctor) to sickness to fall below it; each is
    off for three days, recorded one after another as a coordinator would."""
    mine = {d.pk: d for d in juniors if d.department_id == department.pk and d.pk != doctor.pk}
    need = minimums({department.pk}, FIRST_LOOK, ROTA_END)
    rows = Assignment.objects.filter(
        rota__department=department,
        rota__status=RotaStatus.PUBLISHED,
        date__gte=FIRST_LOOK,
        date__lte=ROTA_END,
    ).values_list("shift_type_id", "date", "doctor_id")
    on: dict[tuple[int, date], list[int]] = {}
    for shift_type_id, day, doctor_id in rows:
        on.setdefault((shift_type_id, day), []).append(doctor_id)
    choices = []
    for key, doctors in on.items():
        minimum = need.get(key, 0)
        sick = [pk for pk in doctors if pk in mine]
        margin = len(doctors) - minimum
        if minimum and 0 <= margin < len(sick):
            choices.append((margin, key[1], key[0], sick[: margin + 1]))
    chosen = next(
        (c for c in sorted(choices)[:MOST_TRIED] if _may_cover(doctor, c[2], c[1])),
        min(choices) if choices else None,
    )
    if chosen is None:
        return []
    _, day, _, sick = chosen
    last = day + timedelta(days=SICK_DAYS - 1)
    opened: list[Gap] = []
    for pk in sick:
        opened += _off_sick(department, mine[pk], day, last, coordinator)
    return opened


def _may_cover(doctor: Doctor, shift_type_id: int, day: date) -> bool:
    """Whether the demo doctor could cover the shift: so they have an offer to answer."""
    shift_type = ShiftType.objects.get(pk=shift_type_id)
    rota = rota_for(shift_type, day)
    return rota is not None and not cover_refusals(
        doctor=doctor, shift_type=shift_type, day=day, rota=rota
    )


def _off_sick(
    department: Department, sick: Doctor, first: date, last: date, coordinator: User
) -> list[Gap]:
    record = LeaveRecord.objects.create(
        doctor=sick,
        leave_type=LeaveType.SICK,
        start=first,
        end=last,
        status=LeaveStatus.APPROVED,
        note="Flu",
    )
    shifts = list(
        Assignment.objects.filter(
            doctor=sick,
            rota__status=RotaStatus.PUBLISHED,
            date__gte=record.start,
            date__lte=record.end,
        ).select_related("rota", "doctor", "shift_type")
    )
    reason = f"{sick} off sick from {format_day(record.start)}"
    by_rota: dict[int, list[Assignment]] = {}
    for shift in shifts:
        by_rota.setdefault(shift.rota_id, []).append(shift)
    for held in by_rota.values():
        rota_change_apply(
            made_by=coordinator, rota=held[0].rota, remove=held, reason=reason, check_rules=False
        )
    return gaps_open(
        made_by=coordinator,
        department_id=department.pk,
        start=record.start,
        end=record.end,
        cause=GapCause.SICKNESS,
        reason=reason,
        leave=record,
        absent_doctor=sick,
    )


def _offer_and_fill(gaps: list[Gap], doctor: Doctor, coordinator: User) -> None:
    """Offer the first gap the demo doctor may take to them and the fairest colleague;
    fill the first other gap a colleague may take, as if they said yes on the phone."""
    offered = filled = False
    for gap in gaps:
        found = cover_candidates(shift_type=gap.shift_type, day=gap.date, rota=gap.rota)
        others = [c.doctor for c in found if c.doctor.pk != doctor.pk]
        if not offered and len(others) < len(found):
            gap_offer(actor=coordinator, gap=gap, doctors=[doctor, *others[:1]])
            offered = True
        elif not filled and others:
            (offer,) = gap_offer(actor=coordinator, gap=gap, doctors=[others[0]])
            offer_answer(actor=coordinator, offer=offer, accept=True)
            filled = True
        if offered and filled:
            return
