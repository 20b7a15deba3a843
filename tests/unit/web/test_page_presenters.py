"""Formatting shared by the pages: WTE, periods, pagination, the NHS.UK date input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.core.paginator import Paginator
from django.http import QueryDict

from rotaplan.people.presenters import wte_text
from rotaplan.web.nhs_forms import DateInputField, choice_items, error_summary_items
from rotaplan.web.pagination import pagination_params
from rotaplan.web.presenters import period


@pytest.mark.parametrize(
    ("wte", "text"),
    [
        (Decimal("0.60"), "0.6 (less than full time)"),
        (Decimal("0.75"), "0.75 (less than full time)"),
        (Decimal("1.00"), "1.0 (full time)"),
    ],
)
def test_wte_reads_as_medical_staffing_say_it(wte, text):
    assert wte_text(wte) == text


def test_period_reads_from_first_day_to_last():
    assert period(date(2026, 8, 3), date(2027, 1, 31)) == "Mon 3 Aug 2026 to Sun 31 Jan 2027"
    assert period(date(2026, 8, 3), None) == "From Mon 3 Aug 2026"


def test_pagination_keeps_the_filters_and_elides_distant_pages():
    page = Paginator(range(1000), 50).get_page(10)
    params = pagination_params(page, QueryDict("grade=ST3&page=10"))
    assert params["previous"]["href"] == "?grade=ST3&page=9"
    assert params["next"]["href"] == "?grade=ST3&page=11"
    numbers = [item.get("number") for item in params["items"]]
    assert numbers == [1, None, 9, 10, 11, None, 20]
    assert [item.get("current") for item in params["items"]].count(True) == 1


def test_one_page_needs_no_pagination():
    assert pagination_params(Paginator(range(3), 50).get_page(1), QueryDict()) is None


class StartForm(forms.Form):
    start = DateInputField(label="Start of post", error_messages={"required": "Enter the start"})
    grade = forms.ChoiceField(choices=[("FY1", "Foundation year 1"), ("ST3", "Specialty 3")])


def test_date_input_reads_day_month_and_year_boxes():
    form = StartForm(
        {"start[day]": "5", "start[month]": "8", "start[year]": "2026", "grade": "ST3"}
    )
    assert form.is_valid()
    assert form.cleaned_data["start"] == date(2026, 8, 5)


def test_impossible_date_is_refused_and_shown_as_typed():
    form = StartForm({"start[day]": "31", "start[month]": "2", "start[year]": "2026"})
    assert not form.is_valid()
    assert form.errors["start"] == ["Enter a real date, for example 5 8 2026"]
    assert form["start"].value() == {"day": "31", "month": "2", "year": "2026"}
    assert {"text": "Enter a real date, for example 5 8 2026", "href": "#start-day"} in (
        error_summary_items(form)
    )


def test_missing_date_uses_the_fields_own_message():
    form = StartForm({"grade": "ST3"})
    assert not form.is_valid()
    assert form.errors["start"] == ["Enter the start"]


def test_choice_items_mark_the_current_value():
    form = StartForm(initial={"grade": "ST3"})
    items = choice_items(form["grade"])
    assert [(i["value"], i["selected"]) for i in items] == [("FY1", False), ("ST3", True)]
