"""The NHS rota as a CP-SAT model: every contract rule hard, cover, requests and fairness
soft, so that the solver always has a rota to offer and says what it could not cover.

Rules are built from the same limits the rules engine reads (``rules.limits``) on the
cells' own facts (``cells``), and the result is re-checked by the rules engine before it is
offered (``generate``). Where the contract's measure is awkward on a daily grid the model
is stricter than the rule, never looser; each such place says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model

from rotaplan.engine.rules.facts import DAY, HOUR, local_midnight
from rotaplan.engine.rules.limits import Limits
from rotaplan.engine.rules.weekends import saturdays_in
from rotaplan.engine.solver import builders as b
from rotaplan.engine.solver import rota_rules as r
from rotaplan.engine.solver.cells import Cell, RotaCells, day_span
from rotaplan.engine.solver.grid import ShiftGrid
from rotaplan.engine.solver.outcome import RotaShift
from rotaplan.engine.solver.problem import ProblemDoctor, RequestKind, RotaProblem, demand_by_day

WEEK = 7 * DAY


@dataclass(frozen=True, slots=True)
class Weights:
    """What the objective trades, per unit. A doctor short of the minimum outweighs
    everything else; fairness is measured per 1/12 of a full-time share (``SHARE``)."""

    below_minimum: int = 10_000
    below_ideal: int = 1_000
    request: int = 40  # per unit of a request's weight
    nights_spread: int = 4
    weekends_spread: int = 4
    long_days_spread: int = 2
    change: int = 0  # per shift added or taken away: a repair sets it (REPAIR_WEIGHTS)


NEAR_DAYS = 16
"""Days either side of a window within which a rule may join a free day to a held one."""

SHARE = 12
"""Fairness is measured in counts times ``SHARE / wte``: whole numbers for common WTEs."""


@dataclass
class Objective:
    """The objective's terms by purpose, so a result can say what it traded."""

    cover: list[b.Penalty] = field(default_factory=list)
    requests: list[tuple[int, cp_model.IntVar]] = field(default_factory=list)
    fairness: list[b.Penalty] = field(default_factory=list)
    changes: list[b.Penalty] = field(default_factory=list)

    def request_terms(self) -> list[b.Penalty]:
        return [b.Penalty(f"request {i}", w, v) for i, (w, v) in enumerate(self.requests)]

    def terms(self) -> list[b.Penalty]:
        return [*self.cover, *self.request_terms(), *self.fairness, *self.changes]


