import pytest

from rotaplan.benchmark.nrp.instance import InstanceError, read_instance, read_instance_file

from .conftest import TINY


def test_tiny_instance_is_read_in_full(tiny):
    assert tiny.name == "tiny"
    assert tiny.horizon == 3
    assert [(s.id, s.minutes, s.cannot_follow) for s in tiny.shifts] == [
        ("E", 480, frozenset()),
        ("L", 600, frozenset({"E"})),
    ]
    a, b = tiny.staff
    assert a.id == "A"
    assert a.max_shifts == {"E": 2, "L": 1}
    assert (
        a.max_total_minutes,
        a.min_total_minutes,
        a.max_consecutive_shifts,
        a.min_consecutive_shifts,
        a.min_consecutive_days_off,
        a.max_weekends,
    ) == (1500, 480, 2, 1, 1, 1)
    assert b.max_shifts == {"L": 3}
    assert tiny.days_off == {"A": frozenset({2}), "B": frozenset()}
    assert [(r.employee, r.day, r.shift, r.weight) for r in tiny.shift_on_requests] == [
        ("A", 0, "E", 2),
        ("B", 2, "E", 3),
    ]
    assert [(r.employee, r.day, r.shift, r.weight) for r in tiny.shift_off_requests] == [
        ("A", 1, "L", 4),
        ("B", 0, "E", 1),
    ]
    assert len(tiny.cover) == 6
    assert (tiny.cover[4].day, tiny.cover[4].shift, tiny.cover[4].requirement) == (2, "E", 0)
    assert (tiny.cover[0].weight_under, tiny.cover[0].weight_over) == (10, 1)


def _sections(text: str) -> list[str]:
    return text.strip("\n").split("\n\n")


def test_crlf_and_sections_in_any_order_read_the_same(tiny):
    sections = _sections(TINY)
    reordered = "\n\n".join(reversed(sections[1:])) + "\n\n" + sections[0]
    again = read_instance(reordered.replace("\n", "\r\n"), name="tiny")
    assert again == tiny


def test_read_instance_file_names_the_instance_after_the_file(tmp_path):
    path = tmp_path / "Mine.txt"
    path.write_text(TINY.replace("\n", "\r\n"), encoding="utf-8", newline="")
    assert read_instance_file(path).name == "Mine"


def _line_of(text: str, fragment: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(fragment):
            return number
    raise AssertionError(fragment)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("SECTION_COVER", "SECTION_COVERS", "unknown section 'SECTION_COVERS'"),
        ("B,L=3,1700,0,3,1,1,1", "B,L=3,1700,0,3,1,1", "SECTION_STAFF rows have 8 fields"),
        ("1,L,1,10,1", "1,L,1,10", "SECTION_COVER rows have 5 fields"),
        ("B,2,E,3", "B,2,X,3", "unknown shift 'X'"),
        ("L,600,E", "L,600,E|N", "unknown shift 'N' in ShiftsThatCannotFollow"),
        ("B,L=3,1700,0,3,1,1,1", "B,N=3,1700,0,3,1,1,1", "unknown shift 'N'"),
        ("A,1,L,4", "Z,1,L,4", "unknown employee 'Z'"),
        ("A,2", "Q,2", "unknown employee 'Q'"),
        ("A,2", "A,3", "day 3 is outside the horizon 0..2"),
        ("2,E,0,10,1", "-1,E,0,10,1", "day -1 is outside the horizon 0..2"),
        ("A,0,E,2", "A,0,E,two", "weight must be a whole number, not 'two'"),
        ("E,480,", "E,8h,", "shift length must be a whole number, not '8h'"),
        ("A,E=2|L=1,1500", "A,E=2|L,1500", "MaxShifts entry 'L' is not ShiftID=number"),
    ],
)
def test_bad_input_names_the_line(old, new, message):
    text = TINY.replace(old, new, 1)
    with pytest.raises(InstanceError) as caught:
        read_instance(text, name="tiny")
    assert caught.value.line == _line_of(text, new)
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"tiny: line {caught.value.line}: ")


def test_bad_horizon_and_missing_section():
    with pytest.raises(InstanceError, match="line 3: horizon must be a whole number"):
        read_instance(TINY.replace("\n3\n", "\nthree\n", 1))
    cut = TINY[: TINY.index("SECTION_COVER")]
    with pytest.raises(InstanceError, match="SECTION_COVER is missing") as caught:
        read_instance(cut)
    assert caught.value.line == 0


def test_repeated_cover_row_is_refused():
    text = TINY + "0,E,2,10,1\n"
    with pytest.raises(InstanceError, match="repeats line") as caught:
        read_instance(text)
    assert caught.value.line == len(text.rstrip("\n").split("\n"))
