"""What the solver said about a generated rota, kept as JSON on its ``GenerationRun``:
the gaps and why, the requests it could not honour, and each doctor's share of the
unsocial work. The run page reads it back long after the solver has gone."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rotaplan.engine.solver.outcome import FAIRNESS_KINDS, GeneratedRota
from rotaplan.engine.solver.problem import Request

from ..models import RotaRequest


def result_summary(
    generated: GeneratedRota,
    names: Mapping[str, str],
    requests: list[tuple[RotaRequest, Request]],
) -> dict[str, Any]:
    """The JSON kept on the run. ``names`` maps the problem's doctor ids to names;
    ``requests`` pairs each stored request with the one the solver was given."""
    stored_of = {id(solver): stored for stored, solver in requests}
    by_value = {solver: stored for stored, solver in requests}
    request_rows = []
    for outcome in generated.requests:
        stored = stored_of.get(id(outcome.request)) or by_value.get(outcome.request)
        request_rows.append(
            {
                "request_id": stored.pk if stored is not None else None,
                "doctor_id": int(outcome.request.doctor),
                "doctor": names.get(outcome.request.doctor, outcome.request.doctor),
                "kind": str(outcome.request.kind),
                "dates": [d.isoformat() for d in outcome.request.dates],
                "shift": outcome.request.shift,
                "weight": outcome.request.weight,
                "note": stored.note if stored is not None else "",
                "honoured": outcome.honoured,
                "message": outcome.message,
            }
        )
    fairness = generated.fairness
    return {
        "status": str(generated.status),
        "message": generated.message,
        "objective": generated.objective,
        "bound": generated.bound,
        "seconds": round(generated.seconds, 1),
        "shifts": len(generated.shifts),
        "gaps": [
            {
                "date": gap.day.isoformat(),
                "shift": gap.shift,
                "needed": gap.needed,
                "rostered": gap.rostered,
                "below": gap.below,
                "of": gap.of,
                "reasons": list(gap.reasons),
            }
            for gap in generated.gaps
        ],
        "capacity": [c.message for c in generated.capacity],
        "requests": request_rows,
        "fairness": {
            "rows": [
                {
                    "doctor_id": int(row.doctor),
                    "doctor": names.get(row.doctor, row.doctor),
                    "tier": row.tier,
                    "wte": row.wte,
                    "share": round(row.share, 3),
                    "nights": row.nights,
                    "weekends": row.weekends,
                    "long_days": row.long_days,
                    "hours": round(row.hours, 1),
                    **{
                        f"{kind}_per_share": round(row.per_share(kind), 2)
                        for kind in FAIRNESS_KINDS
                    },
                }
                for row in fairness.rows
            ],
            "spread": {kind: fairness.spread(kind) for kind in FAIRNESS_KINDS},
            "tiers": [
                {"tier": tier, **{kind: fairness.spread(kind, tier) for kind in FAIRNESS_KINDS}}
                for tier in fairness.tiers()
            ],
        },
    }
