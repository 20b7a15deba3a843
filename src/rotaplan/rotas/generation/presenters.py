"""How a generation run reads on its page: its status as a tag, its progress figures, and
what the solver said about gaps, requests and fairness."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from ..models import GenerationRun, RunStatus

RUN_TAG_COLOURS = {
    RunStatus.QUEUED: "grey",
    RunStatus.RUNNING: "blue",
    RunStatus.SUCCEEDED: "green",
    RunStatus.FAILED: "red",
    RunStatus.CANCELLED: "orange",
}


def run_status_tag(status: str) -> dict[str, str]:
    return {"text": RunStatus(status).label, "colour": RUN_TAG_COLOURS[RunStatus(status)]}


def number(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def progress_rows(run: GenerationRun, elapsed: float) -> list[dict[str, Any]]:
    """The run's progress as summary-list rows, after its status. While it runs, the time
    is counted against the limit and never past it (building and checking the rota take a
    moment after the search stops); once it has finished, the time it took, and what the
    search proved."""
    finished = run.finished_yet
    if finished:
        time_taken = f"{elapsed:.0f} seconds"
    else:
        time_taken = f"{min(elapsed, run.time_limit):.0f} of {run.time_limit} seconds"
    best = number(run.objective) or ("No rota found" if finished else "No rota found yet")
    if run.bound:
        possible = number(run.bound)
    else:  # 0 or none: the search proved nothing about the best score
        possible = "Not worked out in the time allowed" if finished else "Not known yet"
    return [
        {"key": {"text": "Time taken"}, "value": {"text": time_taken}},
        {
            "key": {"text": "Best score" if finished else "Best score so far"},
            "value": {"text": best},
        },
        {"key": {"text": "Best score possible"}, "value": {"text": possible}},
        {"key": {"text": "Rotas found"}, "value": {"text": str(run.solutions)}},
    ]


def run_context(run: GenerationRun, *, can_cancel: bool) -> dict[str, Any]:
    """The run page's context; ``can_cancel`` whether the user may cancel the run."""
    elapsed = run.seconds
    if run.status == RunStatus.RUNNING and run.started is not None:
        elapsed = max(elapsed, (timezone.now() - run.started).total_seconds())
    result = run.result or {}
    requests = result.get("requests", [])
    fairness = result.get("fairness", {"rows": [], "spread": {}})
    return {
        "title": f"Rota generation, {run.department.name}",
        "run": run,
        "department": run.department,
        "status": run_status_tag(run.status),
        "progress": progress_rows(run, elapsed),
        "can_cancel": not run.finished_yet and not run.cancel_requested and can_cancel,
        "polling": not run.finished_yet,
        "gaps": [{**gap, "day": date.fromisoformat(gap["date"])} for gap in result.get("gaps", [])],
        "capacity": result.get("capacity", []),
        "not_honoured": [
            {**r, "days": [date.fromisoformat(d) for d in r["dates"]]}
            for r in requests
            if not r["honoured"]
        ],
        "honoured_count": sum(1 for r in requests if r["honoured"]),
        "requests_count": len(requests),
        "fairness_tiers": fairness_tiers(fairness),
        "breaches_with_published": result.get("breaches_with_published", 0),
        "breaches_summary": result.get("breaches_summary", ""),
    }


def fairness_tiers(fairness: dict[str, Any]) -> list[dict[str, Any]]:
    """The fairness rows by tier, each doctor's figure with its figure per full-time
    share of the days available, and the tier's spread. A run kept before tiers were
    reckoned holds its rows per WTE and one spread: shown as one tier."""
    spreads = {t["tier"]: t for t in fairness.get("tiers", [])}
    kept = fairness.get("spread", {})
    tiers: dict[str, list[dict[str, Any]]] = {}
    for row in fairness.get("rows", []):
        tiers.setdefault(row.get("tier", ""), []).append(row)
    shown = []
    for tier, rows in tiers.items():
        spread = spreads.get(tier, kept)
        shown.append(
            {
                "tier": tier,
                "rows": [
                    {
                        "doctor": row["doctor"],
                        "wte": row["wte"],
                        **{
                            kind: _with_share(row, kind)
                            for kind in ("nights", "weekends", "long_days", "hours")
                        },
                    }
                    for row in rows
                ],
                "spread": {
                    kind: "" if spread.get(kind) is None else f"{spread[kind]:g}"
                    for kind in ("nights", "weekends", "long_days", "hours")
                },
            }
        )
    return shown


def _with_share(row: dict[str, Any], kind: str) -> str:
    per = row.get(f"{kind}_per_share", row.get(f"{kind}_per_wte"))
    value = f"{row[kind]:g}"
    return value if per is None else f"{value} ({per:g})"
