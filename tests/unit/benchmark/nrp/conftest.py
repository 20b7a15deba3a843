"""Hand-written instances for the NRP tests, and where the 24 published ones are."""

from __future__ import annotations

from pathlib import Path

import pytest

from rotaplan.benchmark.nrp.instance import Instance, read_instance

# tests/unit/benchmark/nrp/<this file> → parents[4] is the repository root; the shared data
# sets sit beside it, and the tests that need them are skipped when they are absent.
BENCHMARKS = (
    Path(__file__).resolve().parents[4] / ".." / "shared" / "benchmarks" / "shift-scheduling"
).resolve()

needs_benchmarks = pytest.mark.skipif(
    not BENCHMARKS.is_dir(), reason=f"benchmark instances not found at {BENCHMARKS}"
)


# 3 days (Mon-Wed), 2 employees, 2 shifts. L may not be followed by E.
TINY = """\
# A tiny instance, hand-written for the tests.
SECTION_HORIZON
3

SECTION_SHIFTS
# ShiftID, Length in mins, Shifts which cannot follow this shift
E,480,
L,600,E

SECTION_STAFF
# ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts,
# MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends
A,E=2|L=1,1500,480,2,1,1,1
B,L=3,1700,0,3,1,1,1

SECTION_DAYS_OFF
A,2
B

SECTION_SHIFT_ON_REQUESTS
A,0,E,2
B,2,E,3

SECTION_SHIFT_OFF_REQUESTS
A,1,L,4
B,0,E,1

SECTION_COVER
0,E,1,10,1
0,L,1,10,1
1,E,1,10,1
1,L,1,10,1
2,E,0,10,1
2,L,1,10,1
"""

# 14 days (two weeks from a Monday), one employee, one shift; for runs and weekends.
FORTNIGHT = """\
SECTION_HORIZON
14

SECTION_SHIFTS
D,480,

SECTION_STAFF
A,D=14,99999,0,3,2,2,1

SECTION_DAYS_OFF

SECTION_SHIFT_ON_REQUESTS

SECTION_SHIFT_OFF_REQUESTS

SECTION_COVER
0,D,0,1,1
"""


@pytest.fixture
def tiny() -> Instance:
    return read_instance(TINY, name="tiny")


@pytest.fixture
def fortnight() -> Instance:
    return read_instance(FORTNIGHT, name="fortnight")
