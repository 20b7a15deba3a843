"""Whether a swap may be made: both doctors judged as the swap would leave them.

Each doctor loses their own shift and gains the other's (the colleague only gains, when a
shift is given away). The swap is refused, in words naming the rule and the doctor, when
either doctor would then break a contract rule the rota does not already break for them
(the rules engine on their whole rota, ``breaches_an_edit_creates``), work two shifts at
once, work a day they are on approved leave, or take a shift their grade group does not
work. Asked when the swap is requested, when the colleague accepts it and again when the
coordinator approves it, as the rota may have changed in between.

Grade group: the tiers a coordinator groups a grid by (``people.grades.TIER_OF_GRADE``:
foundation, core, registrar, SAS, consultant). A shift is staffed by a tier, so a doctor
may take a colleague's shift only within their own tier: an FY1 cannot take a registrar's
night, nor give theirs to a consultant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rotaplan.engine.clock import format_day
from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType
from rotaplan.people.grades import TIER_OF_GRADE, Grade
from rotaplan.people.models import Doctor
from rotaplan.rotas.compliance.presenters import rule_name
from rotaplan.rotas.editing.breaches import every_breach_an_edit_creates
from rotaplan.rotas.models import Assignment, Rota
from rotaplan.rotas.overlap import overlapping_assignment, shift_words
from rotaplan.rotas.rules_adapter import PlannedShift


@dataclass(frozen=True)
class SwapShifts:
    """The swap as the rota would take it: ``mine`` goes from ``requester`` to
    ``colleague``, and ``theirs`` (if any) from ``colleague`` to ``requester``."""

    rota: Rota
    requester: Doctor
    mine: Assignment
    colleague: Doctor
    theirs: Assignment | None


def tier_of(doctor: Doctor) -> str:
    return TIER_OF_GRADE.get(doctor.grade, doctor.grade)


def grade_words(doctor: Doctor) -> str:
    return Grade(doctor.grade).label if doctor.grade in Grade.values else doctor.grade


def swap_problems(swap: SwapShifts) -> list[str]:
    """Every reason the swap cannot be made, in words; empty when it can."""
    problems = _grade_problems(swap)
    problems += _leave_problems(swap.colleague, swap.mine.date)
    if swap.theirs is not None:
        problems += _leave_problems(swap.requester, swap.theirs.date)
    problems += _overlap_problems(swap)
    if problems:
        # The rules are judged on a possible rota: two shifts at once, or a doctor away,
        # is no rota to judge.
        return problems
    return _rule_problems(swap)


def _grade_problems(swap: SwapShifts) -> list[str]:
    if tier_of(swap.requester) == tier_of(swap.colleague):
        return []
    return [
        f"{swap.colleague} ({grade_words(swap.colleague)}) cannot take a shift of "
        f"{swap.requester} ({grade_words(swap.requester)}): shifts are swapped only "
        f"between doctors of the same grade group ({tier_of(swap.requester).lower()})"
    ]


def _leave_problems(doctor: Doctor, day: date) -> list[str]:
    away = LeaveRecord.objects.filter(
        doctor=doctor, status=LeaveStatus.APPROVED, start__lte=day, end__gte=day
    ).first()
    if away is None:
        return []
    return [f"{doctor} is on {LeaveType(away.leave_type).label.lower()} on {format_day(day)}"]


def _overlap_problems(swap: SwapShifts) -> list[str]:
    problems = []
    gains = [(swap.colleague, swap.mine, swap.theirs)]
    if swap.theirs is not None:
        gains.append((swap.requester, swap.theirs, swap.mine))
    for doctor, gained, given in gains:
        clash = overlapping_assignment(
            doctor_id=doctor.pk,
            start=gained.start,
            end=gained.end,
            rota_id=swap.rota.pk,
            exclude_pk=given.pk if given is not None else None,
        )
        if clash is not None:
            problems.append(
                f"{doctor} already works "
                f"{shift_words(clash.shift_type.code, clash.start, clash.end)}, which "
                f"overlaps {shift_words(gained.shift_type.code, gained.start, gained.end)}"
            )
    return problems


def _rule_problems(swap: SwapShifts) -> list[str]:
    added = [_planned(swap.colleague, swap.mine)]
    removed = [swap.mine.pk]
    if swap.theirs is not None:
        added.append(_planned(swap.requester, swap.theirs))
        removed.append(swap.theirs.pk)
    names = {str(swap.requester.pk): swap.requester, str(swap.colleague.pk): swap.colleague}
    problems = []
    for breach in every_breach_an_edit_creates(swap.rota, added=added, removed=removed):
        doctor = names.get(breach.doctor)
        who = f"{doctor}" if doctor is not None else "A doctor"
        problems.append(f"{rule_name(breach.rule)}, for {who}: {breach.message}")
    return problems


def _planned(doctor: Doctor, shift: Assignment) -> PlannedShift:
    return PlannedShift(
        doctor_id=doctor.pk,
        start=shift.start,
        end=shift.end,
        kind=shift.shift_type.kind,
        code=shift.shift_type.code,
    )
