"""Reading one job plan as a JSON document (docs/jobplan-format.md) into a
``JobPlanInput``.

Reading checks everything before it gives up, so one run lists every problem in the
document, each naming its JSON path ("activities[2].end: 12:00 is before the start
13:00"). The document is bounded before the work: at most ``MAX_JOB_PLAN_BYTES`` and
``MAX_ACTIVITIES`` activities, nested and numbered within the bounds every Rotaplan JSON
reader keeps (``rotaplan.engine.formats.json_bounds``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from fractions import Fraction

from rotaplan.engine.formats.input_problems import Problem
from rotaplan.engine.formats.json_reading import (
    JsonReader,
    UnreadableJson,
    document_text,
    load_json,
    quoted,
    type_name,
)

from .plan import (
    SESSION_TIMES,
    Category,
    JobPlanContract,
    JobPlanInput,
    OnCall,
    OnCallCategory,
    PlannedActivity,
    Weeks,
    WeeksKind,
)

# One job plan is a few kilobytes; a megabyte is room for any, and bounds the work.
MAX_JOB_PLAN_BYTES = 1024 * 1024
# A full week of 20-minute slots, 7 days long, is about 250; 200 activities is far beyond
# any job plan (10 to 20 is usual).
MAX_ACTIVITIES = 200
# A rota of more than one in 52 is on call less than once a year.
MAX_ONE_IN = 52
# The hours of a week.
MAX_WEEKLY_HOURS = 168
MIN_WTE = Fraction(1, 10)

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

_TOP_KEYS = ("contract", "wte", "weeks_a_year", "minimum_spa", "activities", "on_call")
_ACTIVITY_KEYS = (
    "id",
    "category",
    "description",
    "weekday",
    "session",
    "start",
    "end",
    "weeks",
)
_WEEKS_KEYS = ("one_in", "per_year")
_ON_CALL_KEYS = ("one_in", "category", "predictable_hours", "unpredictable_hours")
_TIME = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")


class UnreadableJobPlan(UnreadableJson):
    """The document is not a job plan whose PAs can be counted."""


def read_job_plan_bytes(data: bytes) -> JobPlanInput:
    """A job plan from a file's bytes; raises ``UnreadableJobPlan`` listing every
    problem. Refused, unread, when larger than ``MAX_JOB_PLAN_BYTES``."""
    if len(data) > MAX_JOB_PLAN_BYTES:
        raise UnreadableJobPlan([too_big(len(data))])
    return read_job_plan(document_text(data, UnreadableJobPlan))


def too_big(size: int) -> Problem:
    return Problem(
        f"The document is {size / 1024:,.0f} KB; a job plan document may be up to "
        f"{MAX_JOB_PLAN_BYTES // 1024:,} KB."
    )


def read_job_plan(text: str) -> JobPlanInput:
    if len(text) > MAX_JOB_PLAN_BYTES:
        raise UnreadableJobPlan([too_big(len(text))])
    return read_job_plan_document(load_json(text, UnreadableJobPlan))


def read_job_plan_document(document: object) -> JobPlanInput:
    """A job plan from a document already parsed within ``load_json``'s bounds."""
    reader = JobPlanReader()
    plan = reader.read(reader.job_plan, document)
    if reader.problems or plan is None:
        raise UnreadableJobPlan(reader.problems)
    return plan


@dataclass(frozen=True, slots=True)
class _Slot:
    start: time
    end: time


