"""Writes of the cover area. ``gaps_open`` is how a change to a published rota (leave
approved, sickness recorded, a rota published short) reaches the gap register."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from rotaplan.audit.actor import audited_as
from rotaplan.leave.models import LeaveRecord
from rotaplan.people.models import Doctor, User

from .models import Gap, GapCause, GapStatus
from .shortfall import ShiftShort, below_minimum

# Gaps whose cover is not a doctor on the rota: still counted as a missing doctor.
NOT_ON_THE_ROTA = frozenset({GapStatus.OPEN, GapStatus.OFFERED, GapStatus.BANK, GapStatus.AGENCY})
NO_LONGER_SHORT = "No longer below its minimum: the rota was changed"


@transaction.atomic
def gaps_open(
    *,
    made_by: User | None,
    department_id: int,
    start: date,
    end: date,
    cause: GapCause,
    reason: str,
    leave: LeaveRecord | None = None,
    absent_doctor: Doctor | None = None,
) -> list[Gap]:
    """Bring the register up to date for the department's shifts from ``start`` to
    ``end``: a shift with fewer doctors on its published rota than its minimum has one
    gap a missing doctor, counting those already registered whose cover is not on the
    rota (open, offered, or booked through the bank or an agency: a locum is not on it). The new
    gaps get ``cause`` and ``reason``; open gaps of a shift that is no longer short are
    cancelled. Callers have checked ``made_by`` may change the department's rotas.
    Returns the gaps opened."""
    shorts = below_minimum(department_id, start, end)
    registered = _registered(department_id, start, end)
    opened: list[Gap] = []
    with audited_as(made_by):
        for short in shorts:
            held = registered.pop((short.shift_type_id, short.date), [])
            live = [g for g in held if g.status in NOT_ON_THE_ROTA]
            for _ in range(short.missing - len(live)):
                opened.append(_gap(short, cause, reason, leave, absent_doctor))
        for held in registered.values():
            for gap in held:
                if gap.status in {GapStatus.OPEN, GapStatus.OFFERED}:
                    _close(gap, made_by)
    return opened


def _registered(department_id: int, start: date, end: date) -> dict[tuple[int, date], list[Gap]]:
    found: dict[tuple[int, date], list[Gap]] = {}
    for gap in Gap.objects.select_for_update().filter(
        department_id=department_id, date__gte=start, date__lte=end
    ):
        found.setdefault((gap.shift_type_id, gap.date), []).append(gap)
    return found


def _gap(
    short: ShiftShort,
    cause: GapCause,
    reason: str,
    leave: LeaveRecord | None,
    absent_doctor: Doctor | None,
) -> Gap:
    return Gap.objects.create(
        department_id=short.department_id,
        rota_id=short.rota_id,
        shift_type_id=short.shift_type_id,
        date=short.date,
        start=short.start,
        end=short.end,
        cause=cause,
        reason=reason,
        leave=leave,
        absent_doctor=absent_doctor,
    )


def _close(gap: Gap, made_by: User | None) -> None:
    gap.status = GapStatus.CANCELLED
    gap.note = NO_LONGER_SHORT
    gap.dealt_with_by = made_by
    gap.dealt_with_at = timezone.now()
    gap.version += 1
    gap.save(update_fields=["status", "note", "dealt_with_by", "dealt_with_at", "version"])
