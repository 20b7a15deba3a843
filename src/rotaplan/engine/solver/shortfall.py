"""What a rota could not cover, and why: each gap with the facts that cause it.

The reasons come from asking, for every doctor qualified for the shift, what stops them
taking it in the rota as generated: leave, another shift that day, or the rules the
rules engine says it would break (rest after nights, the weekend limit...). Because the
rules engine answers, an explanation can never disagree with a compliance report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from rotaplan.engine.clock import format_day
from rotaplan.engine.rota import RotaShifts
from rotaplan.engine.rules import check_rota
from rotaplan.engine.solver.cells import Cell, RotaCells, day_span
from rotaplan.engine.solver.model import hours_cap_minutes
from rotaplan.engine.solver.outcome import Gap, RequestOutcome, RotaShift
from rotaplan.engine.solver.problem import (
    CoverMix,
    Policy,
    ProblemDoctor,
    RequestKind,
    RotaProblem,
    demand_by_day,
    qualified,
)

# What stops a doctor, by the rule they would break, in a coordinator's words.
RULE_WORDS: dict[str, str] = {
    "rest-after-nights": "resting after nights (46 h)",
    "weekend-frequency": "at the weekend limit (1 in 2)",
    "min-rest-between-shifts": "without 11 h rest either side",
    "max-consecutive-shifts": "at the most shifts in a row",
    "max-consecutive-long-shifts": "at the most long shifts in a row",
    "max-consecutive-long-evening-shifts": "at the most long late evenings in a row",
    "max-consecutive-nights": "at the most nights in a row",
    "max-72h-in-168h": "at 72 h in 168 h",
    "avg-weekly-hours": "at their average weekly hours",
    "wtr-avg-48h": "at the 48 h average",
    "wtr-night-average": "at the night-work average",
    "wtr-daily-rest": "without 11 h daily rest",
    "wtr-weekly-rest": "without weekly rest",
    "overlapping-shifts": "on a shift that overlaps it",
    "day-after-on-call": "on call the day before",
    "consecutive-on-call": "on call the day before or after",
    "max-on-call-per-7-days": "at 3 on-call periods in 7 days",
    "max-shift-length": "over the 13 h shift limit",
}


# What the hospital derogation lifts for doctors in training that the generator keeps
# only while the department's policy is on.
DEROGATION_POLICIES: dict[str, Policy] = {
    "wtr-weekly-rest": Policy.WHOLE_FREE_DAYS,
    "wtr-night-average": Policy.NIGHT_WORK_AVERAGE,
}


def gaps_in(cells: RotaCells, shifts: Sequence[RotaShift]) -> tuple[Gap, ...]:
    """Every shift below its minimum or its ideal, in date order, with its reasons."""
    problem = cells.problem
    on: Counter[tuple[str, str]] = Counter((s.day.isoformat(), s.shift) for s in shifts)
    doctors = {d.id: d for d in problem.doctors}
    working: dict[tuple[str, str], list[ProblemDoctor]] = {}
    for s in shifts:
        working.setdefault((s.day.isoformat(), s.shift), []).append(doctors[s.doctor])
    explainer = _Explainer(problem, cells, shifts)
    gaps = []
    for day, cover in demand_by_day(problem).items():
        for code, demand in sorted(cover.items()):
            cell = (cells.index_of(day), cells.codes[code])
            for mix in demand.mix:
                counted = sum(mix.counts(d) for d in working.get((day.isoformat(), code), []))
                if counted < mix.at_least:
                    reasons = explainer.reasons(cell, mix.at_least, mix)
                    gaps.append(
                        Gap(day, code, mix.at_least, counted, "minimum", reasons, of=mix.who)
                    )
            rostered = on[day.isoformat(), code]
            if rostered >= demand.ideal:
                continue
            below, needed = (
                ("minimum", demand.minimum)
                if rostered < demand.minimum
                else ("ideal", demand.ideal)
            )
            gaps.append(Gap(day, code, needed, rostered, below, explainer.reasons(cell, needed)))
    return tuple(gaps)


class _Explainer:
    def __init__(self, problem: RotaProblem, cells: RotaCells, shifts: Sequence[RotaShift]) -> None:
        self.problem = problem
        self.cells = cells
        self.shifts = shifts
        self.doctors = {d.id: d for d in problem.doctors}
        self.by_doctor: dict[str, list[RotaShift]] = {d.id: [] for d in problem.doctors}
        for s in shifts:
            self.by_doctor[s.doctor].append(s)
        self.working: dict[tuple[str, int], str] = {
            (s.doctor, cells.index_of(s.day)): s.shift for s in shifts
        }

    def reasons(self, cell: Cell, needed: int, mix: CoverMix | None = None) -> tuple[str, ...]:
        """Why ``cell`` has fewer than ``needed`` doctors (of those ``mix`` counts)."""
        spec = self.problem.shift_types[cell[1]]
        day = format_day(self.cells.date_of(cell[0]))
        if cell in self.cells.too_long:
            why = self.cells.too_long[cell]
            return (f"{spec.display_name} on {day}: {why}; no doctor may work it.",)
        able = [
            d for d in self.problem.doctors if qualified(d, spec) and (mix is None or mix.counts(d))
        ]
        of = f" of {mix.who}" if mix is not None else ""
        out = []
        if len(able) < needed:
            out.append(
                f"Only {len(able)} doctor{'s' if len(able) != 1 else ''}{of} "
                f"{'is' if len(able) == 1 else 'are'} qualified for {spec.display_name}; "
                f"it needs {needed}."
            )
        stopped: Counter[str] = Counter()
        free: list[str] = []
        for doctor in able:
            if self.working.get((doctor.id, cell[0])) == spec.code:
                continue
            why = self._why_not(doctor.id, cell)
            if why:
                stopped[why] += 1
            else:
                free.append(doctor.display_name)
        if stopped:
            parts = [f"{n} {what}" for what, n in stopped.most_common()]
            out.append(f"Of the {len(able)} qualified doctors{of}: " + "; ".join(parts) + ".")
        if free:
            out.append(
                f"{', '.join(free[:3])}{' and others' if len(free) > 3 else ''} could work it "
                "within the rules; more search time may fill it."
            )
        return tuple(out)

    def _why_not(self, doctor_id: str, cell: Cell) -> str:
        doctor = self.doctors[doctor_id]
        fixed_reason = self.cells.why_not(doctor, cell)
        if fixed_reason:
            return fixed_reason
        other = self.working.get((doctor_id, cell[0]))
        if other is not None:
            return f"on {other} that day"
        mine = [
            self.cells.shift_of(doctor_id, (self.cells.index_of(s.day), self.cells.codes[s.shift]))
            for s in self.by_doctor[doctor_id]
        ]
        trial = RotaShifts(
            self.problem.period,
            (self.problem.terms(doctor),),
            (*mine, *self.cells.context_shifts(doctor_id), self.cells.shift_of(doctor_id, cell)),
        )
        report = check_rota(trial)
        broken = {b.rule for b in report.breaches}
        # The generator keeps some of what the hospital derogation lifts: the daily rest
        # always (the 2016 terms' 11 h between shifts), the rest by the department's policy.
        kept = {
            b.rule
            for b in report.derogated
            if (policy := DEROGATION_POLICIES.get(b.rule)) is None
            or policy in self.problem.policies
        }
        stopping = broken | kept
        if not stopping:
            return self._model_limit(doctor, cell)
        # The most telling rule first, in the order of RULE_WORDS.
        rule = next((r for r in RULE_WORDS if r in stopping), min(stopping))
        words = RULE_WORDS.get(rule, f"would break {rule}")
        return f"{words} (a policy of this rota)" if rule in kept - broken else words

    def _model_limit(self, doctor: ProblemDoctor, cell: Cell) -> str:
        """The limit the generator keeps beyond the rules engine's that explanations name:
        a less-than-full-time doctor's hours pro rata (``model.hours_cap_minutes``)."""
        if doctor.wte >= 1 or Policy.LTFT_HOURS_PRO_RATA not in self.problem.policies:
            return ""
        minutes = sum(
            self.cells.facts[self.cells.cell_of(s)].minutes for s in self.by_doctor[doctor.id]
        )
        cap = hours_cap_minutes(
            self.cells.limits, doctor, self.cells.is_tcs(doctor), self.problem.period.weeks
        )
        if cap is not None and minutes + self.cells.facts[cell].minutes > cap:
            return "at their pro-rata hours (less than full time, a policy of this rota)"
        return ""


