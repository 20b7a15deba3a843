"""``rotaplan jobplan FILE``: a job plan's programmed activities, counted as its contract
counts them, with the warnings a job planning meeting needs.

It needs no database, so it imports only the engine and never sets Django up.

Exit status: 0 the job plan raises no warning; 1 it raises warnings (not 10 PAs for a
full-timer, more than 12, SPA under the trust's policy, activities that must clash, no
PAs at all); 2 the file could not be read (each problem printed to stderr, naming the
JSON path at fault). docs/jobplan-format.md describes the document.
"""

from __future__ import annotations

import json
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any

import typer

from rotaplan.engine.jobplan.contracts import ContractTerms, contract_terms
from rotaplan.engine.jobplan.pas import (
    CATEGORY_NAMES,
    ActivityPAs,
    Breakdown,
    job_plan_pas,
    pas_text,
    when_text,
)
from rotaplan.engine.jobplan.plan import JobPlanInput, OnCall, Weeks, WeeksKind
from rotaplan.engine.jobplan.reader import (
    MAX_JOB_PLAN_BYTES,
    UnreadableJobPlan,
    read_job_plan_bytes,
)

from .files import Echo, shown_path

NO_WARNINGS, WARNINGS, UNREADABLE = 0, 1, 2


class OutputFormat(StrEnum):
    JSON = "json"
    TEXT = "text"


def command(
    file: Annotated[Path, typer.Argument(help="A job plan as JSON (docs/jobplan-format.md)")],
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Report as text for people or JSON")
    ] = OutputFormat.TEXT,
) -> None:
    """Count a job plan's programmed activities (PAs) as its contract counts them, and
    warn of what a job planning meeting should look at. No database is needed. See
    docs/jobplan-format.md.

    Exit status 0 no warnings, 1 warnings, 2 the file could not be read.
    """
    raise typer.Exit(run_jobplan(file, output, echo=typer.echo))


def run_jobplan(file: Path, output: OutputFormat, echo: Echo) -> int:
    plan = read_job_plan_file(file, echo)
    if plan is None:
        return UNREADABLE
    breakdown = job_plan_pas(plan)
    terms = contract_terms(plan.contract)
    if output is OutputFormat.JSON:
        echo(json.dumps(report_json(plan, breakdown, terms), indent=2))
    else:
        echo(report_text(plan, breakdown, terms))
    return WARNINGS if breakdown.warnings else NO_WARNINGS


def read_job_plan_file(file: Path, echo: Echo) -> JobPlanInput | None:
    """The job plan in ``file``, or None with every problem printed. No more than one
    byte past the job plan's bound is ever read."""
    name = shown_path(file)
    try:
        with file.open("rb") as opened:
            data = opened.read(MAX_JOB_PLAN_BYTES + 1)
    except OSError as error:
        echo(f"{name}: cannot be read: {error.strerror or error}.", err=True)
        return None
    try:
        return read_job_plan_bytes(data)
    except UnreadableJobPlan as error:
        for problem in error.problems:
            echo(f"{name}: {problem}", err=True)
        count = len(error.problems)
        echo(f"{name}: {count} problem{'s' if count != 1 else ''}; not counted.", err=True)
        return None


# --- text -------------------------------------------------------------------------------


def report_text(plan: JobPlanInput, breakdown: Breakdown, terms: ContractTerms) -> str:
    lines = [
        f"Job plan: {terms.name}, {pas_text(plan.wte)} WTE, "
        f"{plan.weeks_a_year} working weeks a year",
        "",
        "Activities",
    ]
    if not breakdown.activities:
        lines.append("  none")
    for item in breakdown.activities:
        lines.extend(_activity_lines(item))
    lines.append("")
    if plan.on_call is not None and breakdown.on_call is not None:
        lines.extend(_on_call_lines(plan.on_call, breakdown, terms))
    else:
        lines.append("On-call: none")
    lines.extend(["", "PAs a week by category"])
    for category, value in breakdown.by_category.items():
        lines.append(f"  {CATEGORY_NAMES[category]}: {_pas(value)}")
    lines.append(f"Total: {_pas(breakdown.total)} a week")
    lines.append("")
    if breakdown.warnings:
        lines.append(f"Warnings ({len(breakdown.warnings)})")
        lines.extend(f"  - {warning.message}" for warning in breakdown.warnings)
    else:
        lines.append("Warnings: none")
    lines.extend(["", breakdown.premium_time, _verified_line(terms)])
    return "\n".join(lines)


def _activity_lines(item: ActivityPAs) -> list[str]:
    activity = item.activity
    category = CATEGORY_NAMES[activity.category]
    return [
        f"  {when_text(activity)}, {_weeks_text(activity.weeks)}: {activity.description} "
        f"({category})",
        f"    {pas_text(item.plain_hours)} h plain time, {pas_text(item.premium_hours)} h "
        f"premium time: {_pas(item.pas_per_occurrence)} each time, "
        f"{_pas(item.weekly_pas)} a week",
    ]


