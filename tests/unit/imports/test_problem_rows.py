"""The table of row problems on every import page."""

from rotaplan.engine.formats.input_problems import Problem
from rotaplan.imports.presenters import problem_rows


def test_a_row_problem_is_line_field_value_and_message():
    problem = Problem("Must be 7 digits", line=4, field="gmc_number", value="70123")
    assert problem_rows([problem]) == [
        [{"text": "4"}, {"text": "gmc_number"}, {"text": "70123"}, {"text": "Must be 7 digits"}]
    ]


def test_a_long_value_shows_its_start_only():
    problem = Problem("Not a grade", line=2, field="grade", value="F" * 30_000)
    (row,) = problem_rows([problem])
    assert row[2] == {"text": "F" * 57 + "..."}
