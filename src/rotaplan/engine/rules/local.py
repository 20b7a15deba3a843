"""Local rules: what a department or a rota asks beyond the contract, as data.

"At most 3 nights in a row here", "weekends whole or not at all", "an FY1 never alone on
a night", "these two never on together", "this trainee always with their supervisor",
"Dr Khan works days Monday to Wednesday" (a fixed rota line).
The generator keeps them (``solver.model.local``) and the rules engine reports a rota
that does not as local rules, apart from the contract's breaches: breaking one is a
department's business, not a breach of the doctor's terms.

Shifts are told apart by their times: two doctors on a shift of one type on one day
share its start and end. A shift type is named by ``Shift.source`` (its code, as the
generator writes it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..breaches import Breach
from ..clock import format_day, local_datetime
from ..rota import RotaShifts, Shift
from ..weekends import saturdays_in
from .facts import facts_of
from .limits import limits_on

LOCAL = "local-"
"""Every local rule's id starts so, apart from the contract's."""


@dataclass(frozen=True, slots=True)
class NeverAlone:
    """Doctors of ``grades`` never the only doctors on a shift of ``shifts`` (any shift,
    if none): "an FY1 never alone on a night"."""

    grades: frozenset[str]
    shifts: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class FixedDay:
    """A day of a doctor's fixed rota line (``fixed_lines``): they work ``shift`` (a code)."""

    doctor: str
    day: date
    shift: str


@dataclass(frozen=True, slots=True)
class LocalRules:
    max_nights_in_a_row: int | None = None
    max_weekends_in_a_row: int | None = None
    whole_weekends: bool = False
    """A doctor who works a shift starting on a Saturday works one starting on the Sunday
    after, and the other way round."""
    never_alone: tuple[NeverAlone, ...] = ()
    apart: tuple[tuple[str, str], ...] = ()
    """Pairs of doctors (ids) never on the same shift."""
    together: tuple[tuple[str, str], ...] = ()
    """Pairs of doctors (ids) who work the same shifts: a trainee and their supervisor."""
    fixed: tuple[FixedDay, ...] = ()
    """The days of doctors' fixed rota lines that fall in the rota, away days left out."""

    def __bool__(self) -> bool:
        return any(
            (
                self.max_nights_in_a_row,
                self.max_weekends_in_a_row,
                self.whole_weekends,
                self.never_alone,
                self.apart,
                self.together,
                self.fixed,
            )
        )


def local_breaches(rota: RotaShifts, rules: LocalRules) -> tuple[Breach, ...]:
    """Every local rule the rota does not keep, by rule, then doctor, then time."""
    if not rules:
        return ()
    names = {d.id: d.name or d.id for d in rota.doctors}
    grades = {d.id: d.grade for d in rota.doctors}
    mine: dict[str, list[Shift]] = defaultdict(list)
    for shift in rota.shifts:
        if shift.doctor in names:
            mine[shift.doctor].append(shift)
    found: list[Breach] = []
    for doctor, shifts in mine.items():
        found += _nights_in_a_row(rota, rules, names[doctor], doctor, shifts)
        found += _weekends_in_a_row(rota, rules, names[doctor], doctor, shifts)
        found += _whole_weekends(rota, rules, names[doctor], doctor, shifts)
    on_shift = _on_each_shift(rota.shifts, names)
    found += _never_alone(rules, on_shift, names, grades)
    found += _pairs(rules, on_shift, names)
    found += _fixed_lines(rules, mine, names)
    return tuple(sorted(found, key=lambda b: (b.rule, b.doctor, b.start, b.message)))


def _nights_in_a_row(
    rota: RotaShifts, rules: LocalRules, name: str, doctor: str, shifts: Sequence[Shift]
) -> Iterable[Breach]:
    most = rules.max_nights_in_a_row
    if most is None:
        return
    limits = limits_on(rota.period.start)
    nights = {f.run_day: f for f in facts_of(shifts, limits) if f.is_night}
    for first, last in _runs_over(sorted(nights), 1, most):
        yield Breach(
            f"{LOCAL}max-nights-in-a-row",
            doctor,
            nights[first].start,
            nights[last].end,
            most + 1,
            most,
            f"{name} works {most + 1} nights in a row from "
            f"{format_day(date.fromordinal(first))}; this rota's local rule is at most {most}",
        )


def _weekends_in_a_row(
    rota: RotaShifts, rules: LocalRules, name: str, doctor: str, shifts: Sequence[Shift]
) -> Iterable[Breach]:
    most = rules.max_weekends_in_a_row
    if most is None:
        return
    limits = limits_on(rota.period.start)
    worked = sorted({s for f in facts_of(shifts, limits) for s in f.weekends})
    for first, last in _runs_over(worked, 7, most):
        yield Breach(
            f"{LOCAL}max-weekends-in-a-row",
            doctor,
            _midnight(date.fromordinal(first)),
            _midnight(date.fromordinal(last) + timedelta(days=2)),
            most + 1,
            most,
            f"{name} works {most + 1} weekends in a row from "
            f"{format_day(date.fromordinal(first))}; this rota's local rule is at most {most}",
        )


