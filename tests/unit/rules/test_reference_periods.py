"""The 48-hour averages are taken over every reference period the rota holds: any 26
weeks for doctors in training and for hospital work (WTR reg. 4(3) to 4(5)), or the whole
rota when it is shorter; a night worker's average over any 17 weeks (reg. 6(3))."""

from datetime import timedelta

import pytest

from .build import MON, breaches, check, shift, terms, wtr_breaches

WEEK = timedelta(weeks=1)


def _weeks(hours_by_week, first=MON):
    """Ten-hour days, Monday first, as many as each week's hours ask (a multiple of 10,
    plus a shorter last day for the remainder)."""
    shifts = []
    for w, hours in enumerate(hours_by_week):
        monday = first + w * WEEK
        whole, rest = divmod(hours * 60, 600)
        for d in range(whole):
            shifts.append(shift(monday + timedelta(days=d), "08:00", "18:00"))
        if rest:
            end = 8 * 60 + rest
            shifts.append(
                shift(monday + timedelta(days=whole), "08:00", f"{end // 60:02d}:{end % 60:02d}")
            )
    return shifts


@pytest.mark.parametrize("rule", ["avg-weekly-hours", "wtr-avg-48h"])
def test_26_heavy_weeks_then_26_light_ones_break_the_limit(rule):
    shifts = _weeks([50] * 26 + [30] * 26)
    (breach,) = breaches(rule, shifts, days=364)
    assert breach.value == 50
    assert breach.message == (
        "Dr Patel averages 50.0 h a week over the 26 weeks from Mon 3 Aug 2026; the limit is 48 h"
    )
    # the whole year averages 40 h: the figures say so, the rule still finds the 26 weeks
    assert check(shifts, days=364).doctors["patel"].average_weekly_hours == 40


def test_the_worst_26_weeks_need_not_start_on_the_rota_s_first_day():
    shifts = _weeks([30] * 10 + [50] * 26 + [30] * 16)
    (breach,) = breaches("avg-weekly-hours", shifts, days=364)
    assert breach.value == 50
    assert "over the 26 weeks from Mon 12 Oct 2026" in breach.message
    # it spans the work of the 26-week periods over the limit, from a shift's start to a
    # shift's end, and no further
    assert breach.start in {s.start for s in shifts}
    assert breach.end in {s.end for s in shifts}
    assert breach.start < shifts[30].start < breach.end


def test_exactly_48_hours_over_the_worst_26_weeks_is_allowed():
    shifts = _weeks([48] * 26 + [20] * 26)
    assert breaches("avg-weekly-hours", shifts, days=364) == []


def test_a_minute_more_in_those_26_weeks_is_over():
    shifts = _weeks([48] * 26 + [20] * 26)
    last = shifts[-1 - 2 * 26]  # the last shift of week 26
    shifts[shifts.index(last)] = shift(last.start.date(), "08:00", "16:01")
    (breach,) = breaches("avg-weekly-hours", shifts, days=364)
    assert breach.value == 48


def test_a_rota_shorter_than_26_weeks_is_averaged_over_its_own_period():
    (breach,) = breaches("avg-weekly-hours", _weeks([50] * 8), days=56)
    assert breach.message == (
        "Dr Patel averages 50.0 h a week over the rota from Mon 3 Aug 2026 to Sun 27 Sep 2026; "
        "the limit is 48 h"
    )


def test_a_heavy_stretch_averaged_out_by_light_weeks_inside_26_is_allowed():
    # 13 weeks at 56 h and 13 at 40 h average exactly 48 in every 26 weeks of a 26-week rota
    assert breaches("avg-weekly-hours", _weeks([56] * 13 + [40] * 13), days=182) == []


def test_two_heavy_stretches_a_year_apart_are_two_breaches():
    shifts = _weeks([50] * 26 + [30] * 26 + [50] * 26)
    found = breaches("avg-weekly-hours", shifts, days=546)
    assert [b.value for b in found] == [50, 50]


def test_an_opted_out_doctor_is_held_to_56_over_26_weeks():
    shifts = _weeks([58] * 26 + [30] * 26)
    (breach,) = breaches("avg-weekly-hours", shifts, days=364, doctor=terms(opted_out=True))
    assert breach.limit == 56
    assert breaches("wtr-avg-48h", shifts, days=364, doctor=terms(opted_out=True)) == []


def test_night_work_is_averaged_over_any_17_weeks():
    # 17 weeks of four 12-hour nights a week (8 h in 24 over 6 days, then a 49th hour),
    # then 17 weeks of days only
    nights = []
    for w in range(17):
        monday = MON + w * WEEK
        nights += [shift(monday + timedelta(days=d), "20:00", "08:00") for d in range(4)]
    nights[-1] = shift(nights[-1].start.date(), "20:00", "09:00")
    light = _weeks([20] * 17, first=MON + 17 * WEEK)
    (breach,) = wtr_breaches("wtr-night-average", [*nights, *light], days=238)
    assert "over the 17 weeks from Mon 3 Aug 2026" in breach.message


def test_the_october_hour_tips_26_weeks_of_exactly_48_hours_over_and_march_takes_it_back():
    # a year of four 12-hour nights a week, Saturday to Tuesday: 48 h by the clock. The
    # night of Sat 24 Oct 2026 lasts 13 real hours, that of Sat 27 Mar 2027 only 11.
    saturday = MON + timedelta(days=5)
    nights = [
        shift(saturday + w * WEEK + timedelta(days=d), "20:00", "08:00")
        for w in range(52)
        for d in range(4)
        if saturday + w * WEEK + timedelta(days=d) <= MON + timedelta(days=363)
    ]
    (breach,) = breaches("avg-weekly-hours", nights, days=364)
    assert breach.value == 48.04
    # the periods holding both changes, and those holding only March, are within the limit:
    # the worst named holds the October night
    assert "over the 26 weeks from" in breach.message
    late = [s for s in nights if s.start.date() > MON + timedelta(days=200)]
    assert breaches("avg-weekly-hours", late, days=364) == []
