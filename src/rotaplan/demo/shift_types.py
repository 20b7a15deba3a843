"""The shift types every demo department rosters.

Juniors work days, long days and nights, which between them staff the ward around the
clock (a long day 08:00-20:30 and a night 20:00-08:30 overlap by half an hour each end for
handover). Consultants are on call from home: 17:00 to 09:00 on a weekday, and 24 hours
from 09:00 at weekends and on bank holidays.

The 2016 contract allows no shift over 13 hours, in real elapsed time. On the night the
clocks go back a 20:00-08:30 night lasts 13.5 hours, so that one night is rostered as its
own shift type, 20:00 to 08:00: 13 hours, ending as the long day begins. The spring change
only shortens a night, and needs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from functools import cache

from rotaplan.engine.clock import hours_between, shift_bounds
from rotaplan.rotas.models import ShiftKind

MAX_SHIFT_HOURS = 13  # 2016 TCS, for any shift other than on call


@dataclass(frozen=True)
class ShiftSpec:
    code: str
    name: str
    start: time
    end: time
    kind: str = ShiftKind.WORK


DAY = ShiftSpec("D", "Day", time(9, 0), time(17, 0))
LONG_DAY = ShiftSpec("LD", "Long day", time(8, 0), time(20, 30))
NIGHT = ShiftSpec("N", "Night", time(20, 0), time(8, 30))
CLOCKS_BACK_NIGHT = ShiftSpec("NC", "Night, clocks go back", time(20, 0), time(8, 0))
ON_CALL = ShiftSpec("OC", "On call", time(17, 0), time(9, 0), ShiftKind.ON_CALL)
ON_CALL_24 = ShiftSpec("OC24", "24-hour on call", time(9, 0), time(9, 0), ShiftKind.ON_CALL)

DEPARTMENT_SHIFTS: tuple[ShiftSpec, ...] = (
    DAY,
    LONG_DAY,
    NIGHT,
    CLOCKS_BACK_NIGHT,
    ON_CALL,
    ON_CALL_24,
)
BY_CODE = {spec.code: spec for spec in DEPARTMENT_SHIFTS}


@cache
def rostered_shift(code: str, day: date) -> ShiftSpec:
    """The shift type a pattern's ``code`` is rostered as on ``day``: itself, except a
    night that the clocks going back would stretch past 13 hours."""
    spec = BY_CODE[code]
    if hours_between(*shift_bounds(day, spec.start, spec.end)) > MAX_SHIFT_HOURS:
        return CLOCKS_BACK_NIGHT
    return spec