def _runs_over(ordinals: Sequence[int], step: int, most: int) -> Iterable[tuple[int, int]]:
    """The first and last of each ``most + 1`` ordinals in a row (``step`` apart), once per
    run: the point where a run goes over the limit."""
    run: list[int] = []
    for ordinal in ordinals:
        run = [*run, ordinal] if run and ordinal == run[-1] + step else [ordinal]
        if len(run) == most + 1:
            yield run[0], ordinal


def _whole_weekends(
    rota: RotaShifts, rules: LocalRules, name: str, doctor: str, shifts: Sequence[Shift]
) -> Iterable[Breach]:
    if not rules.whole_weekends:
        return
    days = {s.day for s in shifts}
    for ordinal in saturdays_in(rota.period):
        saturday = date.fromordinal(ordinal)
        sunday = saturday + timedelta(days=1)
        if sunday > rota.period.end or (saturday in days) == (sunday in days):
            continue
        worked, missed = (saturday, sunday) if saturday in days else (sunday, saturday)
        yield Breach(
            f"{LOCAL}whole-weekends",
            doctor,
            _midnight(saturday),
            _midnight(sunday + timedelta(days=1)),
            1,
            2,
            f"{name} works {format_day(worked)} but not {format_day(missed)}; this rota's "
            "local rule is whole weekends",
        )


Slot = tuple[str, datetime, datetime]
"""A shift of one type on one day, as every doctor on it shares it: code, start, end."""


def _on_each_shift(shifts: Iterable[Shift], names: dict[str, str]) -> dict[Slot, list[str]]:
    found: dict[Slot, list[str]] = defaultdict(list)
    for s in shifts:
        if s.doctor in names:
            found[(s.source, s.start, s.end)].append(s.doctor)
    return found


def _never_alone(
    rules: LocalRules,
    on_shift: dict[Slot, list[str]],
    names: dict[str, str],
    grades: dict[str, str],
) -> Iterable[Breach]:
    for rule in rules.never_alone:
        for (code, start, end), doctors in on_shift.items():
            if rule.shifts and code not in rule.shifts:
                continue
            if doctors and all(grades[d] in rule.grades for d in doctors):
                for doctor in doctors:
                    yield Breach(
                        f"{LOCAL}never-alone",
                        doctor,
                        start,
                        end,
                        len(doctors),
                        1,
                        f"{names[doctor]} ({grades[doctor]}) is on {code or 'a shift'} from "
                        f"{format_day(start.date())} with no doctor of another grade; this "
                        f"rota's local rule is that {_grades(rule.grades)} never work alone",
                    )


def _pairs(
    rules: LocalRules, on_shift: dict[Slot, list[str]], names: dict[str, str]
) -> Iterable[Breach]:
    for a, b in rules.apart:
        for (code, start, end), doctors in on_shift.items():
            if a in doctors and b in doctors:
                yield Breach(
                    f"{LOCAL}apart",
                    a,
                    start,
                    end,
                    2,
                    1,
                    f"{names.get(a, a)} and {names.get(b, b)} are both on {code or 'a shift'} "
                    f"from {format_day(start.date())}; this rota's local rule keeps them apart",
                )
    for a, b in rules.together:
        for (code, start, end), doctors in on_shift.items():
            if (a in doctors) != (b in doctors):
                on, off = (a, b) if a in doctors else (b, a)
                yield Breach(
                    f"{LOCAL}together",
                    on,
                    start,
                    end,
                    1,
                    2,
                    f"{names.get(on, on)} is on {code or 'a shift'} from "
                    f"{format_day(start.date())} without {names.get(off, off)}; this rota's "
                    "local rule has them work together",
                )


def _fixed_lines(
    rules: LocalRules, mine: dict[str, list[Shift]], names: dict[str, str]
) -> Iterable[Breach]:
    for fixed in rules.fixed:
        if fixed.doctor not in names:
            continue
        worked = {s.source for s in mine.get(fixed.doctor, []) if s.day == fixed.day}
        if fixed.shift in worked:
            continue
        instead = f"has {', '.join(sorted(worked))}" if worked else "has them off"
        yield Breach(
            f"{LOCAL}fixed-line",
            fixed.doctor,
            _midnight(fixed.day),
            _midnight(fixed.day + timedelta(days=1)),
            0,
            1,
            f"{names[fixed.doctor]}'s fixed rota line has {fixed.shift} on "
            f"{format_day(fixed.day)}; the rota {instead}",
        )


def _grades(grades: frozenset[str]) -> str:
    ordered = sorted(grades)
    return ordered[0] if len(ordered) == 1 else ", ".join(ordered[:-1]) + " and " + ordered[-1]


def _midnight(day: date) -> datetime:
    return local_datetime(day, time(0, 0))
