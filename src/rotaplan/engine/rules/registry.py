"""Which rules each rule set applies, by rule id.

``tcs2016`` applies every TCS rule and every WTR rule: doctors in training are workers
under the WTR too. Where the two measure the same thing (``avg-weekly-hours`` and
``wtr-avg-48h`` for a doctor who has not opted out; ``min-rest-between-shifts`` and
``wtr-daily-rest`` for a short rest) both are reported, each under its own id, because they
are different obligations with different remedies and a report should not hide either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from types import MappingProxyType

from ..breaches import Breach
from ..rota import DoctorTerms, Period, RuleSetName
from . import actuals, hours, on_call, rest, runs, shifts, weekends
from .facts import ShiftFacts
from .limits import Limits

Rule = Callable[[DoctorTerms, Sequence[ShiftFacts], Period, Limits], Iterator[Breach]]

TCS_RULES: Mapping[str, Rule] = MappingProxyType(
    {
        "avg-weekly-hours": hours.avg_weekly_hours,
        "max-72h-in-168h": hours.max_72h_in_168h,
        "max-shift-length": shifts.max_shift_length,
        "max-consecutive-shifts": runs.max_consecutive_shifts,
        "max-consecutive-long-shifts": runs.max_consecutive_long_shifts,
        "max-consecutive-long-evening-shifts": runs.max_consecutive_long_evening_shifts,
        "max-consecutive-nights": runs.max_consecutive_nights,
        "rest-after-nights": runs.rest_after_nights,
        "min-rest-between-shifts": rest.min_rest_between_shifts,
        "weekend-frequency": weekends.weekend_frequency,
        "max-on-call-length": on_call.max_on_call_length,
        "consecutive-on-call": on_call.consecutive_on_call,
        "max-on-call-per-7-days": on_call.max_on_call_per_7_days,
        "day-after-on-call": on_call.day_after_on_call,
        "on-call-rest": actuals.on_call_rest,
        "breaks": actuals.breaks,
    }
)

WTR_RULES: Mapping[str, Rule] = MappingProxyType(
    {
        "wtr-avg-48h": hours.wtr_avg_48h,
        "wtr-daily-rest": rest.wtr_daily_rest,
        "wtr-weekly-rest": rest.wtr_weekly_rest,
        "wtr-break": actuals.wtr_break,
        "wtr-night-average": hours.wtr_night_average,
    }
)

#: Rota errors rather than contract rules: applied under every rule set.
COMMON_RULES: Mapping[str, Rule] = MappingProxyType(
    {"overlapping-shifts": shifts.overlapping_shifts}
)

RULE_SETS: Mapping[RuleSetName, Mapping[str, Rule]] = MappingProxyType(
    {
        RuleSetName.TCS2016: MappingProxyType({**TCS_RULES, **WTR_RULES, **COMMON_RULES}),
        RuleSetName.WTR: MappingProxyType({**WTR_RULES, **COMMON_RULES}),
    }
)

#: Rules that need recorded actual work and so never report on a plan (see ``actuals``).
RULES_NOT_CHECKABLE_FROM_PLAN: tuple[str, ...] = ("on-call-rest", "breaks", "wtr-break")
