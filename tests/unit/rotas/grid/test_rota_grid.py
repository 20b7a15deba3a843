"""The rota grid presenter, on unsaved model instances: no database needed."""

from __future__ import annotations

from datetime import date, time, timedelta

from rotaplan.engine.clock import shift_bounds
from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType
from rotaplan.people.grades import Grade
from rotaplan.people.models import Doctor
from rotaplan.rotas.grid.presenters import build_grid, grid_window, paging_params, span_links
from rotaplan.rotas.models import Assignment, ShiftType

NIGHT = ShiftType(code="N", name="Night", start=time(20, 0), end=time(8, 30))
LONG_DAY = ShiftType(code="LD", name="Long day", start=time(8, 0), end=time(20, 30))
WEEK_OF_3_AUG = [date(2026, 8, 3) + timedelta(days=n) for n in range(7)]


def doctor(pk: int, first: str, last: str, grade: str = Grade.ST3) -> Doctor:
    return Doctor(pk=pk, first_name=first, last_name=last, grade=grade)


def shift(doctor: Doctor, shift_type: ShiftType, day: date) -> Assignment:
    start, end = shift_bounds(day, shift_type.start, shift_type.end)
    return Assignment(doctor_id=doctor.pk, shift_type=shift_type, date=day, start=start, end=end)


def leave(doctor: Doctor, start: date, end: date, **kwargs: object) -> LeaveRecord:
    kwargs.setdefault("leave_type", LeaveType.ANNUAL)
    kwargs.setdefault("status", LeaveStatus.APPROVED)
    return LeaveRecord(doctor_id=doctor.pk, start=start, end=end, **kwargs)


def cell(grid, doctor_pk: int, day: date):
    for group in grid.groups:
        for row in group.rows:
            if row.doctor_id == doctor_pk:
                return next(c for c in row.cells if c.day.date == day)
    raise AssertionError(f"no row for doctor {doctor_pk}")


ADA = doctor(1, "Ada", "Patel")


def test_weekend_days_are_shaded():
    grid = build_grid(days=WEEK_OF_3_AUG, doctors=[ADA], assignments=[], leave=[])
    shaded = [d.date for d in grid.days if "rp-weekend" in d.classes]
    assert shaded == [date(2026, 8, 8), date(2026, 8, 9)]
    assert "rp-weekend" in cell(grid, 1, date(2026, 8, 8)).day.classes


def test_english_summer_bank_holiday_is_marked():
    days = [date(2026, 8, 31), date(2026, 9, 1)]
    grid = build_grid(days=days, doctors=[ADA], assignments=[], leave=[])
    assert [d.bank_holiday for d in grid.days] == [True, False]
    assert grid.days[0].classes == "rp-bank-holiday"


def test_night_shift_is_shown_on_the_day_it_starts():
    grid = build_grid(
        days=WEEK_OF_3_AUG,
        doctors=[ADA],
        assignments=[shift(ADA, NIGHT, date(2026, 8, 3))],
        leave=[],
    )
    monday = cell(grid, 1, date(2026, 8, 3))
    assert [m.code for m in monday.marks] == ["N"]
    assert monday.marks[0].description == "Night, 20:00 to 08:30 Tue 4 Aug 2026 (12.5 hours)"
    assert cell(grid, 1, date(2026, 8, 4)).marks == ()


def test_night_across_the_october_clock_change_shows_its_real_length():
    week = [date(2026, 10, 19) + timedelta(days=n) for n in range(7)]
    grid = build_grid(
        days=week, doctors=[ADA], assignments=[shift(ADA, NIGHT, date(2026, 10, 24))], leave=[]
    )
    assert [d.date for d in grid.days] == week
    saturday = cell(grid, 1, date(2026, 10, 24))
    assert saturday.marks[0].description == "Night, 20:00 to 08:30 Sun 25 Oct 2026 (13.5 hours)"
    assert cell(grid, 1, date(2026, 10, 25)).marks == ()


def test_approved_leave_fills_its_days_with_its_code():
    records = [
        leave(ADA, date(2026, 8, 4), date(2026, 8, 5)),
        leave(ADA, date(2026, 8, 7), date(2026, 8, 7), leave_type=LeaveType.SICK),
    ]
    grid = build_grid(days=WEEK_OF_3_AUG, doctors=[ADA], assignments=[], leave=records)
    codes = {d: [m.code for m in cell(grid, 1, d).marks] for d in WEEK_OF_3_AUG}
    assert codes[date(2026, 8, 3)] == []
    assert codes[date(2026, 8, 4)] == codes[date(2026, 8, 5)] == ["AL"]
    assert codes[date(2026, 8, 7)] == ["Sick"]
    assert all(m.leave for m in cell(grid, 1, date(2026, 8, 4)).marks)
    assert [(e.code, e.name) for e in grid.leave_legend] == [
        ("AL", "Annual leave"),
        ("Sick", "Sickness"),
    ]


def test_leave_not_yet_approved_is_not_shown():
    record = leave(ADA, date(2026, 8, 4), date(2026, 8, 4), status=LeaveStatus.REQUESTED)
    grid = build_grid(days=WEEK_OF_3_AUG, doctors=[ADA], assignments=[], leave=[record])
    assert cell(grid, 1, date(2026, 8, 4)).marks == ()


