"""One doctor's rota line as it is written by hand, shift by shift, with the question a
coordinator asks before each: may this doctor take this shift as well?

The answer reads the model's rules (``solver.model``) the strict way, so a line written
here is one the model accepts as it is: 11 h between any two shifts, 46 h after any
night unless the next night follows it, 48 h after the most shifts or long shifts in a
row, the most nights, shifts and long shifts in a row, two whole free days in each
fortnight from the start and the hours pro rata over every reference period (where the
department keeps those policies), 72 h in any
168, at most one weekend in two, and on-call spaced as the 2016 terms ask. Where the
model relaxes a rule for a doctor (the Working Time Regulations alone, say), the line
keeps it: being stricter costs a shift the search can add later, never a refused rota.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from rotaplan.engine.rules.facts import DAY, HOUR, ShiftFacts, local_midnight
from rotaplan.engine.solver.cells import Cell, RotaCells
from rotaplan.engine.solver.model.hours import hours_cap_minutes, keeps_night_average
from rotaplan.engine.solver.problem import Policy, ProblemDoctor
from rotaplan.engine.weekends import saturdays_in

WEEK = 7 * DAY
NEAR = 3
"""Days either side within which two shifts can break a rule of rest between them."""


class DoctorLine:
    """The shifts one doctor has so far (their fixed times among them) and the running
    counts the rules read."""

    def __init__(self, cells: RotaCells, doctor: ProblemDoctor) -> None:
        self.doctor = doctor
        self.facts = cells.facts
        limits = cells.limits
        self.days = cells.days
        first = cells.first_day.toordinal()
        self.first = first
        self.rest = round(limits["min-rest-between-shifts"] * HOUR)
        self.rest_after_nights = round(limits["rest-after-nights"] * HOUR)
        self.rest_after_run = round(
            max(limits["rest-after-max-run"], limits["rest-after-nights"]) * HOUR
        )
        self.after_on_call = round(limits["day-after-on-call"] * HOUR)
        self.max_168 = round(limits["max-72h-in-168h"] * HOUR) // 60
        self.on_call_per_7 = int(limits["max-on-call-per-7-days"])
        evening = limits.get("max-consecutive-long-evening-shifts")
        # (which shifts make the run, the most in a row, whether 48 h are owed after the
        # most): the rest after nights is kept after every night (``_rested``).
        runs: list[tuple[Callable[[ShiftFacts], bool], int, bool]] = [
            (lambda f: True, int(limits["max-consecutive-shifts"]), True),
            (lambda f: f.is_long, int(limits["max-consecutive-long-shifts"]), True),
            (
                lambda f: f.is_night,
                self._most_nights(cells, int(limits["max-consecutive-nights"])),
                False,
            ),
        ]
        if evening is not None:
            runs.append((lambda f: f.is_long_evening, int(evening), True))
        self.runs = runs
        self.local = cells.problem.local
        saturdays = saturdays_in(cells.problem.period)
        self.saturdays = set(saturdays)
        self.weekend_limit = int(limits["weekend-frequency"] * len(saturdays) + 1e-9)
        weeks = min(limits["reference-period-weeks"], cells.problem.period.weeks)
        # Every doctor is held to the 2016 terms' caps: stricter for one on the WTR alone.
        self.hours_window = round(weeks * 7)
        policies = cells.problem.policies
        pro_rata = Policy.LTFT_HOURS_PRO_RATA in policies
        self.hours_cap = hours_cap_minutes(limits, doctor, True, weeks, pro_rata=pro_rata)
        self.whole_free_days = Policy.WHOLE_FREE_DAYS in policies or not cells.is_tcs(doctor)
        night_days = round(min(limits["night-reference-period-weeks"] * 7, self.days))
        self.night_window = night_days
        self.night_average = keeps_night_average(policies, cells.is_tcs(doctor))
        self.night_cap = int(limits["wtr-night-average"] * (night_days - night_days / 7) * 60)
        self.whole_day = [
            local_midnight(first + d + 1) - local_midnight(first + d) >= DAY
            for d in range(self.days)
        ]

        self.cells: set[Cell] = set()
        self.by_day: dict[int, list[Cell]] = defaultdict(list)
        self.by_run_day: dict[int, list[Cell]] = defaultdict(list)
        self.minutes = [0] * self.days
        self.total = 0
        self.touched: Counter[int] = Counter()  # day index: work shifts touching it
        self.weekends: Counter[int] = Counter()  # Saturday: shifts touching the weekend
        self.nights = 0
        self.long_shifts = 0
        self.on_calls = 0

    @staticmethod
    def _most_nights(cells: RotaCells, contract: int) -> int:
        local = cells.problem.local.max_nights_in_a_row
        return contract if local is None else min(contract, local)

    # --- what the line holds -------------------------------------------------------------

    def take(self, cell: Cell) -> None:
        f = self.facts[cell].facts
        self.cells.add(cell)
        self.by_day[cell[0]].append(cell)
        self.by_run_day[f.run_day - self.first].append(cell)
        if 0 <= cell[0] < self.days:
            minutes = self.facts[cell].minutes
            self.minutes[cell[0]] += minutes
            self.total += minutes
        if f.is_work:
            self.touched.update(self._touches(f))
        self.weekends.update(s for s in f.weekends if s in self.saturdays)
        self.nights += f.is_night
        self.long_shifts += f.is_long and not f.is_night
        self.on_calls += not f.is_work

    @property
    def weekends_worked(self) -> int:
        return len(self.weekends)

    def _touches(self, f: ShiftFacts) -> Iterable[int]:
        """The period's days (indices) a work shift falls in, wholly or in part."""
        d = f.day - self.first
        return (
            day
            for day in (d, d + 1)
            if f.t0 < local_midnight(self.first + day + 1)
            and f.t1 > local_midnight(self.first + day)
        )

    def near(self, day: int, reach: int = NEAR) -> Iterable[Cell]:
        for d in range(day - reach, day + reach + 1):
            yield from self.by_day.get(d, ())

    # --- may the doctor take one more ----------------------------------------------------

    def may_take(self, cell: Cell) -> bool:
        if cell[0] in self.by_day:
            return False  # one shift a day
        f = self.facts[cell].facts
        return (
            self._rested(cell, f)
            and self._within_runs(f)
            and self._fortnights_keep_two_days(f)
            and self._within_hours(cell, f)
            and self._within_168(f)
            and self._within_weekends(f)
            and self._on_call_spaced(cell, f)
        )

    def _rested(self, cell: Cell, f: ShiftFacts) -> bool:
        for other in self.near(cell[0]):
            g = self.facts[other].facts
            first, then = (g, f) if (g.t0, g.t1) <= (f.t0, f.t1) else (f, g)
            gap = then.t0 - first.t1
            if gap < 0:
                return False
            if first.is_work and then.is_work and gap < self.rest:
                return False
            if (
                not first.is_work
                and then.is_work
                and then.day == first.day + 1
                and then.t1 - then.t0 > self.after_on_call
            ):
                return False
            next_night = then.is_night and then.run_day == first.run_day + 1
            if first.is_night and not next_night and gap < self.rest_after_nights:
                return False
        return True

    def _within_runs(self, f: ShiftFacts) -> bool:
        """No run longer than its limit; a run at its limit followed by its rest, both
        the run the new shift joins and one that ends in the days just before it."""
        day = f.run_day - self.first
        for marked, limit, owes_rest in self.runs:
            if marked(f):
                before = self._run_length(day - 1, -1, marked)
                after = self._run_length(day + 1, 1, marked)
                if before + 1 + after > limit:
                    return False
                if owes_rest and before + 1 + after == limit:
                    last = self._last_of(day + after, marked, f)
                    if not self._rested_after(last):
                        return False
            if not owes_rest:
                continue
            for end in range(day - NEAR, day):
                if (
                    self._run_length(end + 1, 1, marked)
                    or self._run_length(end, -1, marked) < limit
                ):
                    continue
                last = self._last_of(end, marked, None)
                if last is not None and last.t1 <= f.t0 < last.t1 + self.rest_after_run:
                    return False
        return True

    def _run_length(self, run_day: int, step: int, marked: Callable[[ShiftFacts], bool]) -> int:
        length = 0
        while any(marked(self.facts[c].facts) for c in self.by_run_day.get(run_day, ())):
            length += 1
            run_day += step
        return length

    def _last_of(
        self, run_day: int, marked: Callable[[ShiftFacts], bool], new: ShiftFacts | None
    ) -> ShiftFacts:
        """The shift that ends a run on ``run_day``: the latest ending of those marked,
        the new shift among them when it falls that day."""
        found = [self.facts[c].facts for c in self.by_run_day.get(run_day, ())]
        if new is not None and new.run_day - self.first == run_day:
            found.append(new)
        return max((g for g in found if marked(g)), key=lambda g: g.t1)

    def _rested_after(self, last: ShiftFacts) -> bool:
        """No shift of the line starts within the rest owed after ``last``."""
        return not any(
            last.t1 <= self.facts[c].facts.t0 < last.t1 + self.rest_after_run
            for c in self.near(last.day - self.first, NEAR)
        )

    def _fortnights_keep_two_days(self, f: ShiftFacts) -> bool:
        if not f.is_work or not self.whole_free_days:
            return True
        new = set(self._touches(f))
        for start in {d - d % 14 for d in new}:
            if start + 14 > self.days:
                continue  # the model asks it of whole fortnights only
            free = sum(
                1
                for d in range(start, start + 14)
                if self.whole_day[d] and not self.touched[d] and d not in new
            )
            if free < 2:
                return False
        return True

    def _within_hours(self, cell: Cell, f: ShiftFacts) -> bool:
        if not 0 <= cell[0] < self.days:
            return True
        minutes = self.facts[cell].minutes
        if not minutes:
            return True
        if self.hours_cap is not None and not self._window_fits(
            cell[0], minutes, self.hours_window, self.hours_cap
        ):
            return False
        if not self.night_average:
            return True
        if self.nights:
            return self._window_fits(cell[0], minutes, self.night_window, self.night_cap)
        if f.is_night:  # a night worker from now: every window is held to the night cap
            return self._every_window_fits(cell[0], minutes, self.night_window, self.night_cap)
        return True

    def _window_fits(self, day: int, minutes: int, days: int, cap: int) -> bool:
        if self.total + minutes <= cap:
            return True  # every window holds at most the whole line
        if days >= self.days:
            return False
        low = max(0, day - days + 1)
        high = min(day, self.days - days)
        window = sum(self.minutes[low : low + days])
        for start in range(low, high + 1):
            if start > low:
                window += self.minutes[start + days - 1] - self.minutes[start - 1]
            if window + minutes > cap:
                return False
        return True

    def _every_window_fits(self, day: int, minutes: int, days: int, cap: int) -> bool:
        if self.total + minutes <= cap:
            return True
        if days >= self.days:
            return False
        window = sum(self.minutes[:days])
        for start in range(self.days - days + 1):
            if start:
                window += self.minutes[start + days - 1] - self.minutes[start - 1]
            if window + (minutes if start <= day < start + days else 0) > cap:
                return False
        return True

    def _within_168(self, f: ShiftFacts) -> bool:
        if not f.is_work:
            return True
        work = [self.facts[c].facts for c in self.near(f.day - self.first, 8)]
        work = [g for g in work if g.is_work] + [f]
        for a in (g.t0 for g in work if f.t0 - WEEK < g.t0 < f.t1):
            end = a + WEEK
            total = sum(max(0, min(g.t1, end) - max(g.t0, a)) // 60 for g in work)
            if total > self.max_168:
                return False
        return True

    def _within_weekends(self, f: ShiftFacts) -> bool:
        new = {s for s in f.weekends if s in self.saturdays and s not in self.weekends}
        if not new:
            return True
        if len(self.weekends) + len(new) > self.weekend_limit:
            return False
        most = self.local.max_weekends_in_a_row
        if most is None:
            return True
        worked = set(self.weekends) | new
        for saturday in new:
            run = 1
            for step in (-7, 7):
                other = saturday + step
                while other in worked:
                    run += 1
                    other += step
            if run > most:
                return False
        return True

    def _on_call_spaced(self, cell: Cell, f: ShiftFacts) -> bool:
        """Never on call two days running, but Saturday then Sunday; at most the limit
        in any 7 calendar days, every such week the new period falls in."""
        if f.is_work:
            return True
        on_call = {
            c[0]: self.facts[c].facts
            for c in self.near(cell[0], 7)
            if not self.facts[c].facts.is_work
        }
        if cell[0] - 1 in on_call and not self._is_saturday(cell[0] - 1):
            return False
        if cell[0] + 1 in on_call and not self._is_saturday(cell[0]):
            return False
        periods = [*on_call.values(), f]
        for w in range(f.day - 6, f.day + 2):
            opens, closes = local_midnight(w), local_midnight(w + 7)
            if sum(1 for g in periods if g.t0 < closes and g.t1 > opens) > self.on_call_per_7:
                return False
        return True

    def _is_saturday(self, day: int) -> bool:
        return (self.first + day + 6) % 7 == 5
