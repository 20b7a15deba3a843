"""Rest between shifts: the TCS 11 h between shifts, and the WTR daily and weekly rest.

Only ``work`` shifts interrupt rest here. The TCS excepts on-call periods from the 11 h
rule in so many words; for the WTR, non-resident on-call is not working time unless the
doctor is called in, which a plan cannot know. Resident on-call should be rostered as
``work``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence

from ..breaches import Breach
from ..rota import DoctorTerms, Period
from .facts import (
    DAY,
    HOUR,
    ShiftFacts,
    as_doctor_shifts,
    at,
    duration_text,
    local_midnight,
    moment_text,
    number_text,
    period_bounds,
)
from .limits import Limits


def min_rest_between_shifts(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """TCS: at least 11 h rest between the end of one shift and the start of the next,
    in real time (11 h passes, 10 h 59 min fails). Shifts that share time are reported as
    ``overlapping-shifts`` instead."""
    limit = limits["min-rest-between-shifts"]
    limit_s = round(limit * HOUR)
    previous: ShiftFacts | None = None
    for s in as_doctor_shifts(shifts).work:
        if previous is not None and 0 <= s.t0 - previous.t1 < limit_s:
            rest = s.t0 - previous.t1
            yield Breach(
                "min-rest-between-shifts",
                doctor.id,
                at(previous.t1),
                at(s.t0),
                round(rest / HOUR, 2),
                limit,
                f"{doctor.display_name} has {duration_text(rest)} rest between the shift "
                f"ending {moment_text(previous.t1)} and the next starting "
                f"{moment_text(s.t0)}; the minimum is {number_text(limit)} h",
            )
        if previous is None or s.t1 > previous.t1:
            previous = s


def _blocks(work: Sequence[ShiftFacts], gap_s: int) -> Iterator[tuple[list[ShiftFacts], int]]:
    """Work shifts chained together while the rest between them is under ``gap_s``, with
    the moment each chain ends."""
    block: list[ShiftFacts] = []
    block_end = 0
    for s in work:
        if block and s.t0 - block_end >= gap_s:
            yield block, block_end
            block = []
        block.append(s)
        if len(block) == 1 or s.t1 > block_end:
            block_end = s.t1
    if block:
        yield block, block_end


def wtr_daily_rest(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """WTR reg. 10: 11 consecutive hours of rest in each 24 h.

    Work chained by rests shorter than 11 h forms a block. The 24 h starting with the
    block has 11 h rest only if the block ends within 13 h of its start, and no other
    24 h window is harder, so a block spanning more than 24 - 11 h is one breach; the
    value is the longest rest in those 24 h. A single shift over 13 h breaches it too.
    """
    limit = limits["wtr-daily-rest"]
    rest_s = round(limit * HOUR)
    limit_span = DAY - rest_s
    for block, end in _blocks(as_doctor_shifts(shifts).work, rest_s):
        start = block[0].t0
        if end - start <= limit_span:
            continue
        window_end = start + DAY
        longest = 0
        reach = block[0].t1
        for s in block[1:]:
            if s.t0 >= window_end:
                break
            longest = max(longest, s.t0 - reach)
            reach = max(reach, s.t1)
        longest = max(longest, window_end - reach)
        yield Breach(
            "wtr-daily-rest",
            doctor.id,
            at(start),
            at(end),
            round(longest / HOUR, 2),
            limit,
            f"{doctor.display_name} has at most {duration_text(max(longest, 0))} unbroken "
            f"rest in the 24 h from {moment_text(start)} (work until {moment_text(end)} with "
            f"shorter breaks); the minimum is {number_text(limit)} h in every 24 h",
        )


def _rests(work: Sequence[ShiftFacts], lo: int, hi: int) -> list[tuple[int, int]]:
    """The stretches of ``[lo, hi)`` with no work."""
    out: list[tuple[int, int]] = []
    reach = lo
    for s in work:
        if s.t1 <= lo:
            continue
        if s.t0 >= hi:
            break
        if s.t0 > reach:
            out.append((reach, s.t0))
        if s.t1 > reach:
            reach = s.t1
    if reach < hi:
        out.append((reach, hi))
    return out


def _inside(rests: list[tuple[int, int]], w0: int, w1: int) -> list[int]:
    """The lengths of the rests that fall in ``[w0, w1)``, clipped to it; ``rests`` are in
    order and do not overlap."""
    first = max(bisect_right(rests, (w0, w0)) - 1, 0)
    last = bisect_left(rests, (w1, w1))
    return [min(b, w1) - max(a, w0) for a, b in rests[first:last] if b > w0]


def wtr_weekly_rest(
    doctor: DoctorTerms, shifts: Sequence[ShiftFacts], period: Period, limits: Limits
) -> Iterator[Breach]:
    """WTR reg. 11: 24 h uninterrupted rest in each 7 days, or (the employer's choice)
    two 24 h rests or one 48 h rest in each 14 days.

    Every rota passing the 7-day test passes the 14-day one, so the 14-day test alone
    decides: in each 14-day reference period counted from the rota's first day (reg.
    11(6) lets the periods be fixed by agreement), there must be one rest of 48 h or two
    of 24 h. A shorter period at the end of the rota is not judged. Rest before the
    first shift of the period counts: the plan has nothing rostered then. Only rests of
    24 h or more can pass a fortnight, so those are looked at first; the rest only when
    a fortnight fails and its longest rest is named."""
    need_one = round(limits["wtr-weekly-rest-14-days"] * HOUR)
    need_each = round(limits["wtr-weekly-rest-7-days"] * HOUR)
    lo, hi = period_bounds(period)
    rests = _rests(as_doctor_shifts(shifts).work, lo, hi)
    if rests == [(lo, hi)]:
        return  # no work in the period
    long_rests = [(a, b) for a, b in rests if b - a >= need_each]
    first = period.start.toordinal()
    for offset in range(0, period.days - 13, 14):
        w0 = local_midnight(first + offset)
        w1 = local_midnight(first + offset + 14)
        inside = _inside(long_rests, w0, w1)
        if any(r >= need_one for r in inside) or sum(r >= need_each for r in inside) >= 2:
            continue
        longest = max(_inside(rests, w0, w1), default=0)
        yield Breach(
            "wtr-weekly-rest",
            doctor.id,
            at(w0),
            at(w1),
            round(longest / HOUR, 2),
            limits["wtr-weekly-rest-14-days"],
            f"{doctor.display_name} has no 48 h rest, nor two of 24 h, in the 14 days from "
            f"{moment_text(w0)}; the longest rest is {duration_text(longest)}",
        )