class RotaModel:
    """Builds the model for one problem. ``x(p, cell)`` is the doctor ``p`` (index into
    ``problem.doctors``) working ``cell``; a cell a doctor may not take is the constant 0,
    one they hold (a fixed time, a day not free) the constant 1."""

    def __init__(
        self,
        problem: RotaProblem,
        weights: Weights | None = None,
        *,
        current: Sequence[RotaShift] = (),
        free_days: range | None = None,
        fair_until: int | None = None,
    ) -> None:
        """With ``free_days``, only those days may change: every other day keeps the
        shifts of ``current`` (a published rota being repaired). Cells outside the free
        days are then few, so the model is small and quick to build. ``fair_until``
        judges fairness on the days before it only (a rota being built in order)."""
        self.fair_until = problem.period.days if fair_until is None else fair_until
        self.problem = problem
        self.weights = weights or Weights()
        self.cells = RotaCells(problem, extra=current)
        self.limits = self.cells.limits
        self.model = cp_model.CpModel()
        self.allowed: list[set[Cell]] = [set(self.cells.allowed(d)) for d in problem.doctors]
        self.held: list[set[Cell]] = [set() for _ in problem.doctors]
        self.now = self._now(current)
        """Each doctor's cells in ``current``."""
        if free_days is not None:
            self._hold(self.now, free_days)
        for p, doctor in enumerate(problem.doctors):
            self.held[p] |= self.cells.context[doctor.id]
            self.allowed[p] |= self.cells.context[doctor.id]
        self.scope = self._near(free_days)
        self.scope_by_day: list[dict[int, list[Cell]]] = []
        for cells in self.scope:
            by_day: dict[int, list[Cell]] = defaultdict(list)
            for cell in sorted(cells):
                by_day[cell[0]].append(cell)
            self.scope_by_day.append(by_day)
        self.lo = self.cells.first_index
        self.grid = ShiftGrid(
            self.model,
            len(problem.doctors),
            problem.period.days,
            len(problem.shift_types),
            only={(p, *c) for p, cells in enumerate(self.allowed) for c in cells - self.held[p]},
        )
        self._one = self.model.new_constant(1)
        self.objective = Objective()
        if free_days is not None and self.weights.change:
            self._changes(self.now, free_days)
        self._weekend_marks: dict[int, dict[int, cp_model.IntVar]] = {}
        b.at_most_one_shift_a_day(self.grid)
        for p, doctor in enumerate(problem.doctors):
            self._doctor(p, doctor)
        self._cover()
        self._requests()
        self._fairness()
        b.objective(self.model, self.objective.terms())

    def _now(self, current: Sequence[RotaShift]) -> list[set[Cell]]:
        index = self.cells.doctor_index
        now: list[set[Cell]] = [set() for _ in self.problem.doctors]
        for shift in current:
            if shift.doctor in index:
                now[index[shift.doctor]].add(self.cells.cell_of(shift))
        return now

    def _hold(self, now: list[set[Cell]], free_days: range) -> None:
        """Outside ``free_days`` each doctor keeps the shifts they have (and their fixed
        ones); inside, they may take any cell allowed to them."""
        for p, doctor in enumerate(self.problem.doctors):
            fixed = self.cells.fixed_cells(doctor)
            self.held[p] = {c for c in now[p] | fixed if c[0] not in free_days}
            inside = {c for c in self.allowed[p] if c[0] in free_days}
            self.allowed[p] = inside | self.held[p]

    def _near(self, free_days: range | None) -> list[set[Cell]]:
        """The cells each doctor's day-to-day rules are built over: all of them, or with
        ``free_days`` those close enough to a free day to share a rule's span with it
        (``NEAR_DAYS`` covers the longest: a 14-day rest period, a run of 7 and 48 h
        rest). Averages and weekends are counted over every cell."""
        if free_days is None:
            return self.allowed
        near = range(free_days.start - NEAR_DAYS, free_days.stop + NEAR_DAYS)
        return [{c for c in cells if c[0] in near} for cells in self.allowed]

    def _changes(self, now: list[set[Cell]], free_days: range) -> None:
        """Each shift added to or taken from a doctor's rota in ``free_days`` is a change
        the objective pays for (a repair wants the fewest)."""
        for p in range(len(self.problem.doctors)):
            for cell in sorted(self.allowed[p] - self.held[p]):
                x = self.x(p, cell)
                if cell in now[p]:
                    removed = self.model.new_bool_var(f"removed[{p},{cell}]")
                    self.model.add(removed + x == 1)
                    self.objective.changes.append(
                        b.Penalty(f"removed {p} {cell}", self.weights.change, removed)
                    )
                else:
                    self.objective.changes.append(
                        b.Penalty(f"added {p} {cell}", self.weights.change, x)
                    )

    def worked(self, solver: cp_model.CpSolver) -> list[tuple[int, Cell]]:
        """(doctor index, cell) for every shift in ``solver``'s rota, held ones included."""
        chosen = [(p, (d, s)) for (p, d), s in self.grid.value_grid(solver).items()]
        chosen += [
            (p, c)
            for p, cells in enumerate(self.held)
            for c in cells
            if not self.cells.is_context(c)
        ]
        return sorted(chosen)

    def x(self, p: int, cell: Cell) -> cp_model.IntVar:
        """The cell's variable; a held cell is the constant 1, a cell the doctor may not
        take the constant 0."""
        if cell in self.held[p]:
            return self._one
        return self.grid.cell(p, cell[0], cell[1])

    # --- one doctor's rules ---------------------------------------------------------

    def _doctor(self, p: int, doctor: ProblemDoctor) -> None:
        for cell in self.cells.fixed_cells(doctor) - self.held[p]:
            self.model.add(self.x(p, cell) == 1)
        tcs = self.cells.is_tcs(doctor)
        self._pairs(p, tcs)
        self._weekly_rest(p)
        self._hours(p, doctor, tcs)
        self.weekend_marks(p)
        if tcs:
            self._runs(p)
            self._on_call(p)
            self._hours_in_168(p)

    def _by_day(self, p: int) -> list[list[Cell]]:
        """The doctor's cells by day from ``self.lo`` (the first day with a cell, before
        the period when a fixed time precedes it): position ``i`` is day ``i + self.lo``."""
        return [self.scope_by_day[p].get(d, []) for d in range(self.lo, self.grid.horizon)]

    def _in_period(self, cell: Cell) -> bool:
        return 0 <= cell[0] < self.grid.horizon

    def _mark(
        self, p: int, name: str, cells_by_day: list[list[Cell]]
    ) -> list[cp_model.IntVar | None]:
        """One 0/1 per day: the doctor works one of that day's ``cells`` (at most one shift
        a day, so the sum is the indicator)."""
        marks: list[cp_model.IntVar | None] = []
        for d, cells in enumerate(cells_by_day):
            if not cells:
                marks.append(None)
            elif len(cells) == 1:
                marks.append(self.x(p, cells[0]))
            else:
                m = self.model.new_bool_var(f"{name}[{p},{d}]")
                self.model.add(m == sum(self.x(p, c) for c in cells))
                marks.append(m)
        return marks

    def _pairs(self, p: int, tcs: bool) -> None:
        """Overlapping shifts never; work shifts less than 11 h apart never (TCS 11 h, and
        for everyone the WTR's 11 h in 24, which the model meets the stricter way); under
        TCS a shift over 10 h the day after on call never."""
        facts = self.cells.facts
        rest = round(self.limits["min-rest-between-shifts"] * HOUR)
        after_on_call = round(self.limits["day-after-on-call"] * HOUR)
        pairs = []
        for a in sorted(self.scope[p]):
            for d in (a[0], a[0] + 1, a[0] + 2):
                for c in self.scope_by_day[p].get(d, []):
                    if c <= a or (a in self.held[p] and c in self.held[p]):
                        continue  # each pair once; what is held is as it was
                    first, then = sorted((facts[a].facts, facts[c].facts), key=lambda f: f.t0)
                    clash = then.t0 < first.t1 or (
                        first.is_work and then.is_work and then.t0 - first.t1 < rest
                    )
                    if tcs and not first.is_work and then.day == first.day + 1:
                        clash = clash or (then.is_work and then.t1 - then.t0 > after_on_call)
                    if clash:
                        pairs.append((self.x(p, a), self.x(p, c)))
        b.never_together(self.model, pairs)

    def _too_soon_cells(self, p: int, last: Cell, hours: float, first_day: int) -> list[Cell]:
        """The doctor's cells from ``first_day`` on that start less than ``hours`` after
        ``last`` ends."""
        end = self.cells.facts[last].facts.t1
        need = round(hours * HOUR)
        return [
            c
            for d in range(first_day, min(last[0] + 4, self.grid.horizon))
            for c in self.scope_by_day[p].get(d, [])
            if self.cells.facts[c].facts.t0 - end < need
        ]

    def _runs(self, p: int) -> None:
        """TCS: at most 7 shifts in a row then 48 h off; at most 4 long shifts in a row
        then 48 h off; at most 4 nights in a row, and 46 h off after any run of nights
        (after 3 or more under the 2016 text)."""
        facts = self.cells.facts
        days = self._by_day(p)
        every = self._mark(p, "works", days)
        long_days = [[c for c in cs if facts[c].facts.is_long] for cs in days]
        nights = [[c for c in cs if facts[c].facts.is_night] for cs in days]
        longs = self._mark(p, "long", long_days)
        night_marks = self._mark(p, "night", nights)
        rest_after_max = self.limits["rest-after-max-run"]
        for marks, cells, k in (
            (every, days, int(self.limits["max-consecutive-shifts"])),
            (longs, long_days, int(self.limits["max-consecutive-long-shifts"])),
        ):
            b.max_in_a_row(self.model, marks, k)
            for i, todays in enumerate(cells):
                for cell in todays:
                    r.rest_after_run(
                        self.model,
                        marks,
                        k,
                        i,
                        self.x(p, cell),
                        [
                            self.x(p, c)
                            for c in self._too_soon_cells(p, cell, rest_after_max, cell[0] + 1)
                        ],
                        exactly=True,
                    )
        b.max_in_a_row(self.model, night_marks, int(self.limits["max-consecutive-nights"]))
        min_run = int(self.limits["rest-after-nights-min-run"])
        rest_after_nights = self.limits["rest-after-nights"]
        for i, todays in enumerate(nights):
            following = set(nights[i + 1]) if i + 1 < len(nights) else set()
            for cell in todays:
                soon = [
                    self.x(p, c)
                    for c in self._too_soon_cells(p, cell, rest_after_nights, cell[0] + 1)
                    if c not in following
                ]
                r.rest_after_run(
                    self.model, night_marks, min_run, i, self.x(p, cell), soon, exactly=False
                )

    def weekend_marks(self, p: int) -> dict[int, cp_model.IntVar]:
        """A 0/1 per weekend of the period (by its Saturday's ordinal) that the doctor
        could work, true exactly when they work it; a weekend is worked if any shift
        touches 00:01 Saturday to 23:59 Sunday (a Friday night counts). Under TCS at
        most 1 weekend in 2 over the rota (or what is held already, if more). Made once
        per doctor."""
        if p in self._weekend_marks:
            return self._weekend_marks[p]
        touching: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        saturdays = saturdays_in(self.problem.period)
        held: set[int] = set()
        for cell in self.allowed[p]:
            for sat in self.cells.facts[cell].facts.weekends:
                if sat in saturdays:
                    touching[sat].append(self.x(p, cell))
                    if cell in self.held[p]:
                        held.add(sat)
        limit = len(touching)
        if self.cells.is_tcs(self.problem.doctors[p]):
            limit = int(self.limits["weekend-frequency"] * len(saturdays) + 1e-9)
        marks = b.max_weekends(self.model, touching, max(limit, len(held)), str(p))
        self._weekend_marks[p] = marks
        return marks

    def _on_call(self, p: int) -> None:
        """TCS: no on-call periods on consecutive days except Saturday then Sunday; at most
        3 in any 7 consecutive days (the day after on call is in ``_pairs``)."""
        days = self._by_day(p)
        on_call = self._mark(
            p, "on_call", [[c for c in cs if self.cells.on_call(c)] for cs in days]
        )
        for i in range(len(on_call) - 1):
            a, c = on_call[i], on_call[i + 1]
            saturday = self.cells.date_of(i + self.lo).weekday() == 5
            if a is not None and c is not None and not saturday:
                self.model.add_bool_or([a.Not(), c.Not()])
        limit = int(self.limits["max-on-call-per-7-days"])
        for start in range(len(on_call)):
            window = [m for m in on_call[start : start + 7] if m is not None]
            if len(window) > limit:
                self.model.add(sum(window) <= limit)

    def _hours(self, p: int, doctor: ProblemDoctor, tcs: bool) -> None:
        """Average weekly hours: TCS 48 (56 opted out), WTR 48 unless opted out, and a
        less-than-full-time doctor pro rata (their contract, stricter than the limit). A
        night worker averages at most 8 h in 24 (WTR reg. 6) over the days less rest days."""
        mine = [c for c in self.allowed[p] if self._in_period(c)]
        work = [(self.cells.facts[c].minutes, self.x(p, c)) for c in mine]
        total = sum(m * v for m, v in work if m)
        held = sum(m for c, (m, _) in zip(mine, work, strict=True) if c in self.held[p])
        cap = hours_cap_minutes(self.limits, doctor, tcs, self.problem.period.weeks)
        if cap is not None:
            b.minutes_between(self.model, work, 0, max(cap, held))
        night_cells = [self.x(p, c) for c in mine if self.cells.facts[c].facts.is_night]
        if night_cells:
            days = self.problem.period.days
            night_cap = int(self.limits["wtr-night-average"] * (days - days / 7) * 60)
            any_night = self.model.new_bool_var(f"night_worker[{p}]")
            self.model.add_max_equality(any_night, night_cells)
            self.model.add(total <= night_cap).only_enforce_if(any_night)

    def _hours_in_168(self, p: int) -> None:
        """TCS: at most 72 h of work in any 168 h. The most hours in a sliding window are
        found in a window that starts as some shift starts, so one constraint per possible
        start covers every window (the 2016 text's seven calendar days: one per midnight)."""
        limit = round(self.limits["max-72h-in-168h"] * HOUR) // 60
        facts = self.cells.facts
        work = sorted(c for c in self.scope[p] if facts[c].facts.is_work)
        if not work:
            return
        if self.limits["max-72h-calendar-days"]:
            starts = sorted(
                {local_midnight(facts[c].facts.day - i) for c in work for i in range(7)}
            )
        else:
            starts = sorted({facts[c].facts.t0 for c in work})
        by_day: dict[int, list[Cell]] = defaultdict(list)
        for c in work:
            by_day[c[0]].append(c)
        first = self.problem.period.start.toordinal()
        for a in starts:
            b_ = a + WEEK
            day0 = _day_index_of(a, first) - 1
            terms = []
            held = 0
            for d in range(day0, day0 + 10):
                for c in by_day.get(d, ()):
                    f = facts[c].facts
                    overlap = min(f.t1, b_) - max(f.t0, a)
                    if overlap > 0 and c in self.held[p]:
                        held += overlap // 60
                    elif overlap > 0:
                        terms.append((overlap // 60, self.x(p, c)))
            if terms and held + sum(m for m, _ in terms) > limit:
                # What is held may already be over (an accepted breach): add nothing to it.
                self.model.add(sum(m * v for m, v in terms) <= max(limit - held, 0))

    def _weekly_rest(self, p: int) -> None:
        """WTR reg. 11: in each 14 days from the rota's start, one 48 h rest or two of
        24 h. The model asks for two whole calendar days free of work in each fortnight
        (two free days are either one rest of 48 h or two of 24 h), stricter than the rule
        by the hours either side of those days; a 23-hour day of the March clock change is
        not counted as a free day."""
        facts = self.cells.facts
        first = self.problem.period.start.toordinal()
        for start in range(0, self.grid.horizon - 13, 14):
            if not any(c[0] in range(start - 1, start + 14) for c in self.scope[p] - self.held[p]):
                continue  # every shift of this fortnight is held: its rest is as it was
            free = []
            for d in range(start, start + 14):
                lo, hi = local_midnight(first + d), local_midnight(first + d + 1)
                if hi - lo < DAY:
                    continue
                touching = [
                    self.x(p, c)
                    for c in self.scope[p]
                    if c[0] in (d - 1, d)
                    and facts[c].facts.is_work
                    and facts[c].facts.t0 < hi
                    and facts[c].facts.t1 > lo
                ]
                f = self.model.new_bool_var(f"free[{p},{d}]")
                for t in touching:
                    self.model.add_implication(f, t.Not())
                free.append(f)
            self.model.add(sum(free) >= 2)

    # --- cover, requests, fairness ------------------------------------------------------

    def _cover(self) -> None:
        """Each shift at least its minimum and, if possible, its ideal, never more than
        the ideal (or than the doctors fixed to it): extra doctors on a shift are hours
        taken from another."""
        w = self.weights
        for day, cover in demand_by_day(self.problem).items():
            d = self.cells.index_of(day)
            for code, demand in cover.items():
                s = self.cells.codes[code]
                on = [
                    self.x(p, (d, s))
                    for p in range(len(self.problem.doctors))
                    if (d, s) in self.allowed[p]
                ]
                forced = sum(
                    (d, s) in held or (d, s) in self.cells.fixed_cells(doc)
                    for held, doc in zip(self.held, self.problem.doctors, strict=True)
                )
                count = sum(on) if on else 0
                self.model.add(count <= max(demand.ideal, forced))
                label = f"{code} {day.isoformat()}"
                if demand.minimum > 0:
                    short = self.model.new_int_var(0, demand.minimum, f"{label} below minimum")
                    self.model.add_max_equality(short, [demand.minimum - count, 0])
                    self.objective.cover.append(
                        b.Penalty(f"{label} below minimum", w.below_minimum, short)
                    )
                if demand.ideal > demand.minimum:
                    thin = self.model.new_int_var(0, demand.ideal, f"{label} below ideal")
                    self.model.add_max_equality(thin, [demand.ideal - count, 0])
                    self.objective.cover.append(
                        b.Penalty(f"{label} below ideal", w.below_ideal, thin)
                    )

    def _requests(self) -> None:
        """An "off" request is broken by any shift touching its days (for a weekend,
        00:01 Saturday to 23:59 Sunday, so a Friday night breaks it); an "on" request by
        any of its days without the shift asked for."""
        index = self.cells.doctor_index
        first = self.problem.period.start.toordinal()
        for request in self.problem.requests:
            p = index[request.doctor]
            if request.kind is RequestKind.OFF:
                spans = [day_span(day) for day in request.dates]
                hits = [
                    self.x(p, c)
                    for c in self.allowed[p]
                    if any(
                        self.cells.facts[c].facts.t0 < hi and self.cells.facts[c].facts.t1 > lo
                        for lo, hi in spans
                    )
                ]
            else:
                s = self.cells.codes[request.shift]
                hits = []
                for day in request.dates:
                    cell = (day.toordinal() - first, s)
                    missed = self.model.new_bool_var(f"missed[{p},{cell}]")
                    if cell in self.allowed[p]:
                        self.model.add(missed + self.x(p, cell) == 1)
                    else:
                        self.model.add(missed == 1)
                    hits.append(missed)
            broken = self.model.new_bool_var(f"request broken {len(self.objective.requests)}")
            if hits:
                self.model.add_max_equality(broken, hits)
            else:
                self.model.add(broken == 0)
            self.objective.requests.append((self.weights.request * request.weight, broken))

    def _fairness(self) -> None:
        """Nights, weekends and long days shared pro rata to WTE. Each doctor who may do
        that work has a fair share (the work the demand asks for, split by WTE) and the
        objective pays for every shift above or below it. Measured against a fixed share,
        one doctor's count does not depend on another's, so a search that changes a few
        weeks at a time can see each improvement (a most-minus-fewest objective hides
        all but the extremes)."""
        w = self.weights
        facts = self.cells.facts
        demand = demand_by_day(self.problem)
        wanted: dict[Cell, int] = {
            (self.cells.index_of(day), self.cells.codes[code]): c.minimum
            for day, cover in demand.items()
            for code, c in cover.items()
        }
        judged = {c for c in facts if 0 <= c[0] < self.fair_until}
        nights = {c for c in judged if facts[c].facts.is_night}
        long_days = {c for c in judged if facts[c].facts.is_long and not facts[c].facts.is_night}
        for name, weight, kind in (
            ("nights", w.nights_spread, nights),
            ("long days", w.long_days_spread, long_days),
        ):
            shares = []
            for p in range(len(self.problem.doctors)):
                mine = [self.x(p, c) for c in self.allowed[p] & kind]
                if mine:
                    shares.append((p, mine))
            self._fair_share(name, weight, sum(wanted.get(c, 0) for c in kind), shares)
        last_judged = self.problem.period.start.toordinal() + self.fair_until
        weekend_shares = []
        for p in range(len(self.problem.doctors)):
            marks = [m for sat, m in self.weekend_marks(p).items() if sat < last_judged]
            if marks:
                weekend_shares.append((p, marks))
        # Each weekend needs at least as many doctors as its busiest Saturday or Sunday.
        weekend_need = 0
        for sat in (s for s in saturdays_in(self.problem.period) if s < last_judged):
            days = [d for d in (sat, sat + 1) if d <= self.problem.period.end.toordinal()]
            weekend_need += max(
                (sum(c.minimum for c in demand.get(date_from(d), {}).values()) for d in days),
                default=0,
            )
        self._fair_share("weekends", w.weekends_spread, weekend_need, weekend_shares)

    def _share(self, p: int) -> float:
        """The doctor's part of a full-time share of the judged days: their WTE, less the
        days they cannot work at all (not yet in post, on long leave), so that a doctor
        who joins halfway is asked for half the nights, not all of them at once."""
        doctor = self.problem.doctors[p]
        days = max(self.fair_until, 1)
        away = sum(0 <= self.cells.index_of(u.day) < days for u in doctor.unavailable)
        return doctor.wte * (days - away) / days

    def _fair_share(
        self, name: str, weight: int, total: int, shares: list[tuple[int, list[cp_model.IntVar]]]
    ) -> None:
        """Penalise each doctor's distance from ``total`` split pro rata to WTE among
        ``shares``, in units of 1/``SHARE`` of a full-time doctor's shift."""
        if len(shares) < 2 or not weight or not total:
            return
        share = {p: self._share(p) for p, _ in shares}
        if not sum(share.values()):
            return
        target = round(SHARE * total / sum(share.values()))  # per whole-time equivalent
        for p, marks in shares:
            if not share[p]:
                continue
            scale = round(SHARE / share[p])
            top = scale * len(marks) + target
            off = self.model.new_int_var(0, top, f"{name} off share[{p}]")
            self.model.add_abs_equality(off, scale * sum(marks) - target)
            self.objective.fairness.append(b.Penalty(f"{name} off share {p}", weight, off))


def hours_cap_minutes(limits: Limits, doctor: ProblemDoctor, tcs: bool, weeks: float) -> int | None:
    """The most minutes of work the model allows the doctor over the period: TCS 48 h a
    week (56 opted out), WTR 48 h unless opted out, pro rata to WTE; None for no cap."""
    caps = []
    if tcs:
        key = "avg-weekly-hours-opted-out" if doctor.opted_out else "avg-weekly-hours"
        caps.append(limits[key])
    if not doctor.opted_out:
        caps.append(limits["wtr-avg-48h"])
    if not caps and doctor.wte >= 1:
        return None
    weekly = min(caps) if caps else limits["wtr-avg-48h"]
    return int(weekly * min(doctor.wte, 1.0) * weeks * 60)


def _day_index_of(epoch_seconds: int, first_ordinal: int) -> int:
    """The period's day index of a moment (by UTC day, near enough to pick the days a
    window can touch: the caller looks one day either side)."""
    return (epoch_seconds // DAY) - (local_midnight(first_ordinal) // DAY)


def date_from(ordinal: int) -> date:
    return date.fromordinal(ordinal)
