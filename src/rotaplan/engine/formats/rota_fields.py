"""What the exchange format and the rota problem check alike: the period, a doctor's rule
set, WTE and opt-out, and whether a shift's times make a shift. One wording for each, so a
person who writes both documents reads the same message for the same slip."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import partial

from rotaplan.engine.clock import format_day, hours_between
from rotaplan.engine.rota import Period, RuleSetName

from .json_reading import JsonReader, shown_value, type_name
from .london_time import exchange_time, parse_iso_date

# A day's shift, or a 24-hour on-call period, plus the hour the October clock change adds.
MAX_SHIFT_HOURS = 25.0

# A rota cycle is a few weeks to a year; three years (with a leap day) leaves room for a
# file of past years while bounding the work every rule and the solver do per day.
MAX_PERIOD_DAYS = 3 * 365 + 1

# The least whole-time equivalent a doctor may have, as the database allows (people.Doctor):
# the solver divides by it to share nights and weekends, and a WTE of 1e-300 overflows.
MIN_WTE = 0.1

_RULE_SET_NAMES = {rule_set.value: rule_set for rule_set in RuleSetName}
RULE_SETS = ", ".join(_RULE_SET_NAMES)
PERIOD_KEYS = ("start", "end")


def period_length_problem(period: Period) -> str | None:
    """How a period is too long, in words to follow "the period is", if it is."""
    days = (period.end - period.start).days + 1
    if days <= MAX_PERIOD_DAYS:
        return None
    return f"{days:,} days; a rota may cover at most {MAX_PERIOD_DAYS:,} (three years)"


def shift_time_problem(start: datetime, end: datetime) -> str | None:
    """What is wrong with a shift's end given its start, if anything. Compared in real time:
    Python compares two London times as wall-clock values, blind to the October hour."""
    hours = hours_between(start, end)
    if hours < 0:
        return f"end {exchange_time(end)} is before start {exchange_time(start)}"
    if hours == 0:
        return f"end equals start ({exchange_time(start)}); a shift must last some time"
    if hours > MAX_SHIFT_HOURS:
        return (
            f"a {hours:g}-hour shift is not a shift: split it into shifts or on-call periods "
            f"(at most {MAX_SHIFT_HOURS:g} hours, a 24-hour on-call across the October clock "
            "change)"
        )
    return None


class RotaFieldReader(JsonReader):
    """The JSON reader with the fields both rota documents share."""

    def period(self, value: object) -> Period | None:
        item = self.mapping(value, "period", "the period", PERIOD_KEYS)
        if item is None:
            return None
        bounds: list[date | None] = []
        for key in PERIOD_KEYS:
            raw = self.required(item, "period", key)
            typed = None if raw is None else self.text(raw, f"period.{key}", f"period {key}")
            parse = partial(parse_iso_date, typed, f"period {key}") if typed else None
            bounds.append(self.parsed(f"period.{key}", parse) if parse else None)
        start, end = bounds
        if start is None or end is None:
            return None
        if end < start:
            self.add(
                "period.end",
                f"the period ends ({format_day(end)}) before it starts ({format_day(start)})",
                end.isoformat(),
            )
            return None
        period = Period(start, end)
        if too_long := period_length_problem(period):
            self.add("period.end", f"the period is {too_long}", end.isoformat())
            return None
        return period

    def rule_set(self, raw: object, path: str) -> RuleSetName | None:
        found = _RULE_SET_NAMES.get(raw) if isinstance(raw, str) else None
        if found is None:
            wrong = shown_value(raw)
            self.add(path, f"unknown rule set {wrong}; the rule sets are {RULE_SETS}", raw)
        return found

    def wte(self, item: Mapping[str, object], path: str) -> float:
        """A doctor's whole-time equivalent, 1.0 when not given."""
        wte = item.get("wte", 1.0)
        if isinstance(wte, bool) or not isinstance(wte, int | float):
            self.add(f"{path}.wte", f"wte must be a number such as 0.6; got {type_name(wte)}", wte)
            return 1.0
        if not MIN_WTE <= wte <= 1:
            self.add(
                f"{path}.wte",
                f"wte (whole-time equivalent) must be at least {MIN_WTE:g} and at most 1; "
                f"got {wte:g}",
                wte,
            )
            return 1.0
        return float(wte)

    def opted_out(self, item: Mapping[str, object], path: str) -> bool:
        """Whether the doctor opted out of the 48-hour average, false when not given."""
        opted_out = item.get("opted_out", False)
        if not isinstance(opted_out, bool):
            self.add(
                f"{path}.opted_out",
                f"opted_out must be true or false; got {type_name(opted_out)}",
                opted_out,
            )
        return opted_out is True
