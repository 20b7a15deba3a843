"""A rota problem with a rota planted in it: full cover is known to exist.

The rota is built first, day by day, one tier at a time (tiers share no cover), by a
greedy pass that keeps each doctor inside rules stricter than the contract: 11 hours
between shifts, 46 hours after nights and 48 after four long shifts, at most four nights
or long shifts and five shifts in a row, at most one weekend in three, hours within 48 a
week pro rata, and two whole free days in every fortnight from the start (the solver's own
weekly-rest policy, ADR 0015), with leave kept free. The rules engine then judges the
rota as the solver's answers are judged (``generate.offer``); any shift in a breach is
taken out until none is left. The cover asked for is what the rota then covers, so every
minimum can be met, and the demand share is what the planted rota really works.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from rotaplan.engine.clock import hours_between, is_bank_holiday, is_weekend, shift_bounds
from rotaplan.engine.rota import Period, RuleSetName
from rotaplan.engine.solver.generate import offer
from rotaplan.engine.solver.outcome import RotaShift, SolveStatus
from rotaplan.engine.solver.problem import (
    CoverDemand,
    CoverMix,
    ProblemDoctor,
    RotaProblem,
    ShiftTypeSpec,
    Unavailable,
)

from .shape import RotaShape, ShiftPattern, Tier

FULL_WEEK_HOURS = 48.0
LTFT_WTES = (0.5, 0.6, 0.8)


@dataclass(frozen=True)
class PlantedProblem:
    shape: RotaShape
    problem: RotaProblem
    planted: tuple[RotaShift, ...]  # a compliant rota meeting every minimum

    @property
    def demand_share(self) -> float:
        """Hours the cover asks for over the hours the doctors can supply (48 a week pro
        rata, less leave)."""
        asked = sum(_hours(self.problem, s) for s in self.planted)
        days = (self.problem.period.end - self.problem.period.start).days + 1
        supply = sum(
            FULL_WEEK_HOURS * d.wte * (days - len(d.unavailable)) / 7 for d in self.problem.doctors
        )
        return asked / supply if supply else 0.0


def _hours(problem: RotaProblem, shift: RotaShift) -> float:
    spec = problem.shift_type(shift.shift)
    return hours_between(*shift_bounds(shift.day, spec.start, spec.end))


@dataclass
class _Line:
    """One doctor's rota as it is being built."""

    doctor: ProblemDoctor
    budget: float  # hours they may work over the period
    blocked: set[date]  # leave and the fortnight's free days
    first: date
    windows: tuple[tuple[int, float], ...]  # (days, most hours in any such run of days)
    hours: float = 0.0
    shifts: dict[date, tuple[str, datetime, datetime, bool, bool]] = field(default_factory=dict)
    weekends: set[date] = field(default_factory=set)  # the Saturdays of weekends worked
    worked_to: list[float] = field(default_factory=list)  # hours up to each day, running

    def load(self) -> float:
        return self.hours / self.budget if self.budget else 1.0

    def within_reference_periods(self, day: date, length: float) -> bool:
        """Every run of days of each reference period that holds ``day`` stays within its
        hours with ``length`` more: the solver holds the averages over every 26 weeks pro
        rata and, for night workers, 48 h a week over every 17 weeks (ADR 0015)."""
        index = (day - self.first).days
        total = self.worked_to
        for days, cap in self.windows:
            low, high = max(0, index - days + 1), min(len(total) - 1, index + days)
            if total[high] - total[low] + length <= cap:
                continue  # every window holding the day lies within these days
            for start in range(low, min(index, len(total) - 1 - days) + 1):
                if total[start + days] - total[start] + length > cap:
                    return False
        return True

    def add(self, day: date, length: float) -> None:
        index = (day - self.first).days
        for k in range(index + 1, len(self.worked_to)):
            self.worked_to[k] += length


