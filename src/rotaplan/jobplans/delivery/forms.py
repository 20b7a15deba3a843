"""The planned-against-delivered report's period: the last 8, 13, 26 or 52 weeks, or
dates (whole weeks, Monday to Sunday, that have ended). Read from the query string, so
a report is a page anyone allowed may bookmark or share."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from rotaplan.engine.clock import format_day, monday_of
from rotaplan.web.nhs_forms import DateInputField

from .selectors import DEFAULT_WEEKS, PERIOD_WEEKS, ReportPeriod, dates_period, last_weeks

DATES = "dates"
#: The longest period one report covers: two job plan years.
MOST_WEEKS = 104


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label="Period",
        choices=[(str(n), f"The last {n} weeks") for n in PERIOD_WEEKS] + [(DATES, "Dates")],
        required=False,
        initial=str(DEFAULT_WEEKS),
        error_messages={"invalid_choice": "Choose a period from the list"},
    )
    start = DateInputField(label="From", required=False)
    end = DateInputField(label="To", required=False)

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("period") != DATES:
            return data
        start, end = data.get("start"), data.get("end")
        if start is None and "start" not in self.errors:
            self.add_error("start", "Enter the first date")
        if end is None and "end" not in self.errors:
            self.add_error("end", "Enter the last date")
        if start is None or end is None:
            return data
        this_week = monday_of(self.today)
        if end < start:
            self.add_error("end", "The last date must be on or after the first")
        elif monday_of(end) >= this_week:
            self.add_error(
                "end",
                f"Choose a last date before {format_day(this_week)}: only weeks that have "
                "ended are counted",
            )
        elif (monday_of(end) - monday_of(start)).days // 7 + 1 > MOST_WEEKS:
            self.add_error("start", f"Choose at most {MOST_WEEKS} weeks")
        return data

    def report_period(self) -> ReportPeriod:
        """The period asked for; the last 8 weeks when nothing (or nothing valid) is."""
        data = self.cleaned_data if self.is_valid() else {}
        chosen = data.get("period") or str(DEFAULT_WEEKS)
        if chosen == DATES:
            return dates_period(data["start"], data["end"], self.today)
        return last_weeks(self.today, int(chosen))