class JobPlanReader(JsonReader):
    def job_plan(self, document: object) -> JobPlanInput | None:
        top = self.mapping(document, "", "the job plan", _TOP_KEYS)
        if top is None:
            return None
        contract = self.contract(top)
        wte = self.number(top, "", "wte", Fraction(1), least=MIN_WTE, most=Fraction(1))
        weeks_a_year = self.whole(top, "", "weeks_a_year", 42, least=1, most=52)
        minimum_spa = self.number(
            top, "", "minimum_spa", Fraction(3, 2), least=Fraction(0), most=Fraction(12)
        )
        activities = self.activities(top.get("activities"), weeks_a_year)
        on_call = self.on_call(top.get("on_call"))
        if self.problems or contract is None:
            return None
        return JobPlanInput(
            contract=contract,
            activities=tuple(activities),
            wte=wte,
            weeks_a_year=weeks_a_year,
            on_call=on_call,
            minimum_spa=minimum_spa,
        )

    def contract(self, top: Mapping[str, object]) -> JobPlanContract | None:
        raw = self.required(top, "", "contract")
        if raw is None:
            return None
        known = ", ".join(contract.value for contract in JobPlanContract)
        if isinstance(raw, str):
            for contract in JobPlanContract:
                if contract.value == raw.strip():
                    return contract
        self.add("contract", f"unknown contract; the contracts are {known}", raw)
        return None

    def number(
        self,
        item: Mapping[str, object],
        path: str,
        key: str,
        default: Fraction,
        *,
        least: Fraction,
        most: Fraction,
    ) -> Fraction:
        """A number as an exact fraction: 0.6 is 3/5, as it was written, not the float
        nearest it."""
        where = f"{path}.{key}" if path else key
        raw = item.get(key)
        if raw is None:
            return default
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            self.add(where, f"must be a number such as 1.5; got {type_name(raw)}", raw)
            return default
        value = Fraction(str(raw))
        if not least <= value <= most:
            self.add(
                where,
                f"must be from {_shown(least)} to {_shown(most)}; got {raw:g}",
                raw,
            )
            return default
        return value

    def whole(
        self,
        item: Mapping[str, object],
        path: str,
        key: str,
        default: int,
        *,
        least: int,
        most: int,
    ) -> int:
        where = f"{path}.{key}" if path else key
        raw = item.get(key)
        if raw is None:
            return default
        if isinstance(raw, bool) or not isinstance(raw, int):
            self.add(where, f"must be a whole number; got {type_name(raw)}", raw)
            return default
        if not least <= raw <= most:
            self.add(where, f"must be from {least} to {most}; got {raw}", raw)
            return default
        return raw

    def activities(self, value: object, weeks_a_year: int) -> list[PlannedActivity]:
        found: list[PlannedActivity] = []
        first_seen: dict[str, int] = {}
        raw_items = self.items(value, "activities", "activities", most=MAX_ACTIVITIES)
        for index, raw in enumerate(raw_items):
            path = f"activities[{index}]"
            item = self.mapping(raw, path, "an activity", _ACTIVITY_KEYS)
            if item is None:
                continue
            activity = self.activity(item, path, weeks_a_year)
            raw_id = item.get("id")
            activity_id = raw_id.strip() if isinstance(raw_id, str) else ""
            if activity_id in first_seen:
                self.add(
                    f"{path}.id",
                    f"activity {quoted(activity_id)} is listed twice "
                    f"(activities[{first_seen[activity_id]}] and {path}); ids must be unique",
                    activity_id,
                )
            elif activity_id:
                first_seen[activity_id] = index
                if activity is not None:
                    found.append(activity)
        return found

    def activity(
        self, item: Mapping[str, object], path: str, weeks_a_year: int
    ) -> PlannedActivity | None:
        before = len(self.problems)
        raw_id = self.required(item, path, "id")
        activity_id = None if raw_id is None else self.text(raw_id, f"{path}.id", "an id")
        category = self.category(item, path)
        raw_description = item.get("description", activity_id or "")
        description = self.text(
            raw_description, f"{path}.description", "description", empty_ok=True
        )
        weekday = self.weekday(item, path)
        slot = self.slot(item, path)
        weeks = self.weeks(item.get("weeks", "every"), f"{path}.weeks", weeks_a_year)
        if len(self.problems) > before:
            return None
        if activity_id is None or category is None or weekday is None or slot is None:
            return None
        if weeks is None:
            return None
        return PlannedActivity(
            id=activity_id,
            category=category,
            description=description or activity_id,
            weekday=weekday,
            start=slot.start,
            end=slot.end,
            weeks=weeks,
        )

    def category(self, item: Mapping[str, object], path: str) -> Category | None:
        raw = self.required(item, path, "category")
        if raw is None:
            return None
        for category in Category:
            if isinstance(raw, str) and raw.strip().lower() == category.value:
                return category
        known = ", ".join(category.value for category in Category)
        self.add(f"{path}.category", f"unknown category; the categories are {known}", raw)
        return None

    def weekday(self, item: Mapping[str, object], path: str) -> int | None:
        raw = self.required(item, path, "weekday")
        if raw is None:
            return None
        if isinstance(raw, str):
            typed = raw.strip()[:3].title()
            if typed in WEEKDAYS and raw.strip().title() in (typed, _full_day(typed)):
                return WEEKDAYS.index(typed)
        self.add(
            f"{path}.weekday", f"must be one of {', '.join(WEEKDAYS)}; got {_written(raw)}", raw
        )
        return None

    def slot(self, item: Mapping[str, object], path: str) -> _Slot | None:
        """The activity's times: a session, or a start and an end; not both."""
        has_session = "session" in item
        has_times = "start" in item or "end" in item
        if has_session and has_times:
            self.add(
                f"{path}.session",
                "give a session or a start and an end, not both",
                item.get("session"),
            )
            return None
        if has_session:
            raw = item.get("session")
            if isinstance(raw, str) and raw.strip().lower() in SESSION_TIMES:
                return _Slot(*SESSION_TIMES[raw.strip().lower()])
            self.add(
                f"{path}.session",
                f"must be one of {', '.join(SESSION_TIMES)} (09:00 to 13:00, 13:00 to 17:00, "
                f"17:00 to 21:00); got {_written(raw)}",
                raw,
            )
            return None
        if not has_times:
            self.add(path, "give a session (morning, afternoon, evening) or a start and an end")
            return None
        start = self.clock_time(item, path, "start")
        end = self.clock_time(item, path, "end")
        if start is None or end is None:
            return None
        if end < start:
            self.add(
                f"{path}.end",
                f"{_hhmm(end)} is before the start {_hhmm(start)}; an activity ends on the "
                "day it starts (work past midnight is two activities)",
                _hhmm(end),
            )
            return None
        if end == start:
            self.add(
                f"{path}.end",
                f"{_hhmm(end)} is the same as the start; an activity must last some time",
                _hhmm(end),
            )
            return None
        return _Slot(start, end)

    def clock_time(self, item: Mapping[str, object], path: str, key: str) -> time | None:
        raw = self.required(item, path, key)
        if raw is None:
            return None
        match = _TIME.fullmatch(raw.strip()) if isinstance(raw, str) else None
        if match is None:
            self.add(
                f"{path}.{key}",
                f"must be a time from 00:00 to 23:59 written HH:MM, such as 09:00; "
                f"got {_written(raw)}",
                raw,
            )
            return None
        return time(int(match[1]), int(match[2]))

    def weeks(self, raw: object, path: str, weeks_a_year: int) -> Weeks | None:
        if raw == "every":
            return Weeks()
        if isinstance(raw, str) or not isinstance(raw, dict):
            self.add(
                path,
                f'must be "every", {{"one_in": N}} or {{"per_year": K}}; got {_written(raw)}',
                raw,
            )
            return None
        item = self.mapping(raw, path, "the weeks", _WEEKS_KEYS)
        if item is None:
            return None
        if len(item) != 1:
            self.add(path, 'give one of {"one_in": N} or {"per_year": K}', raw)
            return None
        key = "one_in" if "one_in" in item else "per_year"
        if key not in item or self.required(item, path, key) is None:
            return None
        if key == "one_in":
            one_in = self.whole(item, path, "one_in", 0, least=1, most=MAX_ONE_IN)
            return Weeks(WeeksKind.ONE_IN, one_in) if one_in else None
        per_year = self.whole(item, path, "per_year", 0, least=1, most=weeks_a_year)
        return Weeks(WeeksKind.PER_YEAR, per_year) if per_year else None

    def on_call(self, value: object) -> OnCall | None:
        if value is None:
            return None
        item = self.mapping(value, "on_call", "the on-call commitment", _ON_CALL_KEYS)
        if item is None:
            return None
        before = len(self.problems)
        raw_one_in = self.required(item, "on_call", "one_in")
        one_in = (
            None
            if raw_one_in is None
            else self.whole(item, "on_call", "one_in", 0, least=1, most=MAX_ONE_IN)
        )
        category = self.on_call_category(item)
        hours = [
            self.number(
                item,
                "on_call",
                key,
                Fraction(0),
                least=Fraction(0),
                most=Fraction(MAX_WEEKLY_HOURS),
            )
            for key in ("predictable_hours", "unpredictable_hours")
        ]
        if len(self.problems) > before or not one_in or category is None:
            return None
        return OnCall(one_in, category, hours[0], hours[1])

    def on_call_category(self, item: Mapping[str, object]) -> OnCallCategory | None:
        raw = self.required(item, "on_call", "category")
        if raw is None:
            return None
        if isinstance(raw, str) and raw.strip().upper() in ("A", "B"):
            return OnCallCategory(raw.strip().upper())
        self.add(
            "on_call.category",
            "must be A (return to site at once) or B (telephone advice or come in later); "
            f"got {_written(raw)}",
            raw,
        )
        return None


def _full_day(short: str) -> str:
    return {
        "Mon": "Monday",
        "Tue": "Tuesday",
        "Wed": "Wednesday",
        "Thu": "Thursday",
        "Fri": "Friday",
        "Sat": "Saturday",
        "Sun": "Sunday",
    }[short]


def _hhmm(moment: time) -> str:
    return moment.strftime("%H:%M")


def _shown(value: Fraction) -> str:
    return f"{float(value):g}"


def _written(raw: object) -> str:
    return quoted(raw) if isinstance(raw, str) else type_name(raw)
