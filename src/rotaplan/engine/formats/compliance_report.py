"""A compliance report written out: as the JSON object docs/exchange-format.md describes,
for programs, or as text for a person at a terminal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rotaplan.engine.breaches import Breach, ComplianceReport, DoctorFigures
from rotaplan.engine.clock import format_moment

from .london_time import london_iso


def _number(value: float) -> float | int:
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def breach_json(breach: Breach) -> dict[str, object]:
    return {
        "rule": breach.rule,
        "doctor": breach.doctor,
        "start": london_iso(breach.start),
        "end": london_iso(breach.end),
        "value": _number(breach.value),
        "limit": _number(breach.limit),
        "message": breach.message,
        "help": breach.help,
    }


def figures_json(figures: DoctorFigures) -> dict[str, object]:
    return {
        "average_weekly_hours": _number(figures.average_weekly_hours),
        "max_hours_in_168h": _number(figures.max_hours_in_168h),
        "weekends_worked": figures.weekends_worked,
        "weekends_in_period": figures.weekends_in_period,
        "night_shifts": figures.night_shifts,
        "long_shifts": figures.long_shifts,
        "on_call_periods": figures.on_call_periods,
    }


def write_report_json(report: ComplianceReport) -> dict[str, object]:
    """The report as the JSON object docs/exchange-format.md describes."""
    return {
        "compliant": report.compliant,
        "breaches": [breach_json(breach) for breach in report.breaches],
        "derogated": [breach_json(owed) for owed in report.derogated],
        "local": [breach_json(rule) for rule in report.local],
        "doctors": {doctor: figures_json(f) for doctor, f in report.doctors.items()},
    }


_TABLE_HEADINGS = (
    "doctor",
    "avg h/week",
    "max h in 168h",
    "weekends",
    "nights",
    "long shifts",
    "on-call",
)


def format_report_text(report: ComplianceReport, names: Mapping[str, str] | None = None) -> str:
    """The report for a person at a terminal: a verdict, a table of each doctor's figures,
    then each breach as a sentence under its rule and doctor."""
    names = names or {}
    count = len(report.breaches)
    doctors = len(report.doctors)
    if report.compliant:
        verdict = f"Compliant: no breaches for {doctors} doctor{'s' if doctors != 1 else ''}."
    else:
        breached = len({b.doctor for b in report.breaches})
        verdict = (
            f"Not compliant: {count} breach{'es' if count != 1 else ''} "
            f"for {breached} of {doctors} doctor{'s' if doctors != 1 else ''}."
        )
    rows = [
        (
            _named(doctor, names),
            f"{f.average_weekly_hours:.1f}",
            f"{f.max_hours_in_168h:.1f}",
            f"{f.weekends_worked} of {f.weekends_in_period}",
            str(f.night_shifts),
            str(f.long_shifts),
            str(f.on_call_periods),
        )
        for doctor, f in report.doctors.items()
    ]
    lines = [verdict, "", *_table(_TABLE_HEADINGS, rows)]
    for heading, found in (
        ("Breaches:", report.breaches),
        ("Owed under the hospital derogation (not breaches):", report.derogated),
    ):
        if found:
            lines += ["", heading, *(_listed(breach, names) for breach in found)]
    return "\n".join(lines)


def _listed(breach: Breach, names: Mapping[str, str]) -> str:
    return (
        f"- {breach.rule}, {_named(breach.doctor, names)}, "
        f"{format_moment(breach.start)} to {format_moment(breach.end)}: {breach.message}"
    )


def _named(doctor: str, names: Mapping[str, str]) -> str:
    name = names.get(doctor, "")
    return f"{doctor} ({name})" if name and name != doctor else doctor


def _table(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(cells[i]) for cells in [headings, *rows]) for i in range(len(headings))]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest]).rstrip()

    return [line(headings), *(line(cells) for cells in rows)]
