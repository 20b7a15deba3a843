"""One line of a pay statement: an amount with its formula, what it means and where its
figures come from."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class Unverified:
    """A figure a line uses that was not checked against its source, and what a reader
    should know about it. The figure is named alike on every line that uses it
    ("nodal point 3 for 2026/27"), so the statement's closing warning can list each once."""

    figure: str
    reason: str

    def __str__(self) -> str:
        return f"{self.figure}: {self.reason}"


@dataclass(frozen=True, slots=True)
class PayLine:
    key: str  # "basic", "additional_hours", "night", "weekend", "on_call", "ltft", ...
    title: str
    amount: Decimal  # pounds a year, to the penny
    formula: str  # with the figures filled in
    explanation: str
    unverified: tuple[Unverified, ...] = ()
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def verified(self) -> bool:
        """True when every figure the line uses was checked against its source."""
        return not self.unverified

    @property
    def unverified_because(self) -> tuple[str, ...]:
        return tuple(str(item) for item in self.unverified)

    @property
    def pence(self) -> int:
        return int(self.amount * 100)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "amount": str(self.amount),
            "pence": self.pence,
            "formula": self.formula,
            "explanation": self.explanation,
            "verified": self.verified,
            "unverified_because": list(self.unverified_because),
            "notes": list(self.notes),
            "sources": list(self.sources),
        }
