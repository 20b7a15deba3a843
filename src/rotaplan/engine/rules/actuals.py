"""Rules judged on hours actually worked, which a plan does not hold.

Breaches of ``on-call-rest`` are found from recorded actual work, not from the plan, and
``breaks`` are checked on actual hours (docs/contract-rules.md). The WTR break (reg. 12) is
the same kind: a rostered day over 6 h entitles the doctor to a 20 min
break, but whether it was taken is only in a record of the day, and the plan's shift times
include break time. Reporting every shift over 6 h would flag almost every rota while
telling a coordinator nothing, so these rules are registered (their ids are real, and a
report can say they were not checked) and report nothing for planned shifts. When actual
work is recorded (exception reports, timesheets), these are where to judge it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..breaches import Breach
from ..rota import DoctorTerms, Period
from .facts import ShiftFacts
from .limits import Limits


def on_call_rest(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: 8 h rest per 24 h on call, 5 h of it continuous between 22:00 and 07:00.
    Needs recorded calls and work; a plan has none, so nothing is reported."""
    return iter(())


def breaks(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: 30 min break over 5 h, another over 9 h, checked on actual hours, so nothing
    is reported for planned shifts."""
    return iter(())


def wtr_break(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """WTR reg. 12: 20 min break in a working day over 6 h. Whether it was taken is not in
    the plan, so nothing is reported for planned shifts."""
    return iter(())
