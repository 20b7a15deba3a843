"""Small rotas built by hand for the pay tests (London wall-clock times)."""

from __future__ import annotations

from datetime import date, time

from rotaplan.engine.clock import shift_bounds
from rotaplan.engine.rota import DoctorTerms, Period, RotaShifts, Shift, ShiftKind

AUGUST = Period(date(2026, 8, 3), date(2026, 8, 30))  # Mon 3 Aug to Sun 30 Aug 2026: 4 weeks


def shift(doctor: str, day: date, start: str, end: str, kind: ShiftKind = ShiftKind.WORK) -> Shift:
    """A shift from ``start`` to ``end`` on ``day`` (an end at or before the start is the
    next day)."""
    begins, ends = shift_bounds(day, time.fromisoformat(start), time.fromisoformat(end))
    return Shift(doctor, begins, ends, kind)


def on_call(doctor: str, day: date, start: str, end: str) -> Shift:
    return shift(doctor, day, start, end, ShiftKind.ON_CALL)


def aug(day: int) -> date:
    return date(2026, 8, day)


def full_time_shifts() -> list[Shift]:
    """D1, full time, 4 weeks of August 2026.

    - 13 day shifts 08:00-17:00 (9 h): 117 h, no night hours
    - nights Fri 7, Sat 8, Sun 9 Aug 20:00-08:00 (12 h each): 36 h, all night
      (8 h or more starting 20:00-23:59: night in full until 10:00)
    - weekend days Sat 22 and Sun 23 Aug 08:00-20:00 (12 h each): 24 h, no night hours
    - on-call Tue 4 and Wed 19 Aug 17:00-09:00 (16 h each): not rostered work hours
    Work 177 h in 4 weeks = 44.25 h a week; 36 night hours = 9 a week;
    weekends worked 8-9 and 22-23 Aug: 2 of 4.
    """
    days = [3, 4, 5, 6, 12, 13, 14, 17, 18, 19, 20, 21, 26]
    shifts = [shift("D1", aug(d), "08:00", "17:00") for d in days]
    shifts += [shift("D1", aug(d), "20:00", "08:00") for d in (7, 8, 9)]
    shifts += [shift("D1", aug(d), "08:00", "20:00") for d in (22, 23)]
    shifts += [on_call("D1", aug(d), "17:00", "09:00") for d in (4, 19)]
    return shifts


def ltft_shifts() -> list[Shift]:
    """D2, WTE 0.6, the same 4 weeks.

    - 8 day shifts 08:00-17:00 (9 h): 72 h
    - nights Sat 15 and Sun 16 Aug 20:00-08:00 (12 h each): 24 h, all night
    - a shift Tue 25 Aug 16:00-01:00 (9 h): it ends after midnight and by 04:00, so the
      whole of it is night (2019): 9 h, of which 16:00-21:00 (5 h) only by that rule
    - on-call Thu 27 Aug 17:00-09:00 (16 h)
    Work 72 + 24 + 9 = 105 h = 26.25 h a week; night 24 + 9 = 33 h = 8.25 a week;
    weekends worked 15-16 Aug: 1 of 4.
    """
    days = [3, 4, 5, 10, 11, 19, 20, 24]
    shifts = [shift("D2", aug(d), "08:00", "17:00") for d in days]
    shifts += [shift("D2", aug(d), "20:00", "08:00") for d in (15, 16)]
    shifts.append(shift("D2", aug(25), "16:00", "01:00"))
    shifts.append(on_call("D2", aug(27), "17:00", "09:00"))
    return shifts


def august_rota(*, ltft_wte: float = 0.6, opted_out: bool = False) -> RotaShifts:
    return RotaShifts(
        AUGUST,
        (
            DoctorTerms("D1", "Dr Ada Patel", opted_out=opted_out, grade="ST1"),
            DoctorTerms("D2", "Dr Bea Okafor", wte=ltft_wte, grade="ST2"),
        ),
        tuple(full_time_shifts() + ltft_shifts()),
    )
