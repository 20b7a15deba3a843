"""Fixed rota lines as the local rules page shows them."""

from __future__ import annotations

from dataclasses import dataclass

from rotaplan.engine.clock import format_day
from rotaplan.engine.fixed_lines import WEEKDAYS

from ..models import FixedRotaLine


@dataclass(frozen=True, slots=True)
class FixedLineRow:
    line: FixedRotaLine
    doctor: str
    dates: str
    weeks: list[str]
    """Each week as "Week 1: Mon D, Tue D, Wed D"; a week that fixes nothing says so."""


def fixed_line_rows(lines: list[FixedRotaLine]) -> list[FixedLineRow]:
    return [
        FixedLineRow(
            line,
            str(line.doctor),
            f"From {format_day(line.first_monday)}"
            + (f" to {format_day(line.last_day)}" if line.last_day else ", no end"),
            [_week(number, week) for number, week in enumerate(line.weeks, start=1)],
        )
        for line in lines
    ]


def _week(number: int, week: list[str]) -> str:
    days = [f"{day[:3]} {code}" for day, code in zip(WEEKDAYS, week, strict=True) if code]
    return f"Week {number}: " + (", ".join(days) if days else "every day left to the rota")
