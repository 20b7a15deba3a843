"""Hours of work: the average week over the rota, a night worker's average day, and
the most hours in any 168. Hard rules, no penalty terms."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set
from itertools import accumulate

from ortools.sat.python import cp_model

from rotaplan.engine.rules.facts import DAY, HOUR, local_midnight
from rotaplan.engine.rules.limits import Limits
from rotaplan.engine.solver.cells import Cell
from rotaplan.engine.solver.model.variables import RotaVariables
from rotaplan.engine.solver.problem import Policy, ProblemDoctor

WEEK = 7 * DAY


def average(v: RotaVariables, p: int, doctor: ProblemDoctor, tcs: bool) -> None:
    """Average weekly hours over any 26 weeks (the whole rota when shorter): TCS 48 (56
    opted out), WTR 48 unless opted out, and a less-than-full-time doctor pro rata unless
    the department switched that policy off (stricter than the limit). A night worker
    averages at most 8 h in 24 (WTR reg. 6) over any 17 weeks, counted over the days less
    rest days (``keeps_night_average``)."""
    mine = [c for c in v.allowed[p] if v.in_period(c)]
    daily = DailyMinutes(v, p, mine)
    weeks = min(v.limits["reference-period-weeks"], v.problem.period.weeks)
    pro_rata = Policy.LTFT_HOURS_PRO_RATA in v.problem.policies
    cap = hours_cap_minutes(v.limits, doctor, tcs, weeks, pro_rata=pro_rata)
    if cap is not None:
        daily.cap_every_window(round(weeks * 7), cap)
    night_cells = [v.x(p, c) for c in mine if v.cells.facts[c].facts.is_night]
    if night_cells and keeps_night_average(v.problem.policies, tcs):
        days = round(min(v.limits["night-reference-period-weeks"] * 7, v.problem.period.days))
        night_cap = int(v.limits["wtr-night-average"] * (days - days / 7) * 60)
        any_night = v.model.new_bool_var(f"night_worker[{p}]")
        v.model.add_max_equality(any_night, night_cells)
        daily.cap_every_window(days, night_cap, only_if=any_night)


class DailyMinutes:
    """A doctor's minutes of work by day of the period, as running totals, so that every
    reference period of a long rota is one small constraint: the total to its last day
    less the total before its first."""

    def __init__(self, v: RotaVariables, p: int, cells: list[Cell]) -> None:
        self.v = v
        self.p = p
        days = v.problem.period.days
        self.free: list[list[tuple[int, cp_model.IntVar]]] = [[] for _ in range(days)]
        held = [0] * days
        for c in cells:
            minutes = v.cells.facts[c].minutes
            if not minutes:
                continue
            if c in v.held[p]:
                held[c[0]] += minutes
            else:
                self.free[c[0]].append((minutes, v.x(p, c)))
        self.held_before = [0, *accumulate(held)]
        self._totals: list[cp_model.IntVar] | None = None

    def totals(self) -> list[cp_model.IntVar]:
        """Minutes worked before each day (and after the last), made once."""
        if self._totals is None:
            model = self.v.model
            bound = sum(m for day in self.free for m, _ in day)
            running: list[cp_model.IntVar] = [model.new_constant(0)]
            for d, day in enumerate(self.free):
                if not day:
                    running.append(running[-1])
                    continue
                total = model.new_int_var(0, bound, f"minutes_to[{self.p},{d}]")
                model.add(total == running[-1] + sum(m * x for m, x in day))
                running.append(total)
            self._totals = running
        return self._totals

    def cap_every_window(self, days: int, cap: int, only_if: cp_model.IntVar | None = None) -> None:
        """At most ``cap`` minutes in every run of ``days`` days of the period, or what is
        held there already if more (an accepted breach)."""
        length = len(self.free)
        if days >= length:
            worked = [pair for day in self.free for pair in day]
            held = self.held_before[-1]
            if worked and sum(m for m, _ in worked) + held > cap:
                self._enforce(sum(m * x for m, x in worked) <= max(cap - held, 0), only_if)
            return
        totals = self.totals()
        for first in range(length - days + 1):
            held = self.held_before[first + days] - self.held_before[first]
            most = sum(m for day in self.free[first : first + days] for m, _ in day)
            if most + held > cap:
                window = totals[first + days] - totals[first]
                self._enforce(window <= max(cap - held, 0), only_if)

    def _enforce(
        self, limit: cp_model.BoundedLinearExpression | bool, only_if: cp_model.IntVar | None
    ) -> None:
        made = self.v.model.add(limit)
        if only_if is not None:
            made.only_enforce_if(only_if)


def in_any_168(v: RotaVariables, p: int) -> None:
    """TCS: at most 72 h of work in any 168 h (the 2016 text's "any 7-day period" read
    the same way). The most hours in a sliding window are found in a window that starts
    as some shift starts, so one constraint per possible start covers every window."""
    limit = round(v.limits["max-72h-in-168h"] * HOUR) // 60
    facts = v.cells.facts
    work = sorted(c for c in v.scope[p] if facts[c].facts.is_work)
    if not work:
        return
    starts = sorted({facts[c].facts.t0 for c in work})
    by_day: dict[int, list[Cell]] = defaultdict(list)
    for c in work:
        by_day[c[0]].append(c)
    first = v.problem.period.start.toordinal()
    for a in starts:
        end = a + WEEK
        day0 = _day_index_of(a, first) - 1
        terms = []
        held = 0
        for d in range(day0, day0 + 10):
            for c in by_day.get(d, ()):
                f = facts[c].facts
                overlap = min(f.t1, end) - max(f.t0, a)
                if overlap > 0 and c in v.held[p]:
                    held += overlap // 60
                elif overlap > 0:
                    terms.append((overlap // 60, v.x(p, c)))
        if terms and held + sum(m for m, _ in terms) > limit:
            # What is held may already be over (an accepted breach): add nothing to it.
            v.model.add(sum(m * x for m, x in terms) <= max(limit - held, 0))


def hours_cap_minutes(
    limits: Limits, doctor: ProblemDoctor, tcs: bool, weeks: float, *, pro_rata: bool = True
) -> int | None:
    """The most minutes of work the model allows the doctor over the period: TCS 48 h a
    week (56 opted out), WTR 48 h unless opted out, pro rata to WTE when ``pro_rata`` (the
    ``Policy.LTFT_HOURS_PRO_RATA``); None for no cap."""
    caps = []
    if tcs:
        key = "avg-weekly-hours-opted-out" if doctor.opted_out else "avg-weekly-hours"
        caps.append(limits[key])
    if not doctor.opted_out:
        caps.append(limits["wtr-avg-48h"])
    share = min(doctor.wte, 1.0) if pro_rata else 1.0
    if not caps and share >= 1:
        return None
    weekly = min(caps) if caps else limits["wtr-avg-48h"]
    return int(weekly * share * weeks * 60)


def _day_index_of(epoch_seconds: int, first_ordinal: int) -> int:
    """The period's day index of a moment (by UTC day, near enough to pick the days a
    window can touch: the caller looks one day either side)."""
    return (epoch_seconds // DAY) - (local_midnight(first_ordinal) // DAY)


def keeps_night_average(policies: Set[Policy], tcs: bool) -> bool:
    """The WTR's night-work average binds a doctor on the Regulations alone; for one on
    the 2016 terms the hospital derogation lifts it, and the department's policy keeps it
    (``Policy.NIGHT_WORK_AVERAGE``)."""
    return not tcs or Policy.NIGHT_WORK_AVERAGE in policies
