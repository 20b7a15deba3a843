"""A first roster for the Curtois & Qu model, one staff member at a time.

Every hard rule of the benchmark concerns one staff member's line; staff are coupled only
through the soft cover terms. So lines that are each feasible always make a feasible roster,
and the best line for one person, given everyone else's, is a small problem. Planning staff in
turn against the cover the others leave makes a good first roster quickly, even on the large
instances where a full solve finds nothing within a minute.

Each line is solved with the very model of :mod:`.model`, built for a one-person instance
whose cover rows price exactly that person's effect on the real objective. On the largest
instances (a year, 50-150 staff) solving every line takes longer than the time limit allows;
then lines are built without a solver (:func:`_greedy_line`): working days from a dynamic
programme over the stretch, days-off and weekend rules, all of one shift length so that the
minutes window becomes a count of days, then shift types picked greedily against the cover
left. Such a line is kept only when it meets every hard rule of the person
(:func:`line_ok`); :func:`greedy_lines` builds a whole roster so in seconds.

Time is read from the engine's :class:`~rotaplan.engine.solver.search_clock.SearchClock`:
deadlines are its readings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from ortools.sat.python import cp_model

from rotaplan.engine.solver.search_clock import SearchClock

from .instance import Cover, Instance, Shift, Staff

Line = dict[int, str]
"""day → shift id for one staff member."""

ModelFor = Callable[[Instance], tuple[cp_model.CpModel, Callable[[cp_model.CpSolver], Line]]]
"""Builds the model of a (one-person) instance and a reader of its line from a solution."""


def _marginal_cover(instance: Instance, others: Counter[tuple[int, str]]) -> tuple[Cover, ...]:
    """Cover rows for one more person: requirement 1 where the others leave a gap, else 0.

    One person changes a row's count by at most one, so these rows cost exactly what that
    person adds to or saves from the real cover penalty, up to a constant."""
    return tuple(
        replace(c, requirement=1 if others[c.day, c.shift] < c.requirement else 0)
        for c in instance.cover
    )


def _one_person(instance: Instance, staff: Staff, cover: tuple[Cover, ...]) -> Instance:
    return replace(
        instance,
        staff=(staff,),
        days_off={staff.id: instance.days_off.get(staff.id, frozenset())},
        shift_on_requests=tuple(r for r in instance.shift_on_requests if r.employee == staff.id),
        shift_off_requests=tuple(r for r in instance.shift_off_requests if r.employee == staff.id),
        cover=cover,
    )


def _runs(worked: list[bool]) -> list[tuple[bool, int, int]]:
    """(working, start, length) of each maximal stretch of equal days."""
    out: list[tuple[bool, int, int]] = []
    start = 0
    for d in range(1, len(worked) + 1):
        if d == len(worked) or worked[d] != worked[start]:
            out.append((worked[start], start, d - start))
            start = d
    return out


def line_ok(instance: Instance, staff: Staff, line: Line) -> bool:
    """Whether ``line`` meets every hard rule of the benchmark for ``staff``, with the model's
    boundary convention: stretches touching the horizon's edge have no minimum length."""
    h = instance.horizon
    shifts = {s.id: s for s in instance.shifts}
    off = instance.days_off.get(staff.id, frozenset())
    if any(d in off or not 0 <= d < h for d in line):
        return False
    used = Counter(line.values())
    if any(n > staff.max_shifts.get(sid, h) for sid, n in used.items()):
        return False
    minutes = sum(shifts[sid].minutes for sid in line.values())
    if not staff.min_total_minutes <= minutes <= staff.max_total_minutes:
        return False
    for d, sid in line.items():
        after = line.get(d + 1)
        if after is not None and after in shifts[sid].cannot_follow:
            return False
    for working, start, length in _runs([d in line for d in range(h)]):
        inside = start > 0 and start + length < h
        if working and length > staff.max_consecutive_shifts:
            return False
        least = staff.min_consecutive_shifts if working else staff.min_consecutive_days_off
        if inside and length < least:
            return False
    weekends = sum(1 for sat in range(5, h, 7) if sat in line or sat + 1 in line)
    return weekends <= staff.max_weekends


def _cell_costs(
    instance: Instance, staff: Staff, others: Counter[tuple[int, str]]
) -> dict[tuple[int, str], int]:
    """What working each (day, shift) adds to the objective, given the others' lines."""
    cost: Counter[tuple[int, str]] = Counter()
    for c in instance.cover:
        short = others[c.day, c.shift] < c.requirement
        cost[c.day, c.shift] += -c.weight_under if short else c.weight_over
    for r in instance.shift_on_requests:
        if r.employee == staff.id:
            cost[r.day, r.shift] -= r.weight
    for r in instance.shift_off_requests:
        if r.employee == staff.id:
            cost[r.day, r.shift] += r.weight
    return cost


State = tuple[bool, int, bool]
"""(working, length of the current stretch, capped; whether it began on day 0)."""


