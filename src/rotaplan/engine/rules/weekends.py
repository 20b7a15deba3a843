"""How often a doctor works weekends."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..breaches import Breach
from ..rota import DoctorTerms, Period
from ..weekends import saturdays_in, weekends_worked
from .facts import ShiftFacts, at, day_text, number_text
from .limits import Limits


def doctor_weekends_worked(shifts: Sequence[ShiftFacts], period: Period) -> int:
    """Weekends of the period the doctor works (``engine.weekends``: any work or on-call
    from 00:01 Saturday to 23:59 Sunday; a Friday night ending Saturday 08:00 works it)."""
    return weekends_worked((s.weekends for s in shifts), period)


def weekend_frequency(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: at most 1 weekend in 2 worked, averaged over the rota cycle. One breach for
    the period; the value is the fraction of weekends worked."""
    total = len(saturdays_in(period))
    if not total:
        return
    worked = doctor_weekends_worked(shifts, period)
    limit = limits["weekend-frequency"]
    if worked > limit * total + 1e-9:
        counted = set(saturdays_in(period))
        at_weekends = [s for s in shifts if counted.intersection(s.weekends)]
        yield Breach(
            "weekend-frequency",
            doctor.id,
            at(min(s.t0 for s in at_weekends)),
            at(max(s.t1 for s in at_weekends)),
            round(worked / total, 3),
            limit,
            f"{doctor.display_name} works {worked} of the {total} weekends of the rota from "
            f"{day_text(period.start.toordinal())} to {day_text(period.end.toordinal())}; "
            f"the limit is 1 in {number_text(round(1 / limit, 1))}",
        )
