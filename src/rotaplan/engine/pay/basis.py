"""What every pay element is worked out from: the table, the doctor and their nodal
point, the hours the rota gives them and, for a doctor less than full time, the full-time
doctors their weekends and on-call are measured against."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..rota import DoctorTerms
from .data import PayTable
from .figures import fraction, number, why_unverified
from .hours_summary import HoursSummary
from .pay_line import Unverified


@dataclass(frozen=True, slots=True)
class PayBasis:
    """The doctor's circumstances every pay line reads, worked out once."""

    table: PayTable
    doctor: DoctorTerms
    nodal_point: int
    basic: Fraction  # full-time basic salary at the nodal point
    wte: Fraction
    hours: HoursSummary
    comparators: tuple[tuple[DoctorTerms, HoursSummary], ...]
    comparator_named: bool

    @property
    def ltft(self) -> bool:
        return self.wte < 1

    @property
    def hourly(self) -> Fraction:
        """Basic hourly rate: full-time basic / weeks a year / 40."""
        t = self.table
        return self.basic / fraction(t.weeks_per_year) / fraction(t.full_time_weekly_hours)

    @property
    def nodal_point_unverified(self) -> tuple[Unverified, ...]:
        """Every line that uses the basic salary says, in the same words, when the nodal
        point's salary was not checked against the pay circular."""
        figure = f"nodal point {self.nodal_point} for {self.table.pay_year}"
        return why_unverified(figure, self.table.nodal_points_about)

    @property
    def full_week(self) -> Fraction:
        return fraction(self.table.full_time_weekly_hours)

    def full_time_share(self, measure: str) -> tuple[Fraction | None, str]:
        """The mean of the full-time comparators' ``measure`` (weekends worked, on-call hours)
        among those who do any, and who they are; (None, why not) if there is none."""
        values = []
        names = []
        for doctor, summary in self.comparators:
            value = (
                Fraction(summary.weekends_worked)
                if measure == "weekends"
                else summary.on_call_hours
            )
            if value > 0:
                values.append(value)
                names.append(doctor.id)
        if not values:
            if self.comparator_named:
                return None, "the named comparator does none"
            return None, "no full-time doctor on the rota does any"
        mean = sum(values, Fraction(0)) / len(values)
        if self.comparator_named:
            who = f"the named full-time comparator {names[0]}"
        else:
            who = f"the full-time doctors on the rota ({', '.join(names)}), averaged"
        return mean, who


def one_in(value: Fraction | None) -> str:
    return "none" if value is None else f"1 in {number(value)}"