def plant(shape: RotaShape) -> PlantedProblem:
    draw = random.Random(shape.seed * 7919 + 1)
    period = Period(shape.start, shape.end)
    days = [shape.start + timedelta(days=n) for n in range((shape.end - shape.start).days + 1)]
    specs: list[ShiftTypeSpec] = []
    doctors: list[ProblemDoctor] = []
    planted: list[RotaShift] = []
    for staff in shape.staff:
        tier_specs = [_spec(staff.tier, p) for p in staff.tier.patterns]
        specs.extend(tier_specs)
        lines = [_line(shape, staff.tier, index, days, draw) for index in range(staff.doctors)]
        doctors.extend(line.doctor for line in lines)
        planted.extend(_fill(shape, staff.tier, lines, days, draw))
    problem = RotaProblem(period=period, doctors=tuple(doctors), shift_types=tuple(specs))
    compliant = _without_breaches(problem, planted)
    return PlantedProblem(shape, _with_cover(problem, shape, compliant, days), tuple(compliant))


def _spec(tier: Tier, pattern: ShiftPattern) -> ShiftTypeSpec:
    return ShiftTypeSpec(
        code=f"{tier.prefix}-{pattern.code}",
        name=f"{pattern.name} ({tier.name.lower()})",
        start=pattern.start,
        end=pattern.end,
        kind=pattern.kind,
        grades=frozenset(tier.grades),
    )


def _line(shape: RotaShape, tier: Tier, index: int, days: list[date], draw: random.Random) -> _Line:
    wte = draw.choice(LTFT_WTES) if draw.random() < shape.ltft_share else 1.0
    leave = _leave_days(shape, days, draw)
    free = _fortnight_free_days(days, draw)
    doctor = ProblemDoctor(
        id=f"{tier.prefix}{index + 1:02d}",
        name=f"Dr {tier.prefix}{index + 1:02d}",
        grade=draw.choice(tier.grades),
        wte=wte,
        rule_set=RuleSetName.WTR if tier.wtr_only else None,
        unavailable=tuple(Unavailable(day) for day in sorted(leave)),
    )
    weeks = len(days) / 7
    windows = tuple(
        (min(limit, len(days)), FULL_WEEK_HOURS * share * min(limit, len(days)) / 7)
        for limit, share in ((17 * 7, 1.0), (26 * 7, wte))
    )
    return _Line(
        doctor,
        FULL_WEEK_HOURS * wte * weeks,
        leave | free,
        days[0],
        windows,
        worked_to=[0.0] * (len(days) + 1),
    )


def _leave_days(shape: RotaShape, days: list[date], draw: random.Random) -> set[date]:
    """Leave in whole weeks and odd days, about ``leave_share`` of the period."""
    wanted = round(len(days) * shape.leave_share)
    leave: set[date] = set()
    while len(leave) < wanted:
        first = draw.randrange(len(days))
        length = min(draw.choice((1, 2, 5, 7)), wanted - len(leave))
        leave.update(days[first : first + length])
    return leave


def _fortnight_free_days(days: list[date], draw: random.Random) -> set[date]:
    """Two days together kept free in each fortnight from the start, so every fortnight
    has two whole calendar days without work (and the night before them is kept off)."""
    free: set[date] = set()
    for fortnight in range(0, len(days), 14):
        span = days[fortnight : fortnight + 14]
        first = draw.randrange(max(1, len(span) - 1))
        free.update(span[first : first + 2])
    return free


def _fill(
    shape: RotaShape, tier: Tier, lines: list[_Line], days: list[date], draw: random.Random
) -> list[RotaShift]:
    scale = _scale(shape, tier, lines, len(days))
    shifts: list[RotaShift] = []
    order = sorted(tier.patterns, key=_hardest_first)
    for day in days:
        weekend = is_weekend(day) or is_bank_holiday(day)
        for pattern in order:
            wanted = round((pattern.weekend if weekend else pattern.weekday) * scale)
            code = f"{tier.prefix}-{pattern.code}"
            for n in range(wanted):
                # The first on a shift that needs a senior is one, where one may take it.
                seniors = tier.seniors if n == 0 and pattern.code in tier.senior_on else ()
                line = _next_doctor(lines, pattern, day, draw, seniors)
                if line is None:
                    break
                _work(line, code, pattern, day)
                shifts.append(RotaShift(line.doctor.id, day, code))
    return shifts


