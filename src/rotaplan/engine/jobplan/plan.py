"""The job plan as the engine sees it: plain dataclasses the jobplans app, the CLI's JSON
reader and the tests build alike. PAs are ``Fraction``s so that three premium-time hours
make exactly one PA; pages and reports round only when they show a figure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import StrEnum
from fractions import Fraction


class JobPlanContract(StrEnum):
    CONSULTANT_2003 = "consultant2003"
    SPECIALTY_DOCTOR_2021 = "specialty2021"
    SPECIALIST_2021 = "specialist2021"


class Category(StrEnum):
    DCC = "dcc"
    SPA = "spa"
    ANR = "anr"
    EXTERNAL = "external"


class WeeksKind(StrEnum):
    EVERY = "every"
    ONE_IN = "one_in"
    PER_YEAR = "per_year"


@dataclass(frozen=True, slots=True)
class Weeks:
    """How often an activity runs: every week; one week in ``value``; or ``value`` weeks
    a year (annualised over the job plan's working weeks)."""

    kind: WeeksKind = WeeksKind.EVERY
    value: int | None = None


@dataclass(frozen=True, slots=True)
class PlannedActivity:
    """One timetabled activity. ``weekday`` 0 is Monday; ``start`` and ``end`` are local
    wall-clock times on that day, the end after the start."""

    id: str
    category: Category
    description: str
    weekday: int
    start: time
    end: time
    weeks: Weeks = Weeks()


class OnCallCategory(StrEnum):
    A = "A"
    B = "B"


@dataclass(frozen=True, slots=True)
class OnCall:
    """On-call: one in ``one_in``, its category, and the emergency work it brings, in
    hours a week on average."""

    one_in: int
    category: OnCallCategory
    predictable_hours: Fraction = Fraction(0)
    unpredictable_hours: Fraction = Fraction(0)


@dataclass(frozen=True, slots=True)
class JobPlanInput:
    contract: JobPlanContract
    activities: tuple[PlannedActivity, ...]
    wte: Fraction = Fraction(1)
    weeks_a_year: int = 42
    on_call: OnCall | None = None
    minimum_spa: Fraction = Fraction(3, 2)  # the trust's policy for a full-timer
