"""What the solver's repair is given for a gap: the department's rota problem for the
rota's period, the rota's published shifts as the solver's cells, and the absence.

``problem_from_department`` makes every published shift a fixed commitment, as a new rota
must fit round them. A repair moves this rota's shifts, so they come out of the doctors'
fixed times and go in as the current rota; shifts of other rotas, and of the weeks before,
stay fixed. A shift the solver cannot move (a doctor outside the problem, such as one from
another department) and a place already booked through the bank or an agency still count
as cover: the day's need is lowered by them, so the repair does not fill them twice."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from rotaplan.engine.rules.local import LocalRules
from rotaplan.engine.solver.outcome import RotaShift
from rotaplan.engine.solver.problem import (
    CoverDemand,
    FixedShift,
    FixedTime,
    ProblemDoctor,
    Reason,
    RotaProblem,
)
from rotaplan.engine.solver.repair import REPAIR_MARGIN_DAYS, with_absence
from rotaplan.leave.selectors import days_of
from rotaplan.people.models import Doctor
from rotaplan.rotas.generation.problem import (
    CannotGenerate,
    group_grades,
    problem_from_department,
)
from rotaplan.rotas.models import Assignment, StaffGroup

from ..models import Gap, GapCause, GapStatus, RepairRun


class CannotRepair(Exception):
    """The repair cannot be found or applied: ``message`` says why, in the coordinator's
    words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RepairInputs:
    problem: RotaProblem
    current: list[RotaShift]
    absent: tuple[date, date]


def staff_group(doctor_ids: set[int]) -> str:
    """The narrowest staff group holding every doctor on the rota: a juniors' rota is
    repaired among juniors, as it was generated."""
    grades = set(Doctor.objects.filter(pk__in=doctor_ids).values_list("grade", flat=True))
    for group in (StaffGroup.TRAINING, StaffGroup.SENIOR):
        if grades <= group_grades(group):
            return group
    return StaffGroup.EVERYONE


def repair_window(run: RepairRun) -> tuple[date, date]:
    """The days the repair may change: the absence and a week either side, within the
    rota."""
    margin = timedelta(days=REPAIR_MARGIN_DAYS)
    return (
        max(run.first_day - margin, run.rota.period_start),
        min(run.last_day + margin, run.rota.period_end),
    )


def repair_inputs(run: RepairRun) -> RepairInputs:
    """Raises ``CannotRepair`` when the department lacks what a rota needs."""
    rota = run.rota
    shifts = list(
        Assignment.objects.filter(rota=rota).select_related("shift_type").order_by("date", "pk")
    )
    gap = run.gap
    on_rota = {a.doctor_id for a in shifts} | (
        {gap.absent_doctor_id} if gap.absent_doctor_id else set()
    )
    try:
        problem = problem_from_department(
            run.department, rota.period_start, rota.period_end, staff_group(on_rota)
        )
    except CannotGenerate as cannot:
        raise CannotRepair(cannot.message) from None
    ids = {d.id for d in problem.doctors}
    codes = {s.code for s in problem.shift_types}
    current: list[RotaShift] = []
    moved: dict[str, set[tuple[datetime, datetime]]] = defaultdict(set)
    held: Counter[tuple[str, date]] = Counter()
    for shift in shifts:
        code = shift.shift_type.code
        if code not in codes:
            continue  # needs no cover: it stays a fixed time of the doctor's
        doctor = str(shift.doctor_id)
        if doctor in ids:
            current.append(RotaShift(doctor, shift.date, code))
            moved[doctor].add((shift.start, shift.end))
        else:
            held[(code, shift.date)] += 1
    held += _booked(run)
    # Only the shifts this rota carries: another rota's (the consultants' on call beside
    # the juniors') is not this repair's to fill.
    carried = {s.shift for s in current} | {gap.shift_type.code}
    problem = replace(
        problem,
        # The policies stricter than the contract shape a rota the generator makes; a
        # published rota (made by hand, perhaps) may not keep them, and holding a repair
        # to them would move shifts that have nothing to do with the absence. The
        # contract, the Regulations and the department's local rules still hold.
        policies=frozenset(),
        doctors=tuple(_without(d, moved[d.id]) for d in problem.doctors),
        demand=_up_to_what_it_has(
            _lowered(tuple(n for n in problem.demand if n.shift in carried), held), current
        ),
    )
    first, last = max(run.first_day, rota.period_start), min(run.last_day, rota.period_end)
    if gap.absent_doctor_id and str(gap.absent_doctor_id) in ids:
        reason = Reason.LEAVE if gap.cause == GapCause.LEAVE else Reason.OTHER
        problem = with_absence(
            problem, str(gap.absent_doctor_id), list(days_of(first, last)), reason
        )
    # A fixed rota line does not bind a doctor on a day they are away.
    problem = replace(problem, doctors=tuple(_free_when_away(d) for d in problem.doctors))
    problem = replace(problem, local=_pairs_kept(problem.local, current))
    return RepairInputs(problem, current, (first, last))


