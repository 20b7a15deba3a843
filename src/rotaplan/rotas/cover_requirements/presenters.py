"""How cover reads on the department's cover page: "2", "1 to 2" or "-" in each cell."""

from __future__ import annotations

from collections.abc import Iterable

from rotaplan.engine.solver.problem import any_of

from ..models import CoverMix, CoverRequirement, ShiftType

SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def cover_text(row: CoverRequirement | None) -> str:
    if row is None:
        return "-"
    return str(row.minimum) if row.minimum == row.ideal else f"{row.minimum} to {row.ideal}"


def weekly_rows(
    shift_types: Iterable[ShiftType], rows: Iterable[CoverRequirement]
) -> list[tuple[ShiftType, list[str]]]:
    """Each shift with its cover on each weekday, Monday first."""
    weekly = {(r.shift_type_id, r.weekday): r for r in rows if r.date is None}
    return [
        (shift, [cover_text(weekly.get((shift.pk, day))) for day in range(7)])
        for shift in shift_types
    ]


def dated_rows(rows: Iterable[CoverRequirement]) -> list[CoverRequirement]:
    """The dated overrides, by date, then shift."""
    return sorted(
        (r for r in rows if r.date is not None), key=lambda r: (r.date, r.shift_type.code)
    )


def mix_text(mix: CoverMix) -> str:
    """ "At least 1 of CT1, CT2 or FY2", "At least 1 with Advanced life support": in the
    coordinator's words."""
    said = f"At least {mix.at_least}"
    if mix.grades:
        said += f" of {any_of(mix.grades)}"
    skills = [c.name for c in mix.competencies.all()]
    if skills:
        said += " with " + " and ".join(skills)
    return said


def mixes_by_shift(mixes: Iterable[CoverMix]) -> dict[int, list[tuple[CoverMix, str]]]:
    found: dict[int, list[tuple[CoverMix, str]]] = {}
    for mix in mixes:
        found.setdefault(mix.shift_type_id, []).append((mix, mix_text(mix)))
    return found