def _step(staff: Staff, state: State, work: bool) -> State | None:
    """The state after one more day, or None when that day would break a stretch rule."""
    working, length, first = state
    if work and working:
        return None if length >= staff.max_consecutive_shifts else (True, length + 1, first)
    if work:
        return (True, 1, False) if first or length >= staff.min_consecutive_days_off else None
    if working:
        return (False, 1, False) if first or length >= staff.min_consecutive_shifts else None
    return (False, min(length + 1, staff.min_consecutive_days_off), first)


def _weekend_starts(d: int, before_worked: bool) -> bool:
    """Whether working day ``d`` makes its weekend worked (it was not yet)."""
    return d % 7 == 5 or (d % 7 == 6 and not before_worked)


def _pattern(
    instance: Instance, staff: Staff, low: int, high: int, want: list[bool]
) -> set[int] | None:
    """Working days that meet the stretch, days-off and weekend rules with between ``low``
    and ``high`` of them, preferring days where ``want``; None when there are none.

    Dynamic programming over days: for each stretch state, the reachable (weekends worked,
    days worked) pairs as the bits of one integer, bit ``weekends * (horizon + 1) + days``."""
    h = instance.horizon
    off = instance.days_off.get(staff.id, frozenset())
    width = h + 1
    layers: list[dict[State, int]] = []
    current: dict[State, int] = {}
    for d in range(h):
        nxt: dict[State, int] = {}
        sources: list[tuple[State | None, int]] = list(current.items()) if d else [(None, 1)]
        for state, bits in sources:
            for work in (False, True):
                if work and d in off:
                    continue
                after = (work, 1, True) if state is None else _step(staff, state, work)
                if after is None:
                    continue
                shift = 0
                if work:
                    shift = 1 + (width if _weekend_starts(d, bool(state and state[0])) else 0)
                nxt[after] = nxt.get(after, 0) | (bits << shift)
        layers.append(nxt)
        current = nxt
    mask = 0
    for weekends in range(min(staff.max_weekends, h // 7 + 1) + 1):
        for days in range(max(low, 0), min(high, h) + 1):
            mask |= 1 << (weekends * width + days)
    ends = [(state, bits & mask) for state, bits in current.items() if bits & mask]
    if not ends:
        return None
    state, bits = ends[0]
    target = bits.bit_length() - 1
    worked: set[int] = set()
    for d in range(h - 1, 0, -1):
        work = state[0]
        options: list[tuple[State, int]] = []
        for prev, prev_bits in layers[d - 1].items():
            if _step(staff, prev, work) != state:
                continue
            shift = 1 + (width if _weekend_starts(d, prev[0]) else 0) if work else 0
            if target >= shift and (prev_bits >> (target - shift)) & 1:
                options.append((prev, target - shift))
        if work:
            worked.add(d)
        # Prefer working the day before when it is wanted, resting it otherwise.
        options.sort(key=lambda o: o[0][0] != want[d - 1])
        state, target = options[0]
    if state[0]:
        worked.add(0)
    return worked


def _greedy_line(
    instance: Instance,
    staff: Staff,
    others: Counter[tuple[int, str]],
    clock: SearchClock,
    deadline: float,
) -> Line | None:
    """A line built without a solver: working days from :func:`_pattern`, all of one shift
    length so the minutes rule becomes a count of days, then shift types picked greedily
    against the cover the others leave; None when no line of that form meets every hard rule
    (:func:`line_ok`)."""
    cost = _cell_costs(instance, staff, others)
    allowed = [s for s in instance.shifts if staff.max_shifts.get(s.id, 1) > 0]
    by_length: dict[int, list[Shift]] = {}
    for s in allowed:
        by_length.setdefault(s.minutes, []).append(s)
    want = [
        min((cost.get((d, s.id), 0) for s in allowed), default=0) < 0
        for d in range(instance.horizon)
    ]
    for minutes, shifts in sorted(by_length.items(), key=lambda kv: -len(kv[1])):
        if clock.now() > deadline:
            return None
        low = -(-staff.min_total_minutes // minutes)
        high = staff.max_total_minutes // minutes
        if low > high:
            continue
        # Cover-led first; then plainer forms, which dead-end less often.
        for wanted, priced in ((want, cost), (want, {}), ([True] * len(want), {})):
            worked = _pattern(instance, staff, low, high, wanted)
            if worked is None:
                break
            line = _retype(instance, staff, shifts, worked, priced)
            if line is not None and line_ok(instance, staff, line):
                return line
    return None


def _retype(
    instance: Instance,
    staff: Staff,
    shifts: list[Shift],
    worked: set[int],
    cost: dict[tuple[int, str], int],
) -> Line | None:
    """Shift types from ``shifts`` for the ``worked`` days, greedily cheapest first day to
    last, keeping to the person's type limits and the shift rotation; None at a dead end."""
    left = {s.id: staff.max_shifts.get(s.id, instance.horizon) for s in shifts}
    ids = {s.id for s in shifts}
    # After a type that no type of the set may follow, the next day must be off.
    open_after = {s.id for s in shifts if ids - s.cannot_follow}
    line: Line = {}
    before: Shift | None = None
    for d in range(instance.horizon):
        if d not in worked:
            before = None
            continue
        options = [
            s
            for s in shifts
            if left[s.id] > 0
            and (before is None or s.id not in before.cannot_follow)
            and (d + 1 not in worked or s.id in open_after)
        ]
        if not options:
            return None
        before = min(options, key=lambda s: (cost.get((d, s.id), 0), -left[s.id]))
        left[before.id] -= 1
        line[d] = before.id
    return line


class _Pace:
    """How long a solved line takes to its first solution (building included), to tell
    whether solving every line left still fits in the time left."""

    def __init__(self) -> None:
        self.solved = 0
        self.seconds = 0.0

    def add(self, seconds: float) -> None:
        self.solved += 1
        self.seconds += seconds

    def behind(self, lines_left: int, time_left: float) -> bool:
        return self.solved > 0 and self.seconds / self.solved * lines_left > 0.8 * time_left


class _First(cp_model.CpSolverSolutionCallback):
    """When, by the clock, a solve found its first solution."""

    def __init__(self, clock: SearchClock) -> None:
        super().__init__()
        self.clock = clock
        self.first: float | None = None

    def on_solution_callback(self) -> None:
        if self.first is None:
            self.first = self.clock.during(self)


def plan_lines(
    instance: Instance,
    model_for: ModelFor,
    clock: SearchClock,
    deadline: float,
    workers: int = 2,
    seed: int = 0,
) -> dict[str, Line] | None:
    """Each staff member's best line against the cover the others leave, in turn; None when
    some line has no solution before ``deadline`` (by ``clock``).

    Each line gets an equal share of the time left, capped by its length: a line's bound is
    weak, so its solve runs to the limit, and the full search improves the roster better. A
    line not found in its share (long
    horizons with a tight minutes window are hard to satisfy at all, and other jobs on the
    machine shrink a share) gets a second try with four shares or a second, whichever is
    more, before giving up. When solving every line left would not fit in the time left
    (judged from how long earlier lines took to a first solution), a line is built without
    a solver (:func:`_greedy_line`) and solved only if that fails; a line whose solve fails
    is built so too before giving up."""
    lines: dict[str, Line] = {}
    counts: Counter[tuple[int, str]] = Counter()
    pace = _Pace()
    for i, staff in enumerate(instance.staff):
        lines_left = len(instance.staff) - i
        line: Line | None = None
        if pace.behind(lines_left, deadline - clock.now()):
            line = _greedy_line(instance, staff, counts, clock, deadline)
        if line is None:
            # The first line may take a quarter of the time: no pace is known yet.
            floor = 1.0 if lines else (deadline - clock.now()) / 4
            line = _solve_line(
                instance,
                staff,
                model_for,
                counts,
                (clock, deadline),
                (workers, seed + i, floor),
                pace,
            )
        if line is None and lines:
            line = _greedy_line(instance, staff, counts, clock, deadline)
        if line is None:
            return None
        lines[staff.id] = line
        counts.update((d, s) for d, s in line.items())
    return lines


def _solve_line(
    instance: Instance,
    staff: Staff,
    model_for: ModelFor,
    counts: Counter[tuple[int, str]],
    until: tuple[SearchClock, float],
    how: tuple[int, int, float],
    pace: _Pace,
) -> Line | None:
    """One line solved with CP-SAT by the deadline (workers, seed, least time of the second
    try)."""
    clock, deadline = until
    workers, seed, retry_floor = how
    begun = clock.now()
    lines_left = len(instance.staff) - list(instance.staff).index(staff)
    single = _one_person(instance, staff, _marginal_cover(instance, counts))
    model, read = model_for(single)
    for shares, floor in ((1, 0.0), (4, max(1.0, retry_floor))):
        left = deadline - clock.now()
        if left <= 0:
            return None
        share = min(left / lines_left, 0.1 + instance.horizon / 1000)
        solver = clock.solver(min(left, max(floor, shares * share)), workers, seed)
        first = _First(clock)
        status = solver.solve(model, first)
        clock.charge(solver)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = first.first if first.first is not None else clock.now()
            pace.add(found - begun)
            return read(solver)
    return None


def greedy_lines(instance: Instance, clock: SearchClock, deadline: float) -> dict[str, Line] | None:
    """Every line from :func:`_greedy_line` against the cover the earlier ones leave: a
    feasible roster within seconds even on the largest instances, when solving lines did not
    finish in time; None when some line has no such form or ``deadline`` passes."""
    lines: dict[str, Line] = {}
    counts: Counter[tuple[int, str]] = Counter()
    for staff in instance.staff:
        line = _greedy_line(instance, staff, counts, clock, deadline)
        if line is None or clock.now() > deadline:
            return None
        lines[staff.id] = line
        counts.update(line.items())
    return lines
