"""Properties of the whole engine on random rotas.

Shifts are drawn one per day from patterns that never overlap one another (every pattern
ends by 08:00 the next morning, and none starts before 08:00), over four weeks that may
hold a clock change.

Removing a shift must never create a breach of a rule that only caps an amount: less work
means fewer hours, shorter runs, more rest. That holds for the rules in ``MAXIMA``. It does
not hold for:

- ``rest-after-nights``: removing the middle night of three leaves a night followed by a
  night two days later, with under 46 h between them;
- ``max-consecutive-shifts`` and ``max-consecutive-long-shifts``: removing the last shift
  of a run one over the limit leaves a run at the limit, which now owes 48 h rest before
  the next shift.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from rotaplan.engine.rota import DoctorTerms, Period, RotaShifts, RuleSetName, Shift, ShiftKind
from rotaplan.engine.rules import check_rota
from rotaplan.engine.rules.facts import facts_of
from rotaplan.engine.rules.hours import WorkCurve, reference_periods, windows_168h
from rotaplan.engine.rules.limits import limits_on

from .build import BEFORE_2019, MON, PATEL, shift

MAXIMA = {
    "avg-weekly-hours", "wtr-avg-48h", "max-72h-in-168h", "max-shift-length",
    "max-consecutive-nights", "min-rest-between-shifts", "weekend-frequency",
    "max-on-call-length", "consecutive-on-call", "max-on-call-per-7-days",
    "day-after-on-call", "wtr-daily-rest", "wtr-weekly-rest", "wtr-night-average",
    "overlapping-shifts",
}  # fmt: skip

PATTERNS = [
    ("08:00", "17:00", ShiftKind.WORK),
    ("08:00", "20:30", ShiftKind.WORK),
    ("08:00", "21:30", ShiftKind.WORK),  # over 13 h
    ("14:00", "23:00", ShiftKind.WORK),
    ("20:00", "08:00", ShiftKind.WORK),
    ("21:00", "07:30", ShiftKind.WORK),
    ("17:00", "08:00", ShiftKind.ON_CALL),
    ("08:00", "08:00", ShiftKind.ON_CALL),
]
STARTS = [MON, date(2026, 10, 12), date(2026, 3, 16), BEFORE_2019]
DAYS = 28

rotas = st.tuples(
    st.sampled_from(STARTS),
    st.lists(
        st.tuples(st.integers(0, DAYS - 1), st.sampled_from(PATTERNS)),
        max_size=24,
        unique_by=lambda p: p[0],
    ),
)


def _rota(start: date, picks, drop: int | None = None) -> RotaShifts:
    shifts = tuple(
        shift(start + timedelta(days=day), begin, end, kind)
        for k, (day, (begin, end, kind)) in enumerate(picks)
        if k != drop
    )
    return RotaShifts(Period(start, start + timedelta(days=DAYS - 1)), (PATEL,), shifts)


@settings(max_examples=60, deadline=None)
@given(rotas, st.data())
def test_removing_a_shift_never_creates_a_breach_of_a_maximum(rota_spec, data):
    start, picks = rota_spec
    if not picks:
        return
    drop = data.draw(st.integers(0, len(picks) - 1))
    before = {b.rule for b in check_rota(_rota(start, picks)).breaches}
    after = {b.rule for b in check_rota(_rota(start, picks, drop)).breaches}
    assert (after & MAXIMA) <= before


@settings(max_examples=40, deadline=None)
@given(rotas, st.randoms(use_true_random=False))
def test_the_order_of_shifts_does_not_matter(rota_spec, rnd: random.Random):
    start, picks = rota_spec
    rota = _rota(start, picks)
    shuffled = list(rota.shifts)
    rnd.shuffle(shuffled)
    again = RotaShifts(rota.period, rota.doctors, tuple(shuffled))
    assert check_rota(again) == check_rota(rota)


@given(st.sampled_from(STARTS))
def test_a_rota_with_no_shifts_has_no_breaches(start):
    report = check_rota(_rota(start, []))
    assert report.compliant
    assert report.doctors["patel"].max_hours_in_168h == 0


@settings(max_examples=60, deadline=None)
@given(rotas)
def test_the_sliding_168_hour_windows_find_the_true_maximum(rota_spec):
    start, picks = rota_spec
    facts = [f for f in facts_of(_rota(start, picks).shifts, limits_on(start)) if f.is_work]
    fast = max((w for _, w in windows_168h(facts)), default=0)
    curve = WorkCurve(facts)
    moments = sorted({f.t0 for f in facts} | {f.t1 - 7 * 86400 for f in facts})
    slow = max((curve.worked(a + 7 * 86400) - curve.worked(a) for a in moments), default=0)
    # and against a brute-force minute-by-minute scan of window starts near each shift
    brute = 0
    for f in facts:
        for a in range(f.t0 - 7 * 86400, f.t1, 1800):
            total = sum(max(0, min(g.t1, a + 7 * 86400) - max(g.t0, a)) for g in facts)
            brute = max(brute, total)
    assert fast == slow
    assert brute <= fast


# --- more than one doctor -----------------------------------------------------------------

TWO_DOCTOR_PATTERNS = [
    *PATTERNS,
    ("23:00", "07:00", ShiftKind.WORK),
    ("00:00", "08:00", ShiftKind.WORK),  # a night starting at midnight: the night before
    ("13:00", "23:30", ShiftKind.WORK),  # a long late evening (the 2016 limit)
    ("17:00", "09:00", ShiftKind.ON_CALL),
]
one_doctor = st.lists(
    st.tuples(st.integers(0, DAYS - 1), st.sampled_from(TWO_DOCTOR_PATTERNS)),
    max_size=20,
    unique_by=lambda p: p[0],
)
DOCTORS = (
    DoctorTerms("a", "Dr A"),
    DoctorTerms("b", "Dr B", rule_set=RuleSetName.WTR),
    DoctorTerms("c", "Dr C", wte=0.6, opted_out=True),
)


def _shifts_of(doctor: str, start: date, picks) -> tuple[Shift, ...]:
    return tuple(
        shift(start + timedelta(days=day), begin, end, kind, doctor=doctor)
        for day, (begin, end, kind) in picks
    )


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(STARTS), st.lists(one_doctor, min_size=3, max_size=3))
def test_one_doctor_s_breaches_never_depend_on_another_doctor_s_shifts(start, picks):
    period = Period(start, start + timedelta(days=DAYS - 1))
    every = {d.id: _shifts_of(d.id, start, p) for d, p in zip(DOCTORS, picks, strict=True)}
    together = check_rota(RotaShifts(period, DOCTORS, tuple(s for v in every.values() for s in v)))
    for doctor in DOCTORS:
        alone = check_rota(RotaShifts(period, (doctor,), every[doctor.id]))
        assert [b for b in together.breaches if b.doctor == doctor.id] == list(alone.breaches)
        assert [b for b in together.derogated if b.doctor == doctor.id] == list(alone.derogated)
        assert together.doctors[doctor.id] == alone.doctors[doctor.id]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(STARTS), st.lists(one_doctor, min_size=2, max_size=2))
def test_the_same_shifts_give_the_same_breaches_under_another_name(start, picks):
    """Doctors are judged by their terms and shifts, never by their name or id."""
    period = Period(start, start + timedelta(days=DAYS - 1))
    first, second = DOCTORS[0], replace(DOCTORS[0], id="z", name="Dr Z")
    rota = RotaShifts(
        period,
        (first, second),
        (*_shifts_of("a", start, picks[0]), *_shifts_of("z", start, picks[0])),
    )
    report = check_rota(rota)
    mine = [(b.rule, b.start, b.end, b.value) for b in report.breaches if b.doctor == "a"]
    theirs = [(b.rule, b.start, b.end, b.value) for b in report.breaches if b.doctor == "z"]
    assert mine == theirs


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(STARTS), one_doctor)
def test_a_night_belongs_to_the_day_it_starts_or_the_evening_before(start, picks):
    for f in facts_of(_shifts_of("a", start, picks), limits_on(start)):
        assert f.run_day == f.day or (f.is_night and f.run_day == f.day - 1)
        assert not (f.is_night and f.is_long_evening)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 70), min_size=30, max_size=40),
    st.integers(1, 30),
)
def test_the_reference_period_average_is_the_worst_of_every_window(week_hours, weeks):
    """Against a brute force over every run of ``weeks`` weeks' days: the rule reports a
    breach exactly when some window averages over 48 h, naming the worst average."""
    first = MON
    shifts = []
    for w, hours in enumerate(week_hours):
        for d in range(hours // 10):
            shifts.append(shift(first + timedelta(weeks=w, days=d), "08:00", "18:00"))
    days = len(week_hours) * 7
    period = Period(first, first + timedelta(days=days - 1))
    facts = facts_of(shifts, limits_on(first))
    windows = reference_periods(facts, period, weeks)
    daily = [0] * days
    for f in facts:
        daily[f.day - first.toordinal()] += f.t1 - f.t0
    length = min(weeks * 7, days)
    brute = max(sum(daily[i : i + length]) for i in range(days - length + 1))
    assert max(windows.seconds) == brute


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(STARTS), one_doctor)
def test_a_breach_never_spans_beyond_the_shifts_that_cause_it(start, picks):
    """Merged and period-wide breaches alike start at a shift's start or later and end at
    a shift's end or earlier; only the WTR's fortnights of weekly rest are named by their
    fixed fortnight."""
    shifts = _shifts_of("a", start, picks)
    report = check_rota(
        RotaShifts(Period(start, start + timedelta(days=DAYS - 1)), DOCTORS[:1], shifts)
    )
    if not shifts:
        return
    first, last = min(s.start for s in shifts), max(s.end for s in shifts)
    for breach in (*report.breaches, *report.derogated):
        if breach.rule == "wtr-weekly-rest":
            continue
        assert first <= breach.start <= breach.end <= last, breach
