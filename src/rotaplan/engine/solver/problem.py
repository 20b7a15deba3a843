"""A rota problem as plain data: the doctors, the shift types, the cover each day needs,
the doctors' requests and the rule set, from which the solver builds a rota.

``rotaplan.engine.formats.problem_reader`` reads it from the JSON document
docs/rota-problem.md describes, and ``formats.problem_writer`` writes it back. No Django
here, and no solving.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from rotaplan.engine.rota import DoctorTerms, Period, RuleSetName, ShiftKind
from rotaplan.engine.rules.local import LocalRules

# --- The problem ----------------------------------------------------------------------


class Reason(StrEnum):
    """Why a doctor cannot work a day."""

    LEAVE = "leave"  # annual, study or parental leave
    OTHER = "other"  # sickness, a course, anything else


class RequestKind(StrEnum):
    OFF = "off"  # not to work these dates (a weekend is its Saturday and Sunday)
    ON = "on"  # to work this shift on these dates


class Policy(StrEnum):
    """Where the generator keeps doctors stricter than the contract, by a department's
    choice: each is on unless switched off, because each protects doctors. When one is
    what leaves a shift unfilled, the gap says so."""

    WHOLE_FREE_DAYS = "whole_free_days"
    """Two whole calendar days free in each fortnight from the rota's start, for doctors
    on the 2016 terms: the Working Time Regulations' weekly rest read the strict way.
    Under the hospital derogation their weekly rest is owed as compensatory rest, not a
    breach, so this is a policy; doctors on the Regulations alone always keep it."""
    LTFT_HOURS_PRO_RATA = "ltft_hours_pro_rata"
    """A less-than-full-time doctor's average weekly hours held to their WTE (0.6 of 48 h
    is 28.8 h); the contract's limit is 48 h for everyone."""
    NIGHT_WORK_AVERAGE = "night_work_average"
    """A night worker on the 2016 terms averages at most 8 h of work in 24 over any 17
    weeks (WTR reg. 6). Under the hospital derogation the 2016 terms' limits on nights
    apply instead, so this is a policy; doctors on the Regulations alone always keep it."""

    @property
    def words(self) -> str:
        return POLICY_WORDS[self][0]

    @property
    def explained(self) -> str:
        return POLICY_WORDS[self][1]


POLICY_WORDS = {
    Policy.WHOLE_FREE_DAYS: (
        "two whole days off in every fortnight",
        "Doctors in training get two whole calendar days off in every fortnight of the rota. "
        "The Working Time Regulations ask for 24 hours' rest a week or 48 hours a fortnight; "
        "for doctors in training in a hospital a shortfall is owed back as compensatory "
        "rest, not a breach. Doctors on the Regulations alone always keep it.",
    ),
    Policy.LTFT_HOURS_PRO_RATA: (
        "less-than-full-time doctors' hours held to their WTE",
        "A less-than-full-time doctor works no more than their share of 48 hours a week on "
        "average (at 0.6 WTE, 28.8 hours). The contract's limit is 48 hours for every doctor.",
    ),
    Policy.NIGHT_WORK_AVERAGE: (
        "night workers' average of 8 hours in 24",
        "Doctors in training who work nights average no more than 8 hours of work in 24 "
        "over any 17 weeks, as the Working Time Regulations ask of night workers. For doctors "
        "in training in a hospital the contract's own limits on nights apply instead, which "
        "matters most for a doctor who has opted out of the 48-hour week. Doctors on the "
        "Regulations alone always keep it.",
    ),
}


@dataclass(frozen=True, slots=True)
class Unavailable:
    day: date
    reason: Reason = Reason.LEAVE


@dataclass(frozen=True, slots=True)
class FixedShift:
    """A shift the doctor must work: already agreed, or carried over from the last cycle."""

    day: date
    shift: str


@dataclass(frozen=True, slots=True)
class FixedTime:
    """Time the doctor is already committed to outside this rota's shift types: a shift
    on another published rota, the last shifts of the rota before, a clinic or teaching.
    Aware London datetimes, inside the period or before it. The rules count it as the
    doctor's work (or on-call, by ``kind``): rest, runs of shifts and the 72 hours in 168
    run across it, and within the period it counts towards hours and weekends."""

    start: datetime
    end: datetime
    label: str = ""
    kind: ShiftKind = ShiftKind.WORK


Fixed = FixedShift | FixedTime


@dataclass(frozen=True, slots=True)
class ProblemDoctor:
    id: str
    name: str = ""
    grade: str = ""
    competencies: frozenset[str] = frozenset()
    wte: float = 1.0
    opted_out: bool = False
    rule_set: RuleSetName | None = None  # None: the problem's rule set
    unavailable: tuple[Unavailable, ...] = ()
    fixed: tuple[Fixed, ...] = ()

    @property
    def display_name(self) -> str:
        return self.name or self.id


