"""An independent checker for Curtois & Qu rosters: hard constraints and the objective.

Written straight from the benchmark's definitions (README in
``shared/benchmarks/shift-scheduling/`` and the page ``nrp/instances1_24.html`` it cites), and
deliberately shares no code with any solver, so that a solver's bug cannot hide in here too.
It favours plain loops over speed.

Planning-boundary convention
----------------------------
The instances carry no history, so the definitions say what lies outside the horizon:

* **Shift rotation** and **maximum consecutive shifts** assume the day before day 0 and the day
  after the last day are days off. So rotation is only checked between days inside the
  horizon, and a run of shifts is measured as it stands inside the horizon.
* **Minimum consecutive shifts** and **minimum consecutive days off**: the published models
  treat a run touching the boundary as possibly continuing outside it. The Curtois & Qu IP
  only forbids "off, *s* shifts, off" (and "on, *s* days off, on") windows lying wholly
  inside the horizon, and Strandmark's ``PetterS/monolith`` model (the source of most
  best-known upper bounds) adds both constraints with ``OK_at_the_border = true``, which
  treats the imaginary days outside the horizon as satisfying the run. So, by default:

  - a days-off stretch touching day 0 or the last day is **not** checked: it continues
    outside the horizon. (The README's "previous and next periods are days off" gives the
    same answer.)
  - a work stretch touching day 0 or the last day is **not** checked against the minimum
    either. Reading the README's one-line summary ("the previous and next periods are days
    off") literally would check it; that stricter reading is available with
    ``check_boundary_work_stretches=True``. It is not the default because it could reject
    rosters that the published models accept, and then our objective values would not be
    comparable with the published bounds.

Weekends: day 0 is a Monday, so weekend *k* is days ``7k+5`` (Saturday) and ``7k+6``
(Sunday); a weekend is worked if the employee has a shift on either day. A weekend cut by the
end of the horizon counts only the day(s) inside it.

At most one shift per day: a :data:`~rotaplan.benchmark.nrp.solution.Roster` mapping cannot hold
two, so this is structural; :func:`evaluate` also accepts a list of ``(employee, day, shift)``
triples, and then reports a second shift on one day (the first one is kept for everything
else).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .instance import Instance, Staff

ONE_SHIFT_PER_DAY = "one_shift_per_day"
UNKNOWN_ASSIGNMENT = "unknown_assignment"
SHIFT_ROTATION = "shift_rotation"
MAX_SHIFTS = "max_shifts"
MAX_TOTAL_MINUTES = "max_total_minutes"
MIN_TOTAL_MINUTES = "min_total_minutes"
MAX_CONSECUTIVE_SHIFTS = "max_consecutive_shifts"
MIN_CONSECUTIVE_SHIFTS = "min_consecutive_shifts"
MIN_CONSECUTIVE_DAYS_OFF = "min_consecutive_days_off"
MAX_WEEKENDS = "max_weekends"
DAYS_OFF = "days_off"


@dataclass(frozen=True, slots=True)
class Violation:
    """One hard constraint broken by one employee, on the days listed."""

    constraint: str
    employee: str
    days: tuple[int, ...]
    measured: int
    limit: int
    message: str


@dataclass(frozen=True, slots=True)
class Evaluation:
    hard_violations: list[Violation]
    shift_on_penalty: int
    """Sum of the weights of shift-on requests not granted."""
    shift_off_penalty: int
    """Sum of the weights of shift-off requests whose shift was assigned."""
    cover_under_penalty: int
    """Sum over cover rows of weight_under times nurses missing."""
    cover_over_penalty: int
    """Sum over cover rows of weight_over times nurses in excess."""
    objective: int = field(init=False)

    def __post_init__(self) -> None:
        total = (
            self.shift_on_penalty
            + self.shift_off_penalty
            + self.cover_under_penalty
            + self.cover_over_penalty
        )
        object.__setattr__(self, "objective", total)

    @property
    def feasible(self) -> bool:
        return not self.hard_violations

    @property
    def breakdown(self) -> dict[str, int]:
        return {
            "shift_on_requests": self.shift_on_penalty,
            "shift_off_requests": self.shift_off_penalty,
            "cover_under": self.cover_under_penalty,
            "cover_over": self.cover_over_penalty,
        }


def _stretches(working: list[bool]) -> list[tuple[int, int, bool]]:
    """Maximal runs as (first day, length, working?)."""
    runs: list[tuple[int, int, bool]] = []
    start = 0
    for day in range(1, len(working) + 1):
        if day == len(working) or working[day] != working[start]:
            runs.append((start, day - start, working[start]))
            start = day
    return runs


def _check_employee(
    instance: Instance,
    staff: Staff,
    shifts: dict[int, str],
    check_boundary_work_stretches: bool,
) -> list[Violation]:
    out: list[Violation] = []
    emp = staff.id
    horizon = instance.horizon
    minutes = {s.id: s.minutes for s in instance.shifts}
    cannot_follow = {s.id: s.cannot_follow for s in instance.shifts}

    def add(constraint: str, days: Iterable[int], measured: int, limit: int, msg: str) -> None:
        out.append(Violation(constraint, emp, tuple(days), measured, limit, msg))

    # Days off (SECTION_DAYS_OFF).
    for day in sorted(instance.days_off.get(emp, frozenset())):
        if day in shifts:
            add(DAYS_OFF, [day], 1, 0, f"{emp} works {shifts[day]} on day {day}, a day off")

    # Shift rotation, inside the horizon only.
    for day in range(horizon - 1):
        first, second = shifts.get(day), shifts.get(day + 1)
        if first is not None and second is not None and second in cannot_follow[first]:
            add(
                SHIFT_ROTATION,
                [day, day + 1],
                1,
                0,
                f"{emp} works {second} on day {day + 1} after {first} on day {day}",
            )

    # Maximum shifts of each type.
    for shift_id, limit in staff.max_shifts.items():
        of_type = [d for d in sorted(shifts) if shifts[d] == shift_id]
        if len(of_type) > limit:
            add(
                MAX_SHIFTS,
                of_type,
                len(of_type),
                limit,
                f"{emp} works {len(of_type)} {shift_id} shifts; max {limit}",
            )

    # Total minutes.
    total = sum(minutes[s] for s in shifts.values())
    worked = sorted(shifts)
    if total > staff.max_total_minutes:
        add(
            MAX_TOTAL_MINUTES,
            worked,
            total,
            staff.max_total_minutes,
            f"{emp} works {total} minutes; max {staff.max_total_minutes}",
        )
    if total < staff.min_total_minutes:
        add(
            MIN_TOTAL_MINUTES,
            worked,
            total,
            staff.min_total_minutes,
            f"{emp} works {total} minutes; min {staff.min_total_minutes}",
        )

    # Consecutive shifts and days off (see the module docstring for the boundary).
    working = [d in shifts for d in range(horizon)]
    for start, length, is_work in _stretches(working):
        run = list(range(start, start + length))
        at_boundary = start == 0 or start + length == horizon
        if is_work:
            if length > staff.max_consecutive_shifts:
                add(
                    MAX_CONSECUTIVE_SHIFTS,
                    run,
                    length,
                    staff.max_consecutive_shifts,
                    f"{emp} works {length} days in a row from day {start}; "
                    f"max {staff.max_consecutive_shifts}",
                )
            checked = check_boundary_work_stretches or not at_boundary
            if checked and length < staff.min_consecutive_shifts:
                add(
                    MIN_CONSECUTIVE_SHIFTS,
                    run,
                    length,
                    staff.min_consecutive_shifts,
                    f"{emp} works only {length} day(s) in a row from day {start}; "
                    f"min {staff.min_consecutive_shifts}",
                )
        elif not at_boundary and length < staff.min_consecutive_days_off:
            add(
                MIN_CONSECUTIVE_DAYS_OFF,
                run,
                length,
                staff.min_consecutive_days_off,
                f"{emp} has only {length} day(s) off in a row from day {start}; "
                f"min {staff.min_consecutive_days_off}",
            )

    # Weekends: Saturday 7k+5, Sunday 7k+6.
    weekend_days: list[int] = []
    weekends = 0
    for saturday in range(5, horizon, 7):
        on = [d for d in (saturday, saturday + 1) if d < horizon and d in shifts]
        if on:
            weekends += 1
            weekend_days.extend(on)
    if weekends > staff.max_weekends:
        add(
            MAX_WEEKENDS,
            weekend_days,
            weekends,
            staff.max_weekends,
            f"{emp} works {weekends} weekends; max {staff.max_weekends}",
        )
    return out


def evaluate(
    instance: Instance,
    roster: Mapping[tuple[str, int], str] | Iterable[tuple[str, int, str]],
    *,
    check_boundary_work_stretches: bool = False,
) -> Evaluation:
    """Check every hard constraint and compute the objective of ``roster``.

    ``roster`` is a mapping (employee, day) → shift, or ``(employee, day, shift)`` triples.
    """
    triples: list[tuple[str, int, str]]
    if isinstance(roster, Mapping):
        triples = [(emp, day, shift) for (emp, day), shift in roster.items()]
    else:
        triples = list(roster)

    violations: list[Violation] = []
    employees = set(instance.employee_ids)
    shift_ids = set(instance.shift_ids)
    by_employee: dict[str, dict[int, str]] = {emp: {} for emp in instance.employee_ids}
    for emp, day, shift in triples:
        if emp not in employees or shift not in shift_ids or not 0 <= day < instance.horizon:
            violations.append(
                Violation(
                    UNKNOWN_ASSIGNMENT,
                    emp,
                    (day,),
                    1,
                    0,
                    f"assignment ({emp}, day {day}, {shift}) is not in the instance",
                )
            )
            continue
        own = by_employee[emp]
        if day in own:
            violations.append(
                Violation(
                    ONE_SHIFT_PER_DAY,
                    emp,
                    (day,),
                    2,
                    1,
                    f"{emp} has {own[day]} and {shift} on day {day}",
                )
            )
            continue
        own[day] = shift

    for staff in instance.staff:
        violations.extend(
            _check_employee(instance, staff, by_employee[staff.id], check_boundary_work_stretches)
        )

    def assigned(emp: str, day: int) -> str | None:
        return by_employee[emp].get(day)

    shift_on = sum(
        r.weight for r in instance.shift_on_requests if assigned(r.employee, r.day) != r.shift
    )
    shift_off = sum(
        r.weight for r in instance.shift_off_requests if assigned(r.employee, r.day) == r.shift
    )
    count: dict[tuple[int, str], int] = {}
    for own in by_employee.values():
        for day, shift in own.items():
            count[(day, shift)] = count.get((day, shift), 0) + 1
    under = over = 0
    for c in instance.cover:
        n = count.get((c.day, c.shift), 0)
        under += c.weight_under * max(0, c.requirement - n)
        over += c.weight_over * max(0, n - c.requirement)

    return Evaluation(
        hard_violations=violations,
        shift_on_penalty=shift_on,
        shift_off_penalty=shift_off,
        cover_under_penalty=under,
        cover_over_penalty=over,
    )
