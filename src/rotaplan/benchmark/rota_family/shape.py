"""The shapes of rota a trust runs, drawn by seed within the ranges issue 17 names: 1 to 4
tiers, 3 to 15 shift types (on-call among them), 10 to 80 doctors, up to 40 % less than
full time, 3 to 10 % leave, 8 to 52 weeks, both clock changes and bank holidays, demand
80 to 97 % of what the doctors can supply.

A shape says only what a coordinator would: who is in each tier, which shifts it covers
and how many doctors each wants on a weekday and at the weekend. ``planting`` turns it
into a problem with a rota known to cover it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from rotaplan.engine.rota import ShiftKind


@dataclass(frozen=True)
class ShiftPattern:
    """One shift a tier covers: ``weekday`` doctors Monday to Friday, ``weekend`` on
    Saturdays, Sundays and bank holidays (before scaling to the demand wanted)."""

    code: str
    name: str
    start: time
    end: time
    weekday: int
    weekend: int
    kind: ShiftKind = ShiftKind.WORK


@dataclass(frozen=True)
class Tier:
    name: str
    prefix: str  # shift codes are the prefix and the pattern's code: "J-N"
    grades: tuple[str, ...]
    patterns: tuple[ShiftPattern, ...]
    wtr_only: bool = False  # consultants and SAS doctors: the WTR, not the 2016 TCS
    seniors: tuple[str, ...] = ()
    """Grades of which each shift in ``senior_on`` needs at least one: "3 juniors on
    nights, at least 1 of FY2, CT1, CT2"."""
    senior_on: tuple[str, ...] = ()


def _at(hour: int, minute: int = 0) -> time:
    return time(hour, minute)


JUNIORS = Tier(
    "Junior doctors",
    "J",
    ("FY1", "FY2", "CT1", "CT2"),
    (
        ShiftPattern("N", "Night", _at(20), _at(8, 30), 3, 3),
        ShiftPattern("LD", "Long day", _at(8), _at(20, 30), 3, 3),
        ShiftPattern("T", "Twilight", _at(14), _at(23), 2, 1),
        ShiftPattern("D", "Day", _at(8), _at(17), 5, 0),
    ),
    seniors=("FY2", "CT1", "CT2"),
    senior_on=("N", "LD"),
)
REGISTRARS = Tier(
    "Registrars",
    "R",
    ("ST3", "ST4", "ST5", "ST6", "ST7"),
    (
        ShiftPattern("N", "Night", _at(20), _at(8, 30), 1, 1),
        ShiftPattern("LD", "Long day", _at(8), _at(20, 30), 1, 1),
        ShiftPattern("D", "Day", _at(8), _at(17), 2, 0),
    ),
)
FOUNDATION = Tier(
    "Foundation doctors on the wards",
    "F",
    ("FY1",),
    (
        ShiftPattern("LD", "Long day", _at(8), _at(20, 30), 2, 2),
        ShiftPattern("T", "Twilight", _at(15), _at(23), 1, 1),
        ShiftPattern("D", "Day", _at(9), _at(17), 4, 0),
    ),
)
CONSULTANTS = Tier(
    "Consultants",
    "C",
    ("Consultant",),
    (
        ShiftPattern("OC", "Non-resident on call", _at(17), _at(9), 1, 1, ShiftKind.ON_CALL),
        ShiftPattern("WR", "Weekend ward round", _at(9), _at(13), 0, 1),
        ShiftPattern("D", "Day", _at(9), _at(17), 3, 0),
    ),
)
REGISTRARS_ON_CALL = Tier(
    "Registrars on call from home",
    "S",
    ("ST3", "ST4", "ST5", "ST6", "ST7"),
    (
        ShiftPattern("OC", "Non-resident on call", _at(17), _at(8), 1, 0, ShiftKind.ON_CALL),
        ShiftPattern("W", "Weekend on call", _at(8), _at(8), 0, 1, ShiftKind.ON_CALL),
        ShiftPattern("D", "Day", _at(8), _at(17), 2, 0),
    ),
)
TIERS = (JUNIORS, REGISTRARS, FOUNDATION, CONSULTANTS, REGISTRARS_ON_CALL)


@dataclass(frozen=True)
class TierStaff:
    tier: Tier
    doctors: int


@dataclass(frozen=True)
class RotaShape:
    """Everything a problem of the family is made from; the seed makes the rest."""

    seed: int
    start: date  # a Monday
    weeks: int
    staff: tuple[TierStaff, ...]
    ltft_share: float  # of the doctors, less than full time
    leave_share: float  # of doctor-days, on leave
    demand_share: float  # of the hours the doctors can supply at 48 h a week pro rata

    @property
    def end(self) -> date:
        return self.start + timedelta(weeks=self.weeks, days=-1)

    @property
    def doctors(self) -> int:
        return sum(s.doctors for s in self.staff)

    def describe(self) -> str:
        tiers = ", ".join(f"{s.doctors} {s.tier.name.lower()}" for s in self.staff)
        return (
            f"seed {self.seed}: {self.weeks} weeks from {self.start:%a %-d %b %Y}; {tiers}; "
            f"{self.ltft_share:.0%} less than full time, {self.leave_share:.0%} leave, "
            f"demand {self.demand_share:.0%} of supply"
        )


def _monday_near(day: date) -> date:
    return day - timedelta(days=day.weekday())


def standard_shape(seed: int) -> RotaShape:
    """The commonest shape, issue 17's yardstick: about 30 doctors in two tiers (juniors
    and registrars), 26 weeks from August across the October clock change, a few less than
    full time, demand a little over 90 % of supply."""
    draw = random.Random(seed)
    juniors = draw.randint(18, 22)
    return RotaShape(
        seed=seed,
        start=_monday_near(date(2026, 8, 3) + timedelta(weeks=draw.randint(0, 4))),
        weeks=26,
        staff=(TierStaff(JUNIORS, juniors), TierStaff(REGISTRARS, 30 - juniors)),
        ltft_share=draw.choice((0.1, 0.15, 0.2)),
        leave_share=draw.choice((0.04, 0.05, 0.06)),
        demand_share=draw.choice((0.9, 0.92, 0.94)),
    )


def drawn_shape(seed: int) -> RotaShape:
    """Any shape within the family's ranges."""
    draw = random.Random(seed)
    tiers = draw.sample(TIERS, draw.randint(1, 4))
    total = draw.randint(max(10, 6 * len(tiers)), 80)
    # Each tier needs enough doctors to staff its own shifts within the rules: six at
    # least, the rest shared out at random.
    sizes = [6] * len(tiers)
    for _ in range(total - 6 * len(tiers)):
        sizes[draw.randrange(len(tiers))] += 1
    start_month = draw.choice((2, 3, 8, 9, 10, 12))
    return RotaShape(
        seed=seed,
        start=_monday_near(date(2026 + draw.randint(0, 1), start_month, draw.randint(1, 28))),
        weeks=draw.randint(8, 52),
        staff=tuple(TierStaff(t, n) for t, n in zip(tiers, sizes, strict=True)),
        ltft_share=round(draw.uniform(0.0, 0.4), 2),
        leave_share=round(draw.uniform(0.03, 0.10), 2),
        demand_share=round(draw.uniform(0.80, 0.97), 2),
    )


# The fixed suite every solver change is reported on: ten of the standard shape, twenty
# drawn across the family's ranges.
STANDARD_SEEDS = tuple(range(1, 11))
DRAWN_SEEDS = tuple(range(11, 31))


def suite_shape(seed: int) -> RotaShape:
    return standard_shape(seed) if seed in STANDARD_SEEDS else drawn_shape(seed)
