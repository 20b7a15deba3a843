"""Reading a rota problem from the JSON document docs/rota-problem.md describes.

Like the exchange format's reader it checks everything before it gives up, so one run lists
every problem, each naming its JSON path ("demand[3].shift"); a document with any problem
raises ``UnreadableProblem``. The problem itself is plain data (``engine.solver.problem``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, time, timedelta
from functools import partial
from typing import TypeVar

from rotaplan.engine.clock import format_day
from rotaplan.engine.rota import Period, RuleSetName, ShiftKind
from rotaplan.engine.rules.local import LocalRules, NeverAlone
from rotaplan.engine.solver.problem import (
    CoverDemand,
    CoverMix,
    Fixed,
    FixedShift,
    FixedTime,
    Policy,
    ProblemDoctor,
    Reason,
    Request,
    RequestKind,
    RotaProblem,
    ShiftTypeSpec,
    Unavailable,
    any_of,
    lacks,
    qualified,
)

from .cell_values import FieldProblem, got
from .input_problems import Problem
from .json_reading import (
    UnreadableJson,
    document_text,
    listed,
    load_json,
    quoted,
    shown_value,
    type_name,
)
from .london_time import parse_iso_date, parse_london_datetime
from .rota_fields import RotaFieldReader, shift_time_problem

T = TypeVar("T")


class UnreadableProblem(UnreadableJson):
    """The document is not a rota problem."""


def read_problem_bytes(data: bytes) -> RotaProblem:
    """A rota problem from a file's bytes: UTF-8 (a byte order mark allowed), refused unread
    when larger than ``MAX_DOCUMENT_BYTES``; raises ``UnreadableProblem``."""
    return read_problem(document_text(data, UnreadableProblem))


def read_problem(text: str) -> RotaProblem:
    """A rota problem from its JSON document; raises ``UnreadableProblem`` listing every
    problem."""
    document = load_json(text, UnreadableProblem)
    reader = ProblemReader()
    problem = reader.read(reader.problem, document)
    if reader.problems or problem is None:
        raise UnreadableProblem(reader.problems)
    return problem


_TOP_KEYS = (
    "period",
    "rule_set",
    "doctors",
    "shift_types",
    "demand",
    "unavailable",
    "fixed",
    "requests",
    "policies",
    "local_rules",
)
_LOCAL_KEYS = (
    "max_nights_in_a_row",
    "max_weekends_in_a_row",
    "whole_weekends",
    "never_alone",
    "apart",
    "together",
)
_NEVER_ALONE_KEYS = ("grades", "shifts")
_DOCTOR_KEYS = ("id", "name", "grade", "competencies", "wte", "opted_out", "rule_set")
_SHIFT_TYPE_KEYS = ("code", "name", "start", "end", "kind", "grades", "competencies")
_DEMAND_KEYS = ("date", "until", "shift", "minimum", "ideal", "mix")
_MIX_KEYS = ("at_least", "grades", "competencies")
_UNAVAILABLE_KEYS = ("doctor", "date", "until", "reason")
_FIXED_KEYS = ("doctor", "date", "shift", "start", "end", "label", "kind")
_REQUEST_KEYS = ("doctor", "kind", "dates", "weekend", "shift", "weight")
_SHIFT_KINDS = {k.value: k for k in ShiftKind}
_REASONS = {r.value: r for r in Reason}
_REQUEST_KINDS = {k.value: k for k in RequestKind}
_POLICIES = {p.value: p for p in Policy}
_TIME = re.compile(r"(\d{2}):(\d{2})")
# How many near-qualified doctors a message about an unstaffable shift type names.
_CLOSEST = 3

# How many entries each list may hold, checked before any is read: a large trust's doctors
# and shift types, and years of cover, leave and published shifts.
MAX_DOCTORS = 5_000
MAX_SHIFT_TYPES = 200
MAX_ENTRIES = 1_000_000
# The days the date ranges (``date`` to ``until``) may name in all: one line of 60 bytes
# can name three years, so without this bound a few megabytes would name a billion days.
MAX_DAYS_NAMED = 5_000_000
# Doctors a shift needs, and a request's weight: the solver holds them in 64 bits, and the
# pages allow 50 doctors and weights 1 to 3.
MAX_COUNT = 1_000
# The solver's grid, doctors x days x shift types, each cell a decision it models before it
# searches (and before its time limit runs): 438,000 cells took 9 s and 380 MB to build on
# a 2-core machine. A department's 26-week rota is about 16,000 (30 doctors, 3 shift types).
MAX_GRID_CELLS = 1_000_000


def parse_clock_time(value: str, label: str) -> time:
    match = _TIME.fullmatch(value)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise FieldProblem(f"{label} must be a 24-hour time such as 08:00; {got(value)}")
    return time(int(match[1]), int(match[2]))


class ProblemReader(RotaFieldReader):
    """The checks both rota documents share (objects, keys, lists, text, the period and a
    doctor's terms), and the problem document's own entries."""

    def __init__(self) -> None:
        super().__init__()
        # Every id and code named, so that a reference to an entry with a problem of its
        # own is not also called unknown.
        self.doctor_ids: set[str] = set()
        self.shift_index: dict[str, int] = {}
        self.days_named = 0
        # Each part of a shift's mix of grades, where it was given: checked once the
        # doctors are known, like a shift type no doctor may work.
        self.mixes: list[tuple[str, str, CoverMix]] = []

    def problem(self, document: object) -> RotaProblem | None:
        top = self.mapping(document, "", "the rota problem", _TOP_KEYS)
        if top is None:
            return None
        period = self.period(top.get("period"))
        rule_set = self.rule_set(top.get("rule_set", RuleSetName.TCS2016.value), "rule_set")
        doctors = self.doctor_entries(top.get("doctors"))
        shift_types = self.shift_types(top.get("shift_types"))
        self.grid_size(period, doctors, shift_types)
        demand = self.demand(top.get("demand", []), period)
        known = self.doctor_ids
        unavailable = self.unavailable(top.get("unavailable", []), period, known)
        fixed = self.fixed(top.get("fixed", []), period, known)
        requests = self.requests(top.get("requests", []), period, known)
        self.unstaffable(doctors, shift_types, demand)
        policies = self.policies(top.get("policies", {}))
        local = self.local_rules(top.get("local_rules", {}), known)
        if local is not None:
            self.contradictions(local, unavailable, fixed)
        if self.problems or period is None or rule_set is None or policies is None:
            return None
        if local is None:
            return None
        return RotaProblem(
            period=period,
            doctors=tuple(
                replace(d, unavailable=tuple(unavailable[d.id]), fixed=tuple(fixed[d.id]))
                for d in doctors.values()
            ),
            shift_types=tuple(shift_types.values()),
            demand=tuple(demand),
            requests=tuple(requests),
            rule_set=rule_set,
            policies=policies,
            local=local,
        )

    def grid_size(
        self,
        period: Period | None,
        doctors: Mapping[str, ProblemDoctor],
        shift_types: Mapping[str, ShiftTypeSpec],
    ) -> None:
        """A problem too big for the solver to model in reasonable time and memory."""
        if period is None:
            return
        cells = len(doctors) * period.days * len(shift_types)
        if cells > MAX_GRID_CELLS:
            self.note(
                Problem(
                    f"the problem is too big to solve: {len(doctors):,} doctors x "
                    f"{period.days:,} days x {len(shift_types):,} shift types is {cells:,} "
                    f"choices, and the solver takes at most {MAX_GRID_CELLS:,}; split the "
                    "period or the doctors into smaller problems"
                )
            )

    # Small pieces.

    def period(self, value: object) -> Period | None:
        if value is None:
            self.add("period", "is missing; give the rota cycle's first and last dates")
            return None
        return super().period(value)

    def iso_date(self, raw: object, path: str, label: str) -> date | None:
        typed = self.text(raw, path, label)
        parse = partial(parse_iso_date, typed, label) if typed else None
        return self.parsed(path, parse) if parse else None

    def dates(
        self, item: Mapping[str, object], path: str, period: Period | None
    ) -> list[date] | None:
        """``date``, or ``date`` to ``until`` inclusive, each in the period."""
        raw = self.required(item, path, "date")
        first = None if raw is None else self.iso_date(raw, f"{path}.date", "date")
        last = first
        if "until" in item:
            last = self.iso_date(item["until"], f"{path}.until", "until")
            if first is not None and last is not None and last < first:
                self.add(
                    f"{path}.until", f"until is before date ({format_day(first)})", item["until"]
                )
                return None
        if first is None or last is None:
            return None
        self.days_named += (last - first).days + 1
        if self.days_named > MAX_DAYS_NAMED:
            self.add(
                path,
                f"the document's date ranges name more than {MAX_DAYS_NAMED:,} days in all; "
                "give each range once",
            )
            return None
        if period is not None:
            for key, day in (("date", first), ("until", last)):
                if not period.start <= day <= period.end:
                    self.add(
                        f"{path}.{key}",
                        f"{format_day(day)} is outside the period {format_day(period.start)} "
                        f"to {format_day(period.end)}",
                        item[key],
                    )
                    return None
        return [first + timedelta(days=i) for i in range((last - first).days + 1)]

    def required_parsed(
        self, item: Mapping[str, object], path: str, key: str, parse: Callable[[str, str], T]
    ) -> T | None:
        """``item[key]``, text that ``parse`` reads, or None with the problem added."""
        raw = self.required(item, path, key)
        typed = None if raw is None else self.text(raw, f"{path}.{key}", key)
        return None if typed is None else self.parsed(f"{path}.{key}", partial(parse, typed, key))

    def choice(self, raw: object, path: str, noun: str, choices: Mapping[str, object]) -> bool:
        if isinstance(raw, str) and raw in choices:
            return True
        wrong = shown_value(raw)
        self.add(path, f"unknown {noun} {wrong}; the {noun}s are {', '.join(choices)}", raw)
        return False

    def count(self, raw: object, path: str, label: str, *, least: int = 0) -> int | None:
        if isinstance(raw, bool) or not isinstance(raw, int):
            self.add(path, f"{label} must be a whole number; got {type_name(raw)}", raw)
            return None
        if raw < least:
            self.add(path, f"{label} must be at least {least}; got {raw}", raw)
            return None
        if raw > MAX_COUNT:
            self.add(path, f"{label} must be at most {MAX_COUNT:,}; got {raw:.3g}", raw)
            return None
        return raw

    def names(self, raw: object, path: str, label: str) -> frozenset[str] | None:
        if not isinstance(raw, list) or not all(isinstance(n, str) and n.strip() for n in raw):
            self.add(path, f"{label} must be a list of names in quotes, [] for none", raw)
            return None
        return frozenset(n.strip() for n in raw)

    def doctor_ref(self, item: Mapping[str, object], path: str, known: set[str]) -> str | None:
        raw = self.required(item, path, "doctor")
        doctor = None if raw is None else self.text(raw, f"{path}.doctor", "doctor")
        # With no doctors at all, that one problem is said once, at "doctors".
        if doctor is not None and known and doctor not in known:
            self.add(
                f"{path}.doctor",
                f"unknown doctor {quoted(doctor)}; add them to doctors, or use one of "
                f"{listed(sorted(known))}",
                doctor,
            )
            return None
        return doctor

    def shift_ref(self, raw: object, path: str) -> str | None:
        """A shift code; with no shift types at all, that is said once, at "shift_types"."""
        code = None if raw is None else self.text(raw, path, "shift")
        if code is not None and self.shift_index and code not in self.shift_index:
            codes = listed(list(self.shift_index), most=20)
            self.add(path, f"unknown shift {quoted(code)}; the shift types are {codes}", code)
            return None
        return code

    def unique(self, seen: dict[str, int], key: str, path: str, noun: str, index: int) -> bool:
        if key in seen:
            self.add(
                path,
                f"{noun} {quoted(key)} is listed twice ([{seen[key]}] and [{index}]); "
                "it must be unique",
                key,
            )
            return False
        seen[key] = index
        return True

    # The lists.

    def doctor_entries(self, value: object) -> dict[str, ProblemDoctor]:
        """Every doctor with a readable id, so that later references to a doctor whose entry
        has another problem are not also called unknown."""
        doctors: dict[str, ProblemDoctor] = {}
        seen: dict[str, int] = {}
        listed = self.items(value, "doctors", "doctors", most=MAX_DOCTORS)
        if isinstance(value, list) and not listed:
            self.add("doctors", "there are no doctors; a rota needs at least one")
        for index, raw in enumerate(listed):
            path = f"doctors[{index}]"
            item = self.mapping(raw, path, "a doctor", _DOCTOR_KEYS)
            if item is None:
                continue
            raw_id = self.required(item, path, "id")
            doctor_id = None if raw_id is None else self.text(raw_id, f"{path}.id", "id")
            if doctor_id is None or not self.unique(seen, doctor_id, f"{path}.id", "doctor", index):
                continue
            self.doctor_ids.add(doctor_id)
            name = self.text(item.get("name", ""), f"{path}.name", "name", empty_ok=True)
            grade = self.text(item.get("grade", ""), f"{path}.grade", "grade", empty_ok=True)
            competencies = self.names(
                item.get("competencies", []), f"{path}.competencies", "competencies"
            )
            rule_set = None
            if "rule_set" in item:
                rule_set = self.rule_set(item["rule_set"], f"{path}.rule_set")
            wte = self.wte(item, path)
            opted_out = self.opted_out(item, path)
            doctors[doctor_id] = ProblemDoctor(
                id=doctor_id,
                name=name or "",
                grade=grade or "",
                competencies=competencies or frozenset(),
                wte=wte,
                opted_out=opted_out,
                rule_set=rule_set,
            )
        return doctors

    def shift_types(self, value: object) -> dict[str, ShiftTypeSpec]:
        found: dict[str, ShiftTypeSpec] = {}
        seen: dict[str, int] = {}
        entries = self.items(value, "shift_types", "shift types", most=MAX_SHIFT_TYPES)
        for index, raw in enumerate(entries):
            path = f"shift_types[{index}]"
            item = self.mapping(raw, path, "a shift type", _SHIFT_TYPE_KEYS)
            if item is None:
                continue
            raw_code = self.required(item, path, "code")
            code = None if raw_code is None else self.text(raw_code, f"{path}.code", "code")
            if code is None or not self.unique(seen, code, f"{path}.code", "shift type", index):
                continue
            name = self.text(item.get("name", ""), f"{path}.name", "name", empty_ok=True)
            start = self.required_parsed(item, path, "start", parse_clock_time)
            end = self.required_parsed(item, path, "end", parse_clock_time)
            raw_kind = item.get("kind", ShiftKind.WORK.value)
            kind_ok = self.choice(raw_kind, f"{path}.kind", "kind", _SHIFT_KINDS)
            grades = self.names(item.get("grades", []), f"{path}.grades", "grades")
            needs = self.names(item.get("competencies", []), f"{path}.competencies", "competencies")
            self.shift_index[code] = index
            if start is None or end is None:
                continue
            found[code] = ShiftTypeSpec(
                code=code,
                name=name or "",
                start=start,
                end=end,
                kind=ShiftKind(str(raw_kind)) if kind_ok else ShiftKind.WORK,
                grades=grades or frozenset(),
                competencies=needs or frozenset(),
            )
        return found

    def demand(self, value: object, period: Period | None) -> list[CoverDemand]:
        found: list[CoverDemand] = []
        seen: dict[tuple[date, str], int] = {}
        for index, raw in enumerate(self.items(value, "demand", "cover demands", most=MAX_ENTRIES)):
            path = f"demand[{index}]"
            item = self.mapping(raw, path, "a cover demand", _DEMAND_KEYS)
            if item is None:
                continue
            days = self.dates(item, path, period)
            shift = self.shift_ref(self.required(item, path, "shift"), f"{path}.shift")
            raw_min = self.required(item, path, "minimum")
            minimum = None if raw_min is None else self.count(raw_min, f"{path}.minimum", "minimum")
            ideal = minimum
            if "ideal" in item:
                ideal = self.count(item["ideal"], f"{path}.ideal", "ideal")
                if minimum is not None and ideal is not None and ideal < minimum:
                    self.add(
                        f"{path}.ideal",
                        f"ideal ({ideal}) is less than minimum ({minimum}); the ideal is the "
                        "cover wanted, at least the minimum",
                        ideal,
                    )
                    ideal = None
            mix = self.mix(item.get("mix", []), path, ideal)
            if days is None or shift is None or minimum is None or ideal is None or mix is None:
                continue
            self.mixes.extend((f"{path}.mix[{m}]", shift, each) for m, each in enumerate(mix))
            for day in days:
                if (day, shift) in seen:
                    self.add(
                        path,
                        f"cover for {shift} on {format_day(day)} is already given by "
                        f"demand[{seen[day, shift]}]; give each day and shift once",
                    )
                    break
                seen[day, shift] = index
                found.append(CoverDemand(day, shift, minimum, ideal, mix))
        return found

    def local_rules(self, value: object, known: set[str]) -> LocalRules | None:
        """ "local_rules": what the department asks beyond the contract."""
        item = self.mapping(value, "local_rules", "the local rules", _LOCAL_KEYS)
        if item is None:
            return None
        nights = self.local_count(item, "max_nights_in_a_row")
        weekends = self.local_count(item, "max_weekends_in_a_row")
        whole = item.get("whole_weekends", False)
        if not isinstance(whole, bool):
            self.add("local_rules.whole_weekends", "whole_weekends must be true or false", whole)
        never_alone = []
        raw_alone = item.get("never_alone", [])
        if not isinstance(raw_alone, list):
            self.add(
                "local_rules.never_alone", "never_alone must be a list, [] for none", raw_alone
            )
            raw_alone = []
        for index, raw in enumerate(raw_alone[:MAX_SHIFT_TYPES]):
            path = f"local_rules.never_alone[{index}]"
            rule = self.mapping(raw, path, "a never-alone rule", _NEVER_ALONE_KEYS)
            if rule is None:
                continue
            raw_grades = self.required(rule, path, "grades")
            if raw_grades is None:
                continue
            grades = self.names(raw_grades, f"{path}.grades", "grades")
            shifts = self.names(rule.get("shifts", []), f"{path}.shifts", "shifts")
            for code in sorted(shifts or ()):
                self.shift_ref(code, f"{path}.shifts")
            if grades:
                never_alone.append(NeverAlone(grades, shifts or frozenset()))
            elif grades is not None:
                self.add(f"{path}.grades", "name the grades who may not work alone", raw)
        apart = self.pairs(item.get("apart", []), "local_rules.apart", known)
        together = self.pairs(item.get("together", []), "local_rules.together", known)
        for pair in set(apart) & set(together) | {(b, a) for a, b in apart} & set(together):
            self.add(
                "local_rules.together",
                f"{pair[0]} and {pair[1]} are to work together and kept apart; choose one",
                list(pair),
            )
        if not isinstance(whole, bool):
            return None
        return LocalRules(nights, weekends, whole, tuple(never_alone), apart, together)

    def local_count(self, item: Mapping[str, object], key: str) -> int | None:
        if key not in item or item[key] is None:
            return None
        return self.count(item[key], f"local_rules.{key}", key, least=1)

    def pairs(self, value: object, path: str, known: set[str]) -> tuple[tuple[str, str], ...]:
        if not isinstance(value, list):
            self.add(path, "a list of pairs of doctor ids, [] for none", value)
            return ()
        found = []
        for index, raw in enumerate(value[:MAX_DOCTORS]):
            at = f"{path}[{index}]"
            if not (
                isinstance(raw, list) and len(raw) == 2 and all(isinstance(d, str) for d in raw)
            ):
                self.add(at, 'a pair of doctor ids, such as ["D1", "D2"]', raw)
                continue
            a, b = raw
            unknown = [d for d in (a, b) if known and d not in known]
            if unknown:
                self.add(at, f"unknown doctor {quoted(unknown[0])}", unknown[0])
            elif a == b:
                self.add(at, f"{quoted(a)} is paired with themself", raw)
            else:
                found.append((a, b))
        return tuple(found)

    def contradictions(
        self,
        local: LocalRules,
        unavailable: Mapping[str, list[Unavailable]],
        fixed: Mapping[str, list[Fixed]],
    ) -> None:
        """A doctor fixed to a shift that their partner, who must work with them, cannot
        work that day: no rota keeps both."""
        for index, (a, b) in enumerate(local.together):
            for one, other in ((a, b), (b, a)):
                away = {u.day for u in unavailable.get(other, [])}
                for f in fixed.get(one, []):
                    if isinstance(f, FixedShift) and f.day in away:
                        self.add(
                            f"local_rules.together[{index}]",
                            f"{one} must work with {other}, who is unavailable on "
                            f"{format_day(f.day)}, when {one} is fixed to {f.shift}; no rota "
                            "keeps both",
                            [a, b],
                        )

    def policies(self, value: object) -> frozenset[Policy] | None:
        """ "policies": {"whole_free_days": false}: a policy not named is on."""
        if not isinstance(value, dict):
            self.add(
                "policies", "policies must be an object of true or false, {} for all on", value
            )
            return None
        off = set()
        for name, on in value.items():
            if name not in _POLICIES:
                known = ", ".join(_POLICIES)
                self.add(
                    f"policies.{name}",
                    f"unknown policy {quoted(name)}; the policies are {known}",
                    name,
                )
            elif not isinstance(on, bool):
                self.add(
                    f"policies.{name}", f"{name} must be true or false; got {type_name(on)}", on
                )
            elif not on:
                off.add(_POLICIES[name])
        return frozenset(Policy) - off

    def mix(self, value: object, path: str, ideal: int | None) -> tuple[CoverMix, ...] | None:
        """ "mix": [{"at_least": 1, "grades": ["FY2", "CT"]}]: of the doctors on the
        shift, at least so many of these grades (any, if none listed) with every one of
        these competencies."""
        if not isinstance(value, list):
            self.add(f"{path}.mix", "mix must be a list of parts of the cover, [] for none", value)
            return None
        found = []
        for index, raw in enumerate(value[:MAX_SHIFT_TYPES]):
            at = f"{path}.mix[{index}]"
            item = self.mapping(raw, at, "a part of the cover", _MIX_KEYS)
            if item is None:
                continue
            raw_least = self.required(item, at, "at_least")
            least = (
                None
                if raw_least is None
                else self.count(raw_least, f"{at}.at_least", "at_least", least=1)
            )
            grades = self.names(item.get("grades", []), f"{at}.grades", "grades")
            skills = self.names(item.get("competencies", []), f"{at}.competencies", "competencies")
            if least is not None and ideal is not None and least > ideal:
                self.add(
                    f"{at}.at_least",
                    f"at least {least} is more than the ideal ({ideal}), the most doctors the "
                    "shift has",
                    least,
                )
                continue
            if least is not None and grades is not None and skills is not None:
                if not grades and not skills:
                    self.add(at, "name the grades or the competencies this part needs", raw)
                    continue
                found.append(CoverMix(least, grades, skills))
        if len(value) > MAX_SHIFT_TYPES:
            self.add(f"{path}.mix", f"mix may have at most {MAX_SHIFT_TYPES} parts", len(value))
        return tuple(found) if len(found) == len(value) else None

    def unavailable(
        self, value: object, period: Period | None, known: set[str]
    ) -> defaultdict[str, list[Unavailable]]:
        found: defaultdict[str, list[Unavailable]] = defaultdict(list)
        entries = self.items(value, "unavailable", "unavailable dates", most=MAX_ENTRIES)
        for index, raw in enumerate(entries):
            path = f"unavailable[{index}]"
            item = self.mapping(raw, path, "an unavailability", _UNAVAILABLE_KEYS)
            if item is None:
                continue
            doctor = self.doctor_ref(item, path, known)
            days = self.dates(item, path, period)
            raw_reason = item.get("reason", Reason.LEAVE.value)
            reason_ok = self.choice(raw_reason, f"{path}.reason", "reason", _REASONS)
            if doctor is not None and days is not None and reason_ok:
                found[doctor] += [Unavailable(day, Reason(str(raw_reason))) for day in days]
        return found

    def fixed(
        self,
        value: object,
        period: Period | None,
        known: set[str],
    ) -> defaultdict[str, list[Fixed]]:
        found: defaultdict[str, list[Fixed]] = defaultdict(list)
        entries = self.items(value, "fixed", "fixed commitments", most=MAX_ENTRIES)
        for index, raw in enumerate(entries):
            path = f"fixed[{index}]"
            item = self.mapping(raw, path, "a fixed commitment", _FIXED_KEYS)
            if item is None:
                continue
            doctor = self.doctor_ref(item, path, known)
            if ("shift" in item or "date" in item) and ("start" in item or "end" in item):
                self.add(path, "give a date and shift, or a start and end, not both")
                continue
            if "shift" in item or "date" in item:
                days = self.dates(item, path, period)
                shift = self.shift_ref(item.get("shift"), f"{path}.shift")
                if "shift" not in item:
                    self.add(f"{path}.shift", "is missing; give a shift code with a date")
                if doctor is not None and days is not None and shift is not None:
                    found[doctor] += [FixedShift(day, shift) for day in days]
                continue
            start = self.required_parsed(item, path, "start", parse_london_datetime)
            end = self.required_parsed(item, path, "end", parse_london_datetime)
            label = self.text(item.get("label", ""), f"{path}.label", "label", empty_ok=True)
            raw_kind = item.get("kind", ShiftKind.WORK.value)
            kind_ok = self.choice(raw_kind, f"{path}.kind", "kind", _SHIFT_KINDS)
            if start is None or end is None:
                continue
            if problem := shift_time_problem(start, end):
                self.add(f"{path}.end", problem, item["end"])
            elif doctor is not None and kind_ok:
                found[doctor].append(FixedTime(start, end, label or "", ShiftKind(str(raw_kind))))
        return found

    def requests(
        self,
        value: object,
        period: Period | None,
        known: set[str],
    ) -> list[Request]:
        found: list[Request] = []
        for index, raw in enumerate(self.items(value, "requests", "requests", most=MAX_ENTRIES)):
            path = f"requests[{index}]"
            item = self.mapping(raw, path, "a request", _REQUEST_KEYS)
            if item is None:
                continue
            doctor = self.doctor_ref(item, path, known)
            raw_kind = self.required(item, path, "kind")
            kind_ok = raw_kind is not None and self.choice(
                raw_kind, f"{path}.kind", "kind", _REQUEST_KINDS
            )
            days = self.request_dates(item, path, period)
            shift = ""
            if raw_kind == RequestKind.ON.value:
                shift = self.shift_ref(self.required(item, path, "shift"), f"{path}.shift") or ""
            weight = self.count(item.get("weight", 1), f"{path}.weight", "weight", least=1)
            if doctor is None or not kind_ok or days is None or weight is None:
                continue
            if raw_kind == RequestKind.ON.value and not shift:
                continue
            found.append(Request(doctor, RequestKind(str(raw_kind)), tuple(days), shift, weight))
        return found

    def request_dates(
        self, item: Mapping[str, object], path: str, period: Period | None
    ) -> list[date] | None:
        """``dates``, a list; or ``weekend``, its Saturday, meaning Saturday and Sunday."""
        if "weekend" in item:
            saturday = self.iso_date(item["weekend"], f"{path}.weekend", "weekend")
            if saturday is None:
                return None
            if saturday.weekday() != 5:
                self.add(
                    f"{path}.weekend",
                    f"a weekend is given by its Saturday; {format_day(saturday)} is not one",
                    item["weekend"],
                )
                return None
            days = [saturday, saturday + timedelta(days=1)]
            paths = [f"{path}.weekend"] * 2
        else:
            raw = self.required(item, path, "dates")
            if raw is None:
                return None
            if not isinstance(raw, list) or not raw:
                self.add(f"{path}.dates", "dates must be a list of dates such as 2026-08-03", raw)
                return None
            parsed = [self.iso_date(d, f"{path}.dates[{i}]", "date") for i, d in enumerate(raw)]
            if any(d is None for d in parsed):
                return None
            days = [d for d in parsed if d is not None]
            paths = [f"{path}.dates[{i}]" for i in range(len(days))]
        for day, where in zip(days, paths, strict=True):
            if period is not None and not period.start <= day <= period.end:
                self.add(
                    where,
                    f"{format_day(day)} is outside the period {format_day(period.start)} to "
                    f"{format_day(period.end)}",
                    day.isoformat(),
                )
                return None
        return days

    def unstaffable(
        self,
        doctors: Mapping[str, ProblemDoctor],
        shift_types: Mapping[str, ShiftTypeSpec],
        demand: list[CoverDemand],
    ) -> None:
        """A shift type that needs cover and that no doctor may work."""
        if not doctors:
            return
        needed = {c.shift for c in demand if c.minimum > 0}
        for spec in shift_types.values():
            if spec.code not in needed or any(qualified(d, spec) for d in doctors.values()):
                continue
            needs = [f"grade {any_of(spec.grades)}"] if spec.grades else []
            needs += [f"competencies {', '.join(sorted(spec.competencies))}"] * bool(
                spec.competencies
            )
            closest = sorted(doctors.values(), key=lambda d: (len(lacks(d, spec)), d.id))
            near = "; ".join(f"{d.id} ({', '.join(lacks(d, spec))})" for d in closest[:_CLOSEST])
            self.add(
                f"shift_types[{self.shift_index[spec.code]}]",
                f"{spec.display_name} has cover demanded but no doctor is qualified for it: "
                f"it needs {' and '.join(needs)}; the closest are {near}",
                spec.code,
            )
        said: set[tuple[str, CoverMix]] = set()
        for path, code, mix in self.mixes:
            needing = shift_types.get(code)
            if needing is None or (code, mix) in said:
                continue
            counted = sum(1 for d in doctors.values() if qualified(d, needing) and mix.counts(d))
            if counted < mix.at_least:
                said.add((code, mix))
                self.add(
                    path,
                    f"{needing.display_name} needs at least {mix.at_least} of {mix.who}, but "
                    f"{counted} of the doctors qualified for it {'is' if counted == 1 else 'are'}"
                    f" {mix.who}",
                    mix.at_least,
                )