def _hardest_first(pattern: ShiftPattern) -> tuple[int, int]:
    start, end = shift_bounds(date(2026, 1, 5), pattern.start, pattern.end)
    return (0 if end.date() > start.date() else 1, -int((end - start).total_seconds()))


def _scale(shape: RotaShape, tier: Tier, lines: list[_Line], day_count: int) -> float:
    """How many times the tier's pattern of cover the demand share asks for."""
    supply = sum(
        FULL_WEEK_HOURS * line.doctor.wte * (day_count - len(line.doctor.unavailable)) / 7
        for line in lines
    )
    week_hours = 0.0
    for pattern in tier.patterns:
        start, end = shift_bounds(date(2026, 1, 5), pattern.start, pattern.end)
        week_hours += (pattern.weekday * 5 + pattern.weekend * 2) * hours_between(start, end)
    return shape.demand_share * supply / (week_hours * day_count / 7) if week_hours else 0.0


def _next_doctor(
    lines: list[_Line],
    pattern: ShiftPattern,
    day: date,
    draw: random.Random,
    seniors: tuple[str, ...] = (),
) -> _Line | None:
    """Who works it: a doctor already on a block of these shifts carries on, as rotas are
    written; otherwise whoever has worked least of their share. With ``seniors``, one of
    those grades if any may."""
    start, end = shift_bounds(day, pattern.start, pattern.end)
    night = end.date() > start.date()
    open_lines = [line for line in lines if _may_work(line, day, start, end, night)]
    senior = [line for line in open_lines if line.doctor.grade in seniors]
    open_lines = senior or open_lines
    if not open_lines:
        return None
    yesterday = day - timedelta(days=1)
    carrying_on = [
        line
        for line in open_lines
        if night and yesterday in line.shifts and line.shifts[yesterday][3]
    ]
    pool = carrying_on or open_lines
    draw.shuffle(pool)
    return min(pool, key=_Line.load)


def _may_work(line: _Line, day: date, start: datetime, end: datetime, night: bool) -> bool:
    if day in line.blocked or day in line.shifts:
        return False
    if night and day + timedelta(days=1) in line.blocked:
        return False  # a night ending on a free day would spoil it
    length = hours_between(start, end)
    if line.hours + length > line.budget or not line.within_reference_periods(day, length):
        return False
    if (is_weekend(day) or is_bank_holiday(day)) and not _weekend_allowed(line, day):
        return False
    return _rest_allows(line, day, start, end, night, length)


def _weekend_allowed(line: _Line, day: date) -> bool:
    saturday = day - timedelta(days=(day.weekday() - 5) % 7) if is_weekend(day) else day
    if saturday in line.weekends:
        return True
    return all(saturday - timedelta(weeks=w) not in line.weekends for w in (1, 2))


def _rest_allows(
    line: _Line, day: date, start: datetime, end: datetime, night: bool, length: float
) -> bool:
    run, nights, longs = _run_before(line, day)
    if run >= 5:
        return False
    # Days are filled in order, so the doctor's last shift added is the one before.
    previous = next(reversed(line.shifts.values()), None)
    if previous is not None:
        _, _, previous_end, previous_night, previous_long = previous
        carrying_on_nights = night and previous_night and nights > 0 and nights < 4
        if previous_night and not carrying_on_nights:
            rest = 46
        elif previous_long and longs >= 4:
            rest = 48
        else:
            rest = 11
        if hours_between(previous_end, start) < rest:
            return False
    if length > 10 and longs >= 4:
        return False
    week_start = end - timedelta(hours=168)
    week_hours = length + sum(
        hours_between(max(s, week_start), e)
        for _, s, e, _, _ in line.shifts.values()
        if e > week_start and s < end
    )
    return week_hours <= 60