def _on_call_lines(on_call: OnCall, breakdown: Breakdown, terms: ContractTerms) -> list[str]:
    found = breakdown.on_call
    assert found is not None
    per_pa = pas_text(terms.on_call_hours_per_pa)
    lines = [
        f"On-call: 1 in {on_call.one_in}, category {on_call.category}",
        f"  predictable work {pas_text(Fraction(on_call.predictable_hours))} h a week: "
        f"{_pas(found.predictable)} a week",
        f"  unpredictable work {pas_text(Fraction(on_call.unpredictable_hours))} h a week: "
        f"{_pas(found.unpredictable)} a week",
        f"  ({per_pa} hours of on-call work to a PA, counted in direct clinical care)",
    ]
    if found.supplement_percent is None:
        lines.append("  Availability supplement: no figure for this frequency")
    else:
        checked = "" if found.supplement_verified else " (not verified)"
        lines.append(
            f"  Availability supplement: {pas_text(found.supplement_percent)}% of basic "
            f"salary{checked}"
        )
    return lines


def _verified_line(terms: ContractTerms) -> str:
    parts = _verified(terms)
    named = {
        "pa_hours": "PA hours",
        "premium_time": "premium time",
        "on_call_work": "on-call work",
        "on_call_supplement": "on-call supplement",
    }
    checked = [named[key] for key, value in parts.items() if value]
    unchecked = [named[key] for key, value in parts.items() if not value]
    if not unchecked:
        return "Every figure of the contract was verified against its source."
    said = f"Not verified against the terms: {', '.join(unchecked)}."
    return said + (f" Verified: {', '.join(checked)}." if checked else "")


def _weeks_text(weeks: Weeks) -> str:
    if weeks.kind is WeeksKind.ONE_IN:
        return f"1 week in {weeks.value}"
    if weeks.kind is WeeksKind.PER_YEAR:
        return f"{weeks.value} weeks a year"
    return "every week"


def _pas(value: Fraction) -> str:
    text = pas_text(value)
    return f"{text} PA" if text == "1" else f"{text} PAs"


# --- JSON -------------------------------------------------------------------------------


def report_json(plan: JobPlanInput, breakdown: Breakdown, terms: ContractTerms) -> dict[str, Any]:
    """The report as JSON: each figure as ``{"value": "2.33", "exact": "7/3"}``, the
    value rounded to 2 places for people and the exact fraction for programs."""
    on_call: dict[str, Any] | None = None
    if plan.on_call is not None and breakdown.on_call is not None:
        found = breakdown.on_call
        on_call = {
            "one_in": plan.on_call.one_in,
            "category": plan.on_call.category.value,
            "predictable_hours": _figure(Fraction(plan.on_call.predictable_hours)),
            "unpredictable_hours": _figure(Fraction(plan.on_call.unpredictable_hours)),
            "predictable_pas": _figure(found.predictable),
            "unpredictable_pas": _figure(found.unpredictable),
            "supplement_percent": (
                None if found.supplement_percent is None else _figure(found.supplement_percent)
            ),
            "supplement_verified": found.supplement_verified,
        }
    return {
        "contract": plan.contract.value,
        "contract_name": terms.name,
        "wte": _figure(plan.wte),
        "weeks_a_year": plan.weeks_a_year,
        "activities": [_activity_json(item) for item in breakdown.activities],
        "on_call": on_call,
        "by_category": {
            category.value: _figure(value) for category, value in breakdown.by_category.items()
        },
        "total": _figure(breakdown.total),
        "warnings": [
            {
                "code": warning.code,
                "message": warning.message,
                "activity_ids": list(warning.activity_ids),
            }
            for warning in breakdown.warnings
        ],
        "premium_time": breakdown.premium_time,
        "verified": _verified(terms),
    }


def _activity_json(item: ActivityPAs) -> dict[str, Any]:
    activity = item.activity
    weeks: str | dict[str, int | None]
    if activity.weeks.kind is WeeksKind.EVERY:
        weeks = "every"
    else:
        weeks = {activity.weeks.kind.value: activity.weeks.value}
    return {
        "id": activity.id,
        "category": activity.category.value,
        "description": activity.description,
        "weekday": when_text(activity)[:3],
        "start": activity.start.strftime("%H:%M"),
        "end": activity.end.strftime("%H:%M"),
        "weeks": weeks,
        "plain_hours": _figure(item.plain_hours),
        "premium_hours": _figure(item.premium_hours),
        "pas_per_occurrence": _figure(item.pas_per_occurrence),
        "weekly_pas": _figure(item.weekly_pas),
    }


def _figure(value: Fraction) -> dict[str, str]:
    return {"value": pas_text(value), "exact": str(value)}


def _verified(terms: ContractTerms) -> dict[str, bool]:
    return {
        "pa_hours": terms.pa_hours_source.verified,
        "premium_time": terms.premium_time.source.verified,
        "on_call_work": terms.on_call_source.verified,
        "on_call_supplement": terms.supplement_source.verified,
    }