def test_shift_on_a_day_of_leave_shows_both_so_the_clash_is_seen():
    grid = build_grid(
        days=WEEK_OF_3_AUG,
        doctors=[ADA],
        assignments=[shift(ADA, LONG_DAY, date(2026, 8, 4))],
        leave=[leave(ADA, date(2026, 8, 4), date(2026, 8, 4))],
    )
    assert [m.code for m in cell(grid, 1, date(2026, 8, 4)).marks] == ["LD", "AL"]


def test_doctors_are_grouped_by_grade_tier_then_ordered_by_name():
    doctors = [
        doctor(1, "Zoe", "Adams", Grade.CONSULTANT),
        doctor(2, "Ben", "Young", Grade.FY1),
        doctor(3, "Amy", "Young", Grade.FY2),
        doctor(4, "Cal", "Brown", Grade.ST4),
    ]
    grid = build_grid(days=WEEK_OF_3_AUG, doctors=doctors, assignments=[], leave=[])
    assert [(g.tier, [r.name for r in g.rows]) for g in grid.groups] == [
        ("Foundation", ["Amy Young", "Ben Young"]),
        ("Registrar", ["Cal Brown"]),
        ("Consultant", ["Zoe Adams"]),
    ]


def test_legend_lists_the_shifts_shown_in_order_of_start_time():
    grid = build_grid(
        days=WEEK_OF_3_AUG,
        doctors=[ADA],
        assignments=[shift(ADA, NIGHT, date(2026, 8, 3)), shift(ADA, LONG_DAY, date(2026, 8, 6))],
        leave=[],
    )
    assert [(e.code, e.name, e.times) for e in grid.shift_legend] == [
        ("LD", "Long day", "08:00 to 20:30"),
        ("N", "Night", "20:00 to 08:30 next day"),
    ]


def test_assignments_outside_the_days_shown_are_left_out():
    grid = build_grid(
        days=WEEK_OF_3_AUG,
        doctors=[ADA],
        assignments=[shift(ADA, NIGHT, date(2026, 8, 10))],
        leave=[],
    )
    assert all(c.marks == () for c in grid.groups[0].rows[0].cells)
    assert grid.shift_legend == ()


PERIOD = {"period_start": date(2026, 8, 5), "period_end": date(2027, 2, 2)}


def test_page_opens_on_the_week_of_today_while_the_rota_runs():
    window = grid_window(**PERIOD, today=date(2026, 9, 17), requested=None, span="1")
    assert (window.start, window.end) == (date(2026, 9, 14), date(2026, 9, 20))
    assert window.previous == (date(2026, 9, 7), date(2026, 9, 13))
    assert window.next == (date(2026, 9, 21), date(2026, 9, 27))


def test_page_opens_on_the_first_week_before_the_rota_starts():
    window = grid_window(**PERIOD, today=date(2026, 7, 1), requested=None, span="1")
    # The rota starts on a Wednesday: its first page runs Wednesday to Sunday.
    assert (window.start, window.end) == (date(2026, 8, 5), date(2026, 8, 9))
    assert window.previous is None


def test_four_week_page_from_a_requested_date_and_its_neighbours():
    window = grid_window(**PERIOD, today=date(2026, 7, 1), requested=date(2026, 8, 19), span="4")
    assert (window.start, window.end) == (date(2026, 8, 17), date(2026, 9, 13))
    assert window.previous == (date(2026, 8, 5), date(2026, 8, 16))
    assert len(window.days) == 28
    params = paging_params(window)
    assert params["next"]["href"] == "?from=2026-09-14&weeks=4"
    assert params["previous"]["labelText"] == "Wed 5 Aug 2026 to Sun 16 Aug 2026"


def test_last_page_stops_at_the_end_of_the_rota():
    window = grid_window(**PERIOD, today=date(2026, 7, 1), requested=date(2027, 5, 1), span="1")
    assert (window.start, window.end) == (date(2027, 2, 1), date(2027, 2, 2))
    assert window.next is None


def test_show_all_covers_the_whole_rota_with_no_paging():
    window = grid_window(**PERIOD, today=date(2026, 9, 1), requested=None, span="all")
    assert (window.start, window.end) == (PERIOD["period_start"], PERIOD["period_end"])
    assert paging_params(window) is None
    assert [link["current"] for link in span_links(window)] == [False, False, True]


def test_an_unknown_span_shows_one_week():
    window = grid_window(**PERIOD, today=date(2026, 9, 1), requested=None, span="lots")
    assert window.span == "1"
    assert len(window.days) == 7


def test_a_day_touched_by_a_breach_is_marked_with_its_rules():
    breaches = {(1, date(2026, 8, 4)): ("Consecutive nights", "Rest after nights")}
    grid = build_grid(
        days=WEEK_OF_3_AUG, doctors=[ADA], assignments=[], leave=[], breaches=breaches
    )
    marked = cell(grid, 1, date(2026, 8, 4))
    assert marked.classes == "rp-breach"
    assert marked.breach_text == "Breach: Consecutive nights, Rest after nights"
    assert cell(grid, 1, date(2026, 8, 3)).breach_text == ""
    assert cell(grid, 1, date(2026, 8, 3)).classes == ""


def test_a_breach_on_a_weekend_keeps_the_weekend_shading():
    breaches = {(1, date(2026, 8, 8)): ("weekend-frequency",)}
    grid = build_grid(
        days=WEEK_OF_3_AUG, doctors=[ADA], assignments=[], leave=[], breaches=breaches
    )
    assert cell(grid, 1, date(2026, 8, 8)).classes == "rp-weekend rp-breach"
