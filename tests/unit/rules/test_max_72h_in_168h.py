from datetime import timedelta

from .build import BEFORE_2019, MARCH_CHANGE, MON, OCTOBER_CHANGE, breaches, check, every_day, shift

RULE = "max-72h-in-168h"


def test_72_hours_in_a_week_are_allowed():
    assert breaches(RULE, every_day(MON, 6, "08:00", "20:00")) == []
    assert check(every_day(MON, 6, "08:00", "20:00")).doctors["patel"].max_hours_in_168h == 72


def test_72_hours_and_one_minute_break_the_limit():
    shifts = [
        *every_day(MON, 5, "08:00", "20:00"),
        shift(MON + timedelta(days=5), "08:00", "20:01"),
    ]
    (breach,) = breaches(RULE, shifts)
    assert breach.value == 72.02
    assert breach.message.startswith("Dr Patel works 72 h in the 168 h from Mon 3 Aug 2026")


def test_overlapping_windows_over_the_limit_are_one_breach_naming_the_worst():
    (breach,) = breaches(RULE, every_day(MON, 8, "08:00", "20:00"))
    assert breach.value == 84
    assert "84 h" in breach.message


def test_two_heavy_weeks_apart_are_two_breaches():
    shifts = [
        *every_day(MON, 7, "08:00", "20:00"),
        *every_day(MON + timedelta(days=14), 7, "08:00", "20:00"),
    ]
    assert len(breaches(RULE, shifts)) == 2


def test_a_window_can_cut_a_night_in_half():
    # six 12 h nights from Mon, then 18:00-22:00 the Monday after: the 168 h from Mon
    # 22:00 hold 10 h of the first night, five whole nights and all 4 h of the last shift
    shifts = [
        *every_day(MON, 6, "20:00", "08:00"),
        shift(MON + timedelta(days=7), "18:00", "22:00"),
    ]
    (breach,) = breaches(RULE, shifts)
    assert breach.value == 74


def test_the_october_change_adds_an_hour_to_a_week_of_nights():
    first = OCTOBER_CHANGE - timedelta(days=6)  # Mon 19 Oct: six nights to Sun morning
    (breach,) = breaches(RULE, every_day(first, 6, "20:00", "08:00"), start=first)
    assert breach.value == 73


def test_before_2019_any_7_day_period_is_any_168_hours_too():
    # 72 h Mon-Sat from noon to midnight, then an hour after midnight on the next Monday:
    # 73 h in the 168 h from Mon noon, though no seven calendar days hold more than 72 h.
    # The 2016 text's "any 7-day period" is read as rolling, as the 2019 text words it.
    def week(first):
        return [
            *every_day(first, 6, "12:00", "00:00"),
            shift(first + timedelta(days=7), "00:00", "01:00"),
        ]

    (after,) = breaches(RULE, week(MON))
    (before,) = breaches(RULE, week(BEFORE_2019), start=BEFORE_2019)
    assert after.value == before.value == 73
    assert before.message == (
        "Dr Patel works 73 h in the 168 h from Mon 6 Aug 2018 12:00; the limit is 72 h"
    )


def test_before_2019_74_hours_in_a_rolling_week_is_a_breach_the_figures_agree_with():
    # Thu to Wed, 12 h nights from 20:00 except a 14 h stretch: the figures table and the
    # rule read the same 168 h.
    first = BEFORE_2019 + timedelta(days=3)
    shifts = [
        *every_day(first, 6, "20:00", "08:00"),
        shift(first + timedelta(days=6), "20:00", "22:00"),
    ]
    report = check(shifts, start=BEFORE_2019)
    (breach,) = [b for b in report.breaches if b.rule == RULE]
    assert breach.value == report.doctors["patel"].max_hours_in_168h == 74


def test_a_merged_breach_spans_only_the_work_that_causes_it():
    shifts = every_day(MON, 8, "08:00", "20:00")
    (breach,) = breaches(RULE, shifts)
    assert breach.start == shifts[0].start
    assert breach.end == shifts[-1].end


def test_the_march_change_takes_an_hour_from_a_week_of_nights():
    first = MARCH_CHANGE - timedelta(days=6)  # Mon 23 Mar: six nights, Sat's has 11 h
    shifts = [*every_day(first, 6, "20:00", "08:00"), shift(MARCH_CHANGE, "14:00", "15:00")]
    assert breaches(RULE, shifts, start=first) == []
    assert check(shifts, start=first).doctors["patel"].max_hours_in_168h == 72


def test_the_message_names_the_busiest_window_of_a_long_heavy_stretch():
    # 10 h days for eight days, two of them 13 h: 76 h in the first 168 h, 73 h from Tue
    shifts = every_day(MON, 8, "08:00", "18:00")
    shifts[0] = shift(MON, "08:00", "21:00")
    shifts[2] = shift(MON + timedelta(days=2), "08:00", "21:00")
    (breach,) = breaches(RULE, shifts)
    assert breach.value == 76
    assert "76 h" in breach.message


def test_years_of_back_to_back_shifts_are_one_breach_within_those_shifts():
    # three 8-hour shifts a day for three years: one merged breach, from the first shift's
    # start to the last one's end, naming the first of the equally busy windows
    shifts = [
        shift(MON + timedelta(days=d), start, end)
        for d in range(3 * 365)
        for start, end in (("00:00", "08:00"), ("08:00", "16:00"), ("16:00", "00:00"))
    ]
    (breach,) = breaches(RULE, shifts, days=3 * 365)
    assert (breach.start, breach.end) == (shifts[0].start, shifts[-1].end)
    assert breach.value == 168
    assert breach.message == (
        "Dr Patel works 168 h in the 168 h from Mon 3 Aug 2026 00:00; the limit is 72 h"
    )
