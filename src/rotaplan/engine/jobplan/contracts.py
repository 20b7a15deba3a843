"""What a programmed activity is under each contract, from the national terms.

The figures (a PA's hours in plain and premium time, what premium time is, how on-call
work becomes PAs, the on-call availability supplement) are data, in ``contracts.json``
beside this module, each part with its source, the date it took effect and whether it
was checked against that source. The check is passed on so that a page or the CLI can
say "not verified" beside a figure that was not. The arithmetic is
docs/adr/0029-programmed-activities.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, time
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any

from .plan import OnCallCategory

FIGURES_PACKAGE = "rotaplan.engine.jobplan"
FIGURES_FILE = "contracts.json"


class UnknownContract(ValueError):
    """No figures for this contract: the message names the ones there are."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where a part of the terms comes from, and whether we read it there."""

    document: str
    url: str
    effective_from: date
    verified: bool
    note: str


@dataclass(frozen=True, slots=True)
class PremiumTime:
    """Premium time as a weekly timetable can hold it: weekdays outside
    ``weekday_plain_from`` to ``weekday_plain_to``, and (if ``weekends``) all of Saturday
    and Sunday. Public holidays are premium time too, but a week has none."""

    weekday_plain_from: time
    weekday_plain_to: time
    weekends: bool
    words: str
    source: Source


@dataclass(frozen=True, slots=True)
class SupplementBand:
    """One row of the on-call availability supplement: on call one in ``one_in_from`` to
    one in ``one_in_to`` (None: or less often), a percentage of basic salary by
    category."""

    one_in_from: int
    one_in_to: int | None
    words: str
    category_a: Fraction
    category_b: Fraction

    def covers(self, one_in: int) -> bool:
        return self.one_in_from <= one_in and (self.one_in_to is None or one_in <= self.one_in_to)


@dataclass(frozen=True, slots=True)
class ContractTerms:
    key: str
    name: str
    plain_pa_hours: Fraction
    premium_pa_hours: Fraction
    pa_hours_source: Source
    premium_time: PremiumTime
    on_call_hours_per_pa: Fraction
    on_call_words: str
    on_call_source: Source
    supplement_bands: tuple[SupplementBand, ...]
    supplement_words: str
    supplement_source: Source

    @property
    def verified(self) -> bool:
        """Every part of the terms was checked against its source."""
        return all(
            part.verified
            for part in (
                self.pa_hours_source,
                self.premium_time.source,
                self.on_call_source,
                self.supplement_source,
            )
        )

    def supplement_percent(self, one_in: int, category: OnCallCategory) -> Fraction | None:
        """The on-call availability supplement, as a percentage of basic salary, for a
        rota of one in ``one_in``; None if no band covers it."""
        for band in self.supplement_bands:
            if band.covers(one_in):
                return band.category_a if category is OnCallCategory.A else band.category_b
        return None


@cache
def _figures() -> dict[str, Any]:
    text = resources.files(FIGURES_PACKAGE).joinpath(FIGURES_FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _source(item: dict[str, Any]) -> Source:
    return Source(
        document=str(item["source"]["document"]),
        url=str(item["source"]["url"]),
        effective_from=date.fromisoformat(item["effective_from"]),
        verified=bool(item["verified"]),
        note=str(item["note"]),
    )


def _band(item: dict[str, Any]) -> SupplementBand:
    most = item["one_in_to"]
    return SupplementBand(
        one_in_from=int(item["one_in_from"]),
        one_in_to=None if most is None else int(most),
        words=str(item["words"]),
        category_a=Fraction(item["A"]),
        category_b=Fraction(item["B"]),
    )


@cache
def contract_terms(key: str) -> ContractTerms:
    """The terms of the contract ``key`` (a ``JobPlanContract``, or its value)."""
    contracts: dict[str, dict[str, Any]] = _figures()["contracts"]
    key = str(key)
    if key not in contracts:
        raise UnknownContract(
            f"no job plan figures for the contract {key!r}; known: {', '.join(sorted(contracts))}"
        )
    item = contracts[key]
    hours, premium, on_call, supplement = (
        item["pa_hours"],
        item["premium_time"],
        item["on_call_work"],
        item["on_call_supplement"],
    )
    return ContractTerms(
        key=key,
        name=str(item["name"]),
        plain_pa_hours=Fraction(hours["plain"]),
        premium_pa_hours=Fraction(hours["premium"]),
        pa_hours_source=_source(hours),
        premium_time=PremiumTime(
            weekday_plain_from=time.fromisoformat(premium["weekday_plain_from"]),
            weekday_plain_to=time.fromisoformat(premium["weekday_plain_to"]),
            weekends=bool(premium["weekends"]),
            words=str(premium["words"]),
            source=_source(premium),
        ),
        on_call_hours_per_pa=Fraction(on_call["premium_hours_per_pa"]),
        on_call_words=str(on_call["words"]),
        on_call_source=_source(on_call),
        supplement_bands=tuple(_band(band) for band in supplement["bands"]),
        supplement_words=str(supplement["words"]),
        supplement_source=_source(supplement),
    )
