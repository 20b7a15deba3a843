"""Figures as a pay line shows them: amounts rounded to the penny once, half up, and the
numbers a formula is written with, so that every line reads and rounds alike."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from .data import Provenance
from .pay_line import Unverified

PENNY = Decimal("0.01")
TIMES = "\u00d7"  # the multiplication sign in formulas
MINUS = "\u2212"


def to_penny(value: Fraction) -> Decimal:
    """Round an exact amount to the penny, half up."""
    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(PENNY, rounding=ROUND_HALF_UP)


def money(value: Decimal | Fraction) -> str:
    amount = to_penny(value) if isinstance(value, Fraction) else value
    text = f"£{amount:,.2f}"
    return text.removesuffix(".00")


def money_exact(value: Decimal) -> str:
    return f"£{value:,.2f}"


def number(value: Fraction | Decimal, places: int = 2) -> str:
    """6.5, 46.25, 3.33: at most ``places`` decimals, rounded half up, no trailing zeros."""
    exact = Fraction(value)
    with localcontext() as ctx:
        ctx.prec = 60
        dec = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
            Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
        )
    text = f"{dec:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def percent(rate: Decimal) -> str:
    return f"{number(Fraction(rate * 100), 3)} %"


def fraction(value: Decimal | float) -> Fraction:
    return Fraction(Decimal(str(value)))


def cite(about: Provenance) -> tuple[str, ...]:
    return tuple(source.cite() for source in about.sources)


def why_unverified(figure: str, about: Provenance) -> tuple[Unverified, ...]:
    """Nothing if the table item was checked against its source; otherwise the figure, named
    as every line that uses it names it, with what the table says a reader should know (its
    ``warning``, or failing that its ``note``)."""
    if about.verified:
        return ()
    return (Unverified(figure, about.warning or about.note or "not checked against its source"),)
