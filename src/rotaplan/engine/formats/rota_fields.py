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

_RULE_SET_NAMES = {rule_set.value: rule_set for rule_set in RuleSetName}
RULE_SETS = ", ".join(_RULE_SET_NAMES)
PERIOD_KEYS = ("start", "end")


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
        return Period(start, end)

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
        if not 0 < wte <= 1:
            self.add(
                f"{path}.wte",
                f"wte (whole-time equivalent) must be more than 0 and at most 1; got {wte:g}",
                wte,
            )
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
