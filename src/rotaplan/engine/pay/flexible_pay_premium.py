"""A flexible pay premium: an annual sum on top of basic pay for training in some
programmes (general practice, psychiatry, emergency medicine, histopathology, oral and
maxillofacial surgery, academia), pro rata to WTE for a doctor less than full time.

The rota does not say which programme a doctor trains in, so the premium is named by
whoever asks for the statement (``pay_for(..., premium=KEY)``). The grades the table lists
for it are checked only to warn: a doctor at another grade gets a note, not a refusal,
because the table's grades are a reading of the programmes, not the contract's words.
"""

from __future__ import annotations

from .basis import PayBasis
from .data import FlexiblePayPremium
from .figures import TIMES, cite, fraction, money, number, to_penny, why_unverified
from .pay_line import PayLine


def flexible_pay_premium(basis: PayBasis, premium: FlexiblePayPremium) -> PayLine:
    t = basis.table
    full_time = fraction(premium.annual)
    what = f"{premium.label} ({t.pay_year})"
    explanation = (
        f"{premium.label}: an annual premium for this training programme, paid on top of "
        "basic pay at the rate the pay circular sets for the year (TCS Schedule 2)."
    )
    if premium.about:
        explanation += f" {premium.about}"
    if basis.ltft:
        title = "Flexible pay premium (less than full time, pro rata)"
        formula = (
            f"{number(basis.wte, 3)} WTE {TIMES} {money(full_time)} full-time premium for {what}"
        )
        explanation += (
            " A doctor less than full time is paid the full-time premium pro rata to the WTE."
        )
    else:
        title = "Flexible pay premium"
        formula = f"{money(full_time)} a year for {what}"
    return PayLine(
        key="flexible_pay_premium",
        title=title,
        amount=to_penny(basis.wte * full_time),
        formula=formula,
        explanation=explanation,
        unverified=why_unverified(f"flexible pay premium for {what}", t.premia_about),
        notes=_grade_notes(basis, premium),
        sources=cite(t.premia_about),
    )


def _grade_notes(basis: PayBasis, premium: FlexiblePayPremium) -> tuple[str, ...]:
    """A note, not a refusal, when the doctor's grade is not one the premium lists."""
    doctor = basis.doctor
    grade = doctor.grade.strip().upper()
    listed = ", ".join(premium.grades)
    if not grade:
        return (
            f"The rota gives no grade for {doctor.display_name}; the premium for "
            f"{premium.label} is listed for {listed}. Check that it applies.",
        )
    if grade in premium.grades:
        return ()
    return (
        f"{doctor.display_name} is {grade} in the rota; the premium for {premium.label} is "
        f"listed for {listed}. It is included as asked: check that it applies.",
    )
