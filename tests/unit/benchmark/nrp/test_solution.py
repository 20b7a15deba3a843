import pytest

from rotaplan.benchmark.nrp.solution import SolutionError, read_solution_csv, write_solution_csv


def test_csv_round_trip_sorted_by_employee_order_then_day(tiny):
    roster = {("B", 1): "L", ("A", 1): "L", ("B", 0): "L", ("A", 0): "E"}
    text = write_solution_csv(roster, tiny)
    assert text == "employee,day,shift\nA,0,E\nA,1,L\nB,0,L\nB,1,L\n"
    assert read_solution_csv(text, tiny) == roster
    assert read_solution_csv(text.replace("\n", "\r\n"), tiny) == roster


def test_empty_roster_writes_only_the_header(tiny):
    assert write_solution_csv({}, tiny) == "employee,day,shift\n"
    assert read_solution_csv("employee,day,shift\n", tiny) == {}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Z,0,E", "line 3: unknown employee 'Z'"),
        ("A,0,X", "line 3: unknown shift 'X'"),
        ("A,3,E", "line 3: day 3 is outside the horizon 0..2"),
        ("A,-1,E", "line 3: day -1 is outside the horizon 0..2"),
        ("A,one,E", "line 3: day must be a whole number, not 'one'"),
        ("A,0", "line 3: expected 3 fields"),
        ("A,1,L", "line 3: employee A already has shift E on day 1 (line 2)"),
    ],
)
def test_bad_rows_are_refused_with_their_line(tiny, row, message):
    text = f"employee,day,shift\nA,1,E\n{row}\n"
    with pytest.raises(SolutionError) as caught:
        read_solution_csv(text, tiny)
    assert str(caught.value).startswith(message)
    assert caught.value.line == 3


def test_header_is_required(tiny):
    with pytest.raises(SolutionError, match="line 1: the header must be employee,day,shift"):
        read_solution_csv("A,0,E\n", tiny)
    with pytest.raises(SolutionError, match="the file is empty"):
        read_solution_csv("", tiny)
