"""The rules engine: judge a planned rota against the 2016 TCS and the WTR.

``check_rota(rota)`` returns a :class:`~rotaplan.engine.breaches.ComplianceReport`.
Each rule is a function ``(doctor, shifts, period, limits) -> Iterator[Breach]`` in a small
module (``hours``, ``runs``, ``rest``, ``shifts``, ``on_call``, ``weekends``, ``actuals``);
``registry`` maps rule ids to functions per rule set; ``facts`` holds the shared
definitions (night, long, weekend, runs of days); ``limits`` holds every limit as data,
versioned by date.
"""

from __future__ import annotations

from .check import check_rota, doctor_figures
from .limits import Limits, limits_on
from .registry import RULE_SETS, RULES_NOT_CHECKABLE_FROM_PLAN

__all__ = [
    "RULES_NOT_CHECKABLE_FROM_PLAN",
    "RULE_SETS",
    "Limits",
    "check_rota",
    "doctor_figures",
    "limits_on",
]
