"""A repair run in words: its status as a tag, each change as a sentence a coordinator
can phone through ("Take Dr Ada Patel off Night on Mon 3 Aug 2026"), the gaps it fills and
those it leaves."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from rotaplan.engine.clock import format_day

from ..models import Gap, RepairRun, RepairStatus
from ..presenters import person
from .proposal import ProposedShift, day_of, shifts
from .selectors import gap_repairs, repair_fills

TAG_COLOURS = {
    RepairStatus.QUEUED: "grey",
    RepairStatus.RUNNING: "blue",
    RepairStatus.FINISHED: "green",
    RepairStatus.FAILED: "red",
}


def repair_tag(run: RepairRun) -> dict[str, str]:
    if run.applied_at is not None:
        return {"text": "Applied", "classes": "nhsuk-tag--green"}
    return {
        "text": run.get_status_display(),
        "classes": f"nhsuk-tag--{TAG_COLOURS[RepairStatus(run.status)]}",
    }


def take_off(shift: ProposedShift) -> str:
    return f"Take {shift['doctor']} off {shift['name']} on {format_day(day_of(shift))}"


def put_on(shift: ProposedShift) -> str:
    return f"Put {shift['doctor']} on {shift['name']} on {format_day(day_of(shift))}"


def change_lines(run: RepairRun) -> list[str]:
    """Each change, earliest day first; on the same day, taking off before putting on."""
    lines = [(day_of(s), 0, take_off(s)) for s in shifts(run.proposal, "remove")]
    lines += [(day_of(s), 1, put_on(s)) for s in shifts(run.proposal, "add")]
    return [line for _, _, line in sorted(lines)]


def left_lines(run: RepairRun) -> list[str]:
    """ "Night on Tue 4 Aug 2026: 0 of 1 doctors" and why, for each shift still short."""
    lines = []
    for gap in run.gaps_left:
        day = format_day(date.fromisoformat(gap["date"]))
        of = f" {gap['of']}" if gap.get("of") else ""
        line = f"{gap['name']} on {day}: {gap['rostered']} of {gap['needed']}{of} doctors"
        if gap.get("reasons"):
            line += f" ({'; '.join(gap['reasons'])})"
        lines.append(line)
    return lines


def summary_rows(run: RepairRun) -> list[dict[str, Any]]:
    rows = [
        {"key": {"text": "Absence"}, "value": {"text": absence_words(run)}},
        {"key": {"text": "Rota"}, "value": {"text": run.rota.name}},
        {"key": {"text": "Asked by"}, "value": {"text": person(run.requested_by)}},
        {"key": {"text": "Time taken"}, "value": {"text": _seconds(run)}},
    ]
    if run.applied_at is not None:
        rows.append(
            {
                "key": {"text": "Applied"},
                "value": {"text": f"By {person(run.applied_by)}"},
            }
        )
    return rows


def absence_words(run: RepairRun) -> str:
    if run.first_day == run.last_day:
        return format_day(run.first_day)
    return f"{format_day(run.first_day)} to {format_day(run.last_day)}"


def _seconds(run: RepairRun) -> str:
    if run.finished_yet:
        return f"{run.seconds:.0f} seconds"
    if run.started is None:
        return "Not started yet"
    elapsed = (timezone.now() - run.started).total_seconds()
    return f"{min(elapsed, run.time_limit):.0f} of {run.time_limit} seconds"


def run_context(run: RepairRun, *, can_apply: bool) -> dict[str, Any]:
    """The run page's context; ``can_apply`` whether the user may apply repairs."""
    fills = repair_fills(run) if run.status == RepairStatus.FINISHED else []
    return {
        "title": f"Repair for {run.gap.shift_type.name} on {format_day(run.gap.date)}",
        "run": run,
        "gap": run.gap,
        "status_tag": repair_tag(run),
        "summary": summary_rows(run),
        "polling": not run.finished_yet,
        "changes": change_lines(run),
        "fills": [
            {"gap": g, "text": f"{g.shift_type.name} on {format_day(g.date)}"} for g in fills
        ],
        "left": left_lines(run),
        "can_apply": can_apply and run.status == RepairStatus.FINISHED and run.applied_at is None,
    }


def repair_rows(gap: Gap) -> list[dict[str, Any]]:
    """The repairs asked for a gap, newest first, each linking to its page."""
    return [
        {
            "run": run,
            "status_tag": repair_tag(run),
            "text": f"Asked by {person(run.requested_by)}",
        }
        for run in gap_repairs(gap)
    ]
