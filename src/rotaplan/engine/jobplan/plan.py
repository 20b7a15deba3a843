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


# The times a session stands for when an activity is given as a session rather than its
# own times: the JSON reader and the jobplans app both read them from here.
SESSION_TIMES: dict[str, tuple[time, time]] = {
    "morning": (time(9), time(13)),
    "afternoon": (time(13), time(17)),
    "evening": (time(17), time(21)),
}


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

    def __post_init__(self) -> None:
        if self.kind is not WeeksKind.EVERY and (self.value is None or self.value < 1):
            raise ValueError(
                f"'{self.kind}' needs a number of weeks of at least 1, not {self.value}"
            )


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

    def __post_init__(self) -> None:
        """Refuse a timetable slot that is not one: a day that is not a weekday number,
        or times that end at or before they start (a job plan cannot run past midnight;
        such work is two activities)."""
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), not {self.weekday}")
        if self.end <= self.start:
            start, end = self.start.strftime("%H:%M"), self.end.strftime("%H:%M")
            if self.end == self.start:
                raise ValueError(f"{self.description or self.id}: ends as it starts ({end})")
            raise ValueError(
                f"{self.description or self.id}: ends at {end}, before it starts at {start}"
            )


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

    def __post_init__(self) -> None:
        if self.one_in < 1:
            raise ValueError(f"on call one in {self.one_in}: give 1 or more")
        if self.predictable_hours < 0 or self.unpredictable_hours < 0:
            raise ValueError("on-call hours cannot be negative")


@dataclass(frozen=True, slots=True)
class JobPlanInput:
    contract: JobPlanContract
    activities: tuple[PlannedActivity, ...]
    wte: Fraction = Fraction(1)
    weeks_a_year: int = 42
    on_call: OnCall | None = None
    minimum_spa: Fraction = Fraction(3, 2)  # the trust's policy for a full-timer

    def __post_init__(self) -> None:
        """A year of weeks is 1 to 52, and no activity runs more weeks than the year has:
        its share of weeks would be more than every week."""
        if self.wte <= 0:
            raise ValueError(f"WTE must be more than 0, not {self.wte}")
        if not 1 <= self.weeks_a_year <= 52:
            raise ValueError(f"weeks a year must be 1 to 52, not {self.weeks_a_year}")
        for activity in self.activities:
            weeks = activity.weeks
            if weeks.kind is WeeksKind.PER_YEAR and (weeks.value or 0) > self.weeks_a_year:
                raise ValueError(
                    f"{activity.description or activity.id}: {weeks.value} weeks a year, "
                    f"more than the {self.weeks_a_year} working weeks of the job plan"
                )
