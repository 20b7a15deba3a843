"""Rules about one shift at a time: its length, and shifts that share time."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..breaches import Breach
from ..rota import DoctorTerms, Period
from .facts import HOUR, ShiftFacts, as_doctor_shifts, at, duration_text, moment_text, number_text
from .limits import Limits


def max_shift_length(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: no shift other than on-call longer than 13 h, in real elapsed time (a 20:00 to
    08:30 night across the October clock change lasts 13 h 30 min)."""
    limit = limits["max-shift-length"]
    limit_s = round(limit * HOUR)
    for s in as_doctor_shifts(shifts).work:
        if s.t1 - s.t0 > limit_s:
            yield Breach(
                "max-shift-length",
                doctor.id,
                at(s.t0),
                at(s.t1),
                round(s.hours, 2),
                limit,
                f"{doctor.display_name}'s shift from {moment_text(s.t0)} to "
                f"{moment_text(s.t1)} lasts {duration_text(s.t1 - s.t0)}; the limit is "
                f"{number_text(limit)} h",
            )


def overlapping_shifts(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """A doctor cannot be in two places at once: two shifts (of any kind) that share time
    are a rota error. Shifts that touch (one ends as the next starts) are fine. Each
    shift that starts before an earlier one has ended is reported once, against the
    earlier shift that runs latest."""
    if not as_doctor_shifts(shifts).overlapping:
        return
    latest: ShiftFacts | None = None
    for s in shifts:
        if latest is not None and s.t0 < latest.t1:
            yield Breach(
                "overlapping-shifts",
                doctor.id,
                at(s.t0),
                at(min(s.t1, latest.t1)),
                round((min(s.t1, latest.t1) - s.t0) / HOUR, 2),
                0,
                f"{doctor.display_name} has two shifts at once: the shift starting "
                f"{moment_text(s.t0)} begins before the one from {moment_text(latest.t0)} "
                f"ends at {moment_text(latest.t1)}",
            )
        if latest is None or s.t1 > latest.t1:
            latest = s