@dataclass(frozen=True, slots=True)
class ShiftTypeSpec:
    """A kind of shift, in London wall-clock times; an end at or before the start falls on
    the next day (``clock.shift_bounds``). ``grades`` empty means any grade; a doctor needs
    every one of ``competencies``."""

    code: str
    name: str
    start: time
    end: time
    kind: ShiftKind = ShiftKind.WORK
    grades: frozenset[str] = frozenset()
    competencies: frozenset[str] = frozenset()

    @property
    def display_name(self) -> str:
        return f"{self.code} ({self.name})" if self.name and self.name != self.code else self.code


@dataclass(frozen=True, slots=True)
class CoverMix:
    """Part of a shift's cover that must come from some of its doctors, as coordinators
    say it: "at least 1 of FY2, CT" on a junior night, "at least one ALS-trained doctor".
    Empty ``grades`` means any grade; a doctor counts with every one of
    ``competencies``."""

    at_least: int
    grades: frozenset[str] = frozenset()
    competencies: frozenset[str] = frozenset()

    def counts(self, doctor: ProblemDoctor) -> bool:
        return (
            not self.grades or doctor.grade in self.grades
        ) and self.competencies <= doctor.competencies

    @property
    def who(self) -> str:
        """ "FY2 or CT", "ALS", "ST3 with ALS": the doctors who count, in words."""
        grades = any_of(self.grades) if self.grades else ""
        skills = " and ".join(sorted(self.competencies))
        if grades and skills:
            return f"{grades} with {skills}"
        return grades or skills or "any grade"


@dataclass(frozen=True, slots=True)
class CoverDemand:
    """How many doctors a shift needs on a day: at least ``minimum``, ``ideal`` if possible,
    and among them at least each ``mix`` asks of its grades or competencies."""

    day: date
    shift: str
    minimum: int
    ideal: int
    mix: tuple[CoverMix, ...] = ()


@dataclass(frozen=True, slots=True)
class Request:
    """A doctor's wish, honoured as far as the rules and cover allow; a higher ``weight``
    counts for more."""

    doctor: str
    kind: RequestKind
    dates: tuple[date, ...]
    shift: str = ""  # the shift wanted, for an "on" request
    weight: int = 1


@dataclass(frozen=True, slots=True)
class RotaProblem:
    period: Period
    doctors: tuple[ProblemDoctor, ...]
    shift_types: tuple[ShiftTypeSpec, ...]
    demand: tuple[CoverDemand, ...] = ()
    requests: tuple[Request, ...] = ()
    rule_set: RuleSetName = RuleSetName.TCS2016
    policies: frozenset[Policy] = frozenset(Policy)
    """The policies stricter than the contract the generator keeps: all, unless the
    department switched some off."""
    local: LocalRules = field(default_factory=LocalRules)
    """What the department or rota asks beyond the contract (``rules.local``)."""

    def shift_type(self, code: str) -> ShiftTypeSpec:
        return next(s for s in self.shift_types if s.code == code)

    def terms(self, doctor: ProblemDoctor) -> DoctorTerms:
        """The terms the rules engine judges the doctor's rota on."""
        return DoctorTerms(
            id=doctor.id,
            name=doctor.name,
            rule_set=doctor.rule_set or self.rule_set,
            wte=doctor.wte,
            opted_out=doctor.opted_out,
            grade=doctor.grade,
        )


def available_share(problem: RotaProblem, doctor: ProblemDoctor) -> float:
    """The doctor's part of a full-time share of the period: their WTE, less the days
    they cannot work at all (leave, not yet in post), so that a doctor who joins halfway
    is asked for half the nights, not all of them at once. Fairness is reckoned by it."""
    days = problem.period.days
    away = sum(problem.period.start <= u.day <= problem.period.end for u in doctor.unavailable)
    return doctor.wte * (days - away) / days


def qualified(doctor: ProblemDoctor, shift_type: ShiftTypeSpec) -> bool:
    """Whether the doctor may work the shift type: a grade it allows (any, if it lists
    none) and every competency it requires."""
    grade_ok = not shift_type.grades or doctor.grade in shift_type.grades
    return grade_ok and shift_type.competencies <= doctor.competencies


def lacks(doctor: ProblemDoctor, shift_type: ShiftTypeSpec) -> list[str]:
    """What the doctor lacks for the shift type, in words; empty if qualified."""
    missing = []
    if shift_type.grades and doctor.grade not in shift_type.grades:
        missing.append(f"grade {doctor.grade or '(none)'} is not {any_of(shift_type.grades)}")
    missing += [f"no {c}" for c in sorted(shift_type.competencies - doctor.competencies)]
    return missing


def demand_by_day(problem: RotaProblem) -> dict[date, dict[str, CoverDemand]]:
    """Each day of the period, in order, with the cover each shift type needs that day;
    a day or shift with no demand is absent from the inner mapping."""
    days: dict[date, dict[str, CoverDemand]] = {
        problem.period.start + timedelta(days=i): {} for i in range(problem.period.days)
    }
    for cover in problem.demand:
        days.setdefault(cover.day, {})[cover.shift] = cover
    return days


def any_of(names: Iterable[str]) -> str:
    """ "A", "A or B", "A, B or C", for a message."""
    ordered = sorted(names)
    return ordered[0] if len(ordered) == 1 else ", ".join(ordered[:-1]) + " or " + ordered[-1]
