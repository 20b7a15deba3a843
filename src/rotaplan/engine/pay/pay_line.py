"""One line of a pay statement: an amount with its formula, what it means and where its
figures come from."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class PayLine:
    key: str  # "basic", "additional_hours", "night", "weekend", "on_call", "ltft", ...
    title: str
    amount: Decimal  # pounds a year, to the penny
    formula: str  # with the figures filled in
    explanation: str
    verified: bool
    unverified_because: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

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
