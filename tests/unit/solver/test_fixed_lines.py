"""Fixed rota lines: read as coordinators write them (a row a week, Monday to Sunday),
with each mistake named by week and day; laid over the rota's dates from their first
Monday, repeating; and reported by the rules engine as a local rule when a rota does not
keep them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rotaplan.engine.fixed_lines import FixedLine, LineError, read_weeks
from rotaplan.engine.rota import RotaShifts
from rotaplan.engine.rules.local import FixedDay, LocalRules, local_breaches
from rotaplan.engine.solver.cells import RotaCells

from .rota_problems import MONDAY, ward

CODES = {"D", "LD", "N"}


def test_a_line_is_read_a_week_a_row_in_any_case_with_dashes_for_free_days() -> None:
    weeks = read_weeks("d D D - - - -\n\n- - - - n N N\n", CODES)

    assert weeks == (("D", "D", "D", "", "", "", ""), ("", "", "", "", "N", "N", "N"))


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "Enter the line's weeks"),
        ("D D D D D -", "Week 1 has 6 days: give 7, Monday to Sunday"),
        ("D D D D D - -\nD D X D D - -", "Week 2, Wednesday: there is no shift 'X' here"),
        ("- - - - - - -", "The line fixes no shift"),
        ("D - - - - - -\n" * 53, "A line has 52 weeks at most; this one has 53"),
    ],
)
def test_a_line_that_cannot_be_read_says_where(text: str, error: str) -> None:
    with pytest.raises(LineError, match=error):
        read_weeks(text, CODES)


def test_a_line_repeats_from_its_first_monday_and_stops_on_its_last_day() -> None:
    line = FixedLine(
        date(2026, 8, 3),
        (("D", "", "", "", "", "", ""), ("", "", "", "", "", "", "N")),
        last_day=date(2026, 8, 30),
    )

    assert list(line.shifts_between(date(2026, 7, 1), date(2026, 12, 31))) == [
        (date(2026, 8, 3), "D"),  # week 1's Monday
        (date(2026, 8, 16), "N"),  # week 2's Sunday
        (date(2026, 8, 17), "D"),  # week 1 again
        (date(2026, 8, 30), "N"),  # the last day
    ]
    assert list(line.shifts_between(date(2026, 8, 4), date(2026, 8, 15))) == []


@given(
    st.lists(
        st.lists(st.sampled_from(["", "D", "N"]), min_size=7, max_size=7), min_size=1, max_size=5
    ),
    st.integers(0, 400),
    st.integers(0, 60),
)
def test_each_day_a_line_fixes_is_its_weeks_day_counted_from_the_first_monday(
    weeks: list[list[str]], skip: int, length: int
) -> None:
    first = date(2026, 8, 3)
    line = FixedLine(first, tuple(tuple(w) for w in weeks))
    start = first + timedelta(days=skip)
    fixed = dict(line.shifts_between(start, start + timedelta(days=length)))
    for n in range(length + 1):
        day = start + timedelta(days=n)
        offset = (day - first).days
        assert fixed.get(day, "") == weeks[(offset // 7) % len(weeks)][offset % 7]


def test_a_rota_that_leaves_a_fixed_shift_out_breaks_a_local_rule() -> None:
    problem = ward(doctors=2, weeks=1, grades=("ST3",))
    cells = RotaCells(problem)
    shifts = (cells.shift_of("D1", (0, cells.codes["N"])),)
    rota = RotaShifts(problem.period, tuple(problem.terms(d) for d in problem.doctors), shifts)
    rules = LocalRules(
        fixed=(
            FixedDay("D1", MONDAY, "N"),  # kept
            FixedDay("D1", MONDAY + timedelta(days=1), "D"),
            FixedDay("D2", MONDAY, "D"),
        )
    )

    breaches = local_breaches(rota, rules)

    assert [(b.rule, b.doctor) for b in breaches] == [
        ("local-fixed-line", "D1"),
        ("local-fixed-line", "D2"),
    ]
    assert breaches[0].message == (
        "Dr 1's fixed rota line has D on Tue 4 Aug 2026; the rota has them off"
    )
