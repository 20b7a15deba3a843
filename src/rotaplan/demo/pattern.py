"""The junior rota's rolling pattern, as data: ten lines of one week each.

Each doctor on a junior rota takes a line: doctor ``i`` starts on week ``i mod 10`` of the
pattern and moves down one week each calendar week, wrapping from the last week to the
first. With at least one doctor on every line, each day has exactly one line on nights and
one on long days, so the ward is staffed around the clock, every day of the week.

This module is plain Python (no Django) so the pattern can be read, and tested, on its own.
"""

from __future__ import annotations

WEEK_PATTERN: tuple[str, ...] = (
    "N  N  N  N  -  -  -",
    "D  D  D  D  D  -  -",
    "D  D  D  D  D  LD LD",
    "-  -  D  D  D  -  -",
    "D  D  D  D  D  -  -",
    "D  D  D  D  N  N  N",
    "-  -  D  D  D  -  -",
    "D  LD LD LD LD -  -",
    "D  D  D  D  D  -  -",
    "LD D  D  D  D  -  -",
)
"""Monday to Sunday; D day 09:00-17:00 (8 h), LD long day 08:00-20:30 (12.5 h),
N night 20:00-08:30 (12.5 h), "-" off.

Why it obeys the 2016 terms and conditions (as amended in 2019), week by week:

- Hours: the weeks hold 50, 40, 65, 24, 40, 69.5, 24, 58, 40 and 44.5 hours; 455 hours
  in ten weeks is 45.5 a week. Over the 26-week reference period a doctor works two
  cycles and six more weeks; the heaviest six weeks (7, 8, 9, 0, 1, 2) hold 297.5 hours,
  so no line averages more than (910 + 297.5) / 26 = 46.4 hours (limit 48). The night
  the clocks go back is 13 hours, which adds half an hour at most.
- 72 hours in any 168: the heaviest stretch is week 5, 69.5 hours from Monday 09:00 to
  the next Monday 08:30 (70 with the clocks-back night); no window spanning two weeks holds
  more, because every heavy week is followed by a light one.
- Nights: at most 4 in a row (week 0 Monday to Thursday; week 5 Friday to Sunday). The
  rest after the last night is at least 48.5 hours (Monday 08:30 to Wednesday 09:00 after
  week 5; Friday 08:30 to Monday 09:00 after week 0), above the 46 hours required.
- Consecutive shifts: the longest runs are 7 (weeks 2 and 5, Monday to Sunday), each
  followed by Monday and Tuesday off: 60.5 hours of rest after week 2 and 48.5 after
  week 5 (the 48 required). The October clock change only lengthens rest; the March
  change, which would shorten it by an hour, falls outside a rota starting in August.
- Long shifts (over 10 hours): at most 4 in a row (week 7, Tuesday to Friday), then
  60.5 hours off.
- Rest between shifts: day to day 16 h, day to long day 15 h, long day to long day
  11.5 h, long day to day 12.5 h, night to night 11.5 h: never under 11 hours.
- Weekends: work falls in the weekends of weeks 2 and 5 only (week 0's Thursday night
  ends on Friday morning): 1 weekend in 5, within the 1 in 2 allowed.
- Shift length: 12.5 hours (limit 13). The night the clocks go back would be 13.5, so
  that one night is rostered 20:00 to 08:00, 13 hours (see ``shifts.CLOCKS_BACK_NIGHT``).

Taking shifts away (leave, bank holidays, a less than full time doctor's days off) only
lengthens rest and lowers hours, with one exception: leave in the middle of a run of nights
leaves the nights before it as a run of their own, owed 46 hours' rest, so the nights that
follow too soon are dropped too (``rotas.junior_assignments``). Every rota built from this
pattern therefore stays within these limits; tests/integration/test_demo.py measures them
on the built rota.
"""

OFF = "-"

WEEKS: tuple[tuple[str | None, ...], ...] = tuple(
    tuple(None if code == OFF else code for code in week.split()) for week in WEEK_PATTERN
)
LINES = len(WEEKS)


def planned_shift(line: int, week: int, weekday: int) -> str | None:
    """The shift code a doctor on ``line`` works in rota ``week`` (0 = the first) on
    ``weekday`` (0 = Monday), or None for a day off."""
    return WEEKS[(line + week) % LINES][weekday]