def request_outcomes(cells: RotaCells, shifts: Sequence[RotaShift]) -> tuple[RequestOutcome, ...]:
    """Each request with whether the rota honours it, and if not, what was rostered."""
    problem = cells.problem
    mine: dict[str, list[RotaShift]] = {d.id: [] for d in problem.doctors}
    for s in shifts:
        mine[s.doctor].append(s)
    names = {d.id: d.display_name for d in problem.doctors}
    out = []
    for request in problem.requests:
        dates = set(request.dates)
        if request.kind is RequestKind.OFF:
            spans = [day_span(day) for day in request.dates]
            clashes = []
            for s in mine[request.doctor]:
                f = cells.facts[cells.index_of(s.day), cells.codes[s.shift]].facts
                if any(f.t0 < hi and f.t1 > lo for lo, hi in spans):
                    clashes.append(f"{s.shift} on {format_day(s.day)}")
            message = (
                f"{names[request.doctor]} asked not to work {_dates(request.dates)}; "
                f"rostered {', '.join(clashes)} to keep the shifts covered."
                if clashes
                else ""
            )
        else:
            worked = {s.day for s in mine[request.doctor] if s.shift == request.shift}
            missed = sorted(dates - worked)
            message = (
                f"{names[request.doctor]} asked to work {request.shift} on "
                f"{_dates(request.dates)}; not rostered on {_dates(missed)}."
                if missed
                else ""
            )
        out.append(RequestOutcome(request, not message, message))
    return tuple(out)


def _dates(days: Sequence[date]) -> str:
    shown = [format_day(d) for d in days]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