def _pairs_kept(local: LocalRules, current: list[RotaShift]) -> LocalRules:
    """Only the pairs of doctors (apart or together) the published rota keeps: a rule set
    after the rota was published may be broken by weeks the repair does not touch, and
    holding the repair to it there would leave no repair at all. The rules engine still
    reports the rota's breaks of it on the compliance page."""
    worked: dict[str, set[tuple[date, str]]] = defaultdict(set)
    for shift in current:
        worked[shift.doctor].add((shift.day, shift.shift))
    apart = tuple(p for p in local.apart if not worked[p[0]] & worked[p[1]])
    together = tuple(p for p in local.together if worked[p[0]] == worked[p[1]])
    if (apart, together) == (local.apart, local.together):
        return local
    return replace(local, apart=apart, together=together)


def _free_when_away(doctor: ProblemDoctor) -> ProblemDoctor:
    away = {u.day for u in doctor.unavailable}
    kept = tuple(f for f in doctor.fixed if not (isinstance(f, FixedShift) and f.day in away))
    return doctor if len(kept) == len(doctor.fixed) else replace(doctor, fixed=kept)


def _without(doctor: ProblemDoctor, moved: set[tuple[datetime, datetime]]) -> ProblemDoctor:
    if not moved:
        return doctor
    kept = tuple(
        f for f in doctor.fixed if not (isinstance(f, FixedTime) and (f.start, f.end) in moved)
    )
    return replace(doctor, fixed=kept)


def _booked(run: RepairRun) -> Counter[tuple[str, date]]:
    """Places booked through the bank or an agency: a locum works them, off the rota."""
    return Counter(
        Gap.objects.filter(
            department=run.department,
            status__in=[GapStatus.BANK, GapStatus.AGENCY],
            date__gte=run.rota.period_start,
            date__lte=run.rota.period_end,
        ).values_list("shift_type__code", "date")
    )


def _up_to_what_it_has(
    demand: tuple[CoverDemand, ...], current: list[RotaShift]
) -> tuple[CoverDemand, ...]:
    """A shift never has more doctors than its ideal in a generated rota, but a published
    rota may (the coordinator put them there): its ideal is raised to the doctors it has,
    so the repair takes nobody off to tidy it, only to cover the absence."""
    has = Counter((s.shift, s.day) for s in current)
    return tuple(
        replace(need, ideal=has[(need.shift, need.day)])
        if has[(need.shift, need.day)] > need.ideal
        else need
        for need in demand
    )


def _lowered(
    demand: tuple[CoverDemand, ...], held: Counter[tuple[str, date]]
) -> tuple[CoverDemand, ...]:
    if not held:
        return demand
    lowered = []
    for need in demand:
        n = held[(need.shift, need.day)]
        if n:
            ideal = max(need.ideal - n, 0)
            if ideal == 0:
                continue
            mix = tuple(replace(m, at_least=min(m.at_least, ideal)) for m in need.mix)
            need = replace(need, minimum=max(need.minimum - n, 0), ideal=ideal, mix=mix)
        lowered.append(need)
    return tuple(lowered)
