"""The pure arithmetic of clinics: the dates a template runs, its default slots, the
order a reduced clinic keeps its patients, NHS numbers."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from rotaplan.clinics.schedule import (
    Slot,
    default_slots,
    keep_first,
    nhs_number_problem,
    nhs_number_text,
    session_dates,
    slot_starts,
)
from rotaplan.engine.clock import bank_holidays


def dates(**kwargs):
    return list(session_dates(**kwargs))


def test_weekly_on_its_weekday_within_its_dates():
    got = dates(
        weekday=1,
        every_weeks=1,
        valid_from=date(2026, 12, 9),
        valid_to=date(2027, 1, 5),
        start=date(2026, 12, 1),
        end=date(2027, 2, 1),
    )
    # Tue 8 Dec is before valid_from; Tue 5 Jan is the last.
    assert got == [date(2026, 12, 15), date(2026, 12, 22), date(2026, 12, 29), date(2027, 1, 5)]


def test_one_in_two_counts_from_the_first_week_and_a_bank_holiday_does_not_move_it():
    got = dates(
        weekday=4,
        every_weeks=2,
        valid_from=date(2026, 12, 4),
        valid_to=None,
        start=date(2026, 12, 7),
        end=date(2027, 1, 20),
        closed=set(bank_holidays(date(2026, 12, 7), date(2027, 1, 20))),
    )
    # Fri 4 Dec is week 0 (before the range), 18 Dec, 1 Jan (New Year's Day: closed), 15 Jan.
    assert got == [date(2026, 12, 18), date(2027, 1, 15)]


@given(
    weekday=st.integers(0, 6),
    every=st.integers(1, 6),
    valid_from=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    start=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    days=st.integers(0, 400),
)
def test_every_date_is_its_weekday_in_range_and_n_weeks_apart(
    weekday, every, valid_from, start, days
):
    end = start + timedelta(days=days)
    got = dates(
        weekday=weekday,
        every_weeks=every,
        valid_from=valid_from,
        valid_to=None,
        start=start,
        end=end,
    )
    assert all(d.weekday() == weekday and start <= d <= end and d >= valid_from for d in got)
    assert all((b - a).days == 7 * every for a, b in itertools.pairwise(got))
    anchor = valid_from - timedelta(days=valid_from.weekday()) + timedelta(days=weekday)
    assert all((d - anchor).days % (7 * every) == 0 for d in got)


def test_default_slots_fill_the_session():
    assert default_slots(240) == [Slot("new", 30, 3), Slot("follow_up", 20, 7)]
    assert default_slots(60) == [Slot("follow_up", 20, 3)]
    assert sum(s.minutes * s.count for s in default_slots(210)) <= 210


def test_slots_are_laid_end_to_end_and_usc_is_kept_first():
    start = datetime(2026, 12, 15, 9, tzinfo=UTC)
    laid = slot_starts(start, [Slot("new", 30, 2), Slot("usc", 20, 1)])
    assert [(k, t.strftime("%H:%M")) for k, t, _ in laid] == [
        ("new", "09:00"),
        ("new", "09:30"),
        ("usc", "10:00"),
    ]
    ordered = sorted(laid, key=lambda s: keep_first(s[0], s[1]))
    assert ordered[0][0] == "usc"


def test_nhs_numbers_are_checked_by_modulus_11():
    assert nhs_number_problem("943 476 5919") is None
    assert nhs_number_problem("9434765918") == "This is not a valid NHS number: check the digits"
    assert "10 digits" in (nhs_number_problem("12345") or "")
    assert nhs_number_text("9434765919") == "943 476 5919"