def _run_before(line: _Line, day: date) -> tuple[int, int, int]:
    """Shifts, nights and long shifts worked on the days just before ``day``, in a row."""
    run = nights = longs = 0
    counting_nights = counting_longs = True
    back = day - timedelta(days=1)
    while back in line.shifts:
        _, _, _, night, long = line.shifts[back]
        run += 1
        counting_nights = counting_nights and night
        counting_longs = counting_longs and long
        nights += counting_nights
        longs += counting_longs
        back -= timedelta(days=1)
    return run, nights, longs


def _work(line: _Line, code: str, pattern: ShiftPattern, day: date) -> None:
    start, end = shift_bounds(day, pattern.start, pattern.end)
    length = hours_between(start, end)
    night = end.date() > start.date()
    line.shifts[day] = (code, start, end, night, length > 10)
    line.hours += length
    line.add(day, length)
    if is_weekend(day):
        line.weekends.add(day - timedelta(days=(day.weekday() - 5) % 7))


def _without_breaches(problem: RotaProblem, planted: list[RotaShift]) -> list[RotaShift]:
    """The planted rota less every shift the rules engine finds in a breach: taking work
    away never makes a breach, so this ends with a compliant rota."""
    shifts = list(planted)
    for _ in range(1000):
        answer = offer(
            problem,
            tuple(shifts),
            status=SolveStatus.FEASIBLE,
            objective=0.0,
            bound=0.0,
            seconds=0.0,
            seconds_to_first=None,
        )
        if answer.status != SolveStatus.NO_ROTA:
            return shifts
        spoiled = set()
        for breach in answer.report.breaches:
            inside = [
                s
                for s in shifts
                if s.doctor == breach.doctor and _overlaps(problem, s, breach.start, breach.end)
            ]
            if inside:
                spoiled.add(max(inside, key=lambda s: s.day))
        if not spoiled:
            raise RuntimeError(f"a breach the planted shifts do not explain: {answer.message}")
        shifts = [s for s in shifts if s not in spoiled]
    raise RuntimeError("the planted rota kept breaking the rules")


def _overlaps(problem: RotaProblem, shift: RotaShift, start: datetime, end: datetime) -> bool:
    spec = problem.shift_type(shift.shift)
    shift_start, shift_end = shift_bounds(shift.day, spec.start, spec.end)
    return shift_start <= end and shift_end >= start


def _with_cover(
    problem: RotaProblem, shape: RotaShape, planted: list[RotaShift], days: list[date]
) -> RotaProblem:
    """The cover the planted rota gives, each day and shift, as the minimum asked; where a
    tier's shift needs a senior and the planted rota has one on it, the mix asks for one."""
    counts: dict[tuple[date, str], int] = defaultdict(int)
    seniors_on: dict[tuple[date, str], int] = defaultdict(int)
    grade = {d.id: d.grade for d in problem.doctors}
    mixes: dict[str, tuple[str, ...]] = {
        f"{staff.tier.prefix}-{code}": staff.tier.seniors
        for staff in shape.staff
        for code in staff.tier.senior_on
    }
    for shift in planted:
        counts[(shift.day, shift.shift)] += 1
        if grade[shift.doctor] in mixes.get(shift.shift, ()):
            seniors_on[(shift.day, shift.shift)] += 1
    demand = tuple(
        CoverDemand(
            day,
            spec.code,
            counts[(day, spec.code)],
            counts[(day, spec.code)],
            (CoverMix(1, frozenset(mixes[spec.code])),) if seniors_on[(day, spec.code)] else (),
        )
        for day in days
        for spec in problem.shift_types
    )
    return RotaProblem(
        period=problem.period,
        doctors=problem.doctors,
        shift_types=problem.shift_types,
        demand=demand,
        rule_set=problem.rule_set,
    )
