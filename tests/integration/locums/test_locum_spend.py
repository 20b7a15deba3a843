"""The locum spend report: booked and worked bookings summed by month, department, grade,
reason and supplier for the departments the user may see, as a page with a chart drawn
on the server, and as CSV and Excel, on the page and over the API."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from rotaplan.locums.models import BookingStatus
from tests.factories.locums import AgencyFactory, LocumBookingFactory, RateCardFactory, moment
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

PERIOD = "start[day]=1&start[month]=10&start[year]=2026&end[day]=31&end[month]=12&end[year]=2026"


def booked(department, supplier, day, **fields):
    return LocumBookingFactory(
        department=department,
        supplier=supplier,
        date=day,
        start=moment(day, 8),
        end=moment(day, 20, 30),
        **fields,
    )


@pytest.fixture
def spend(world, bank):
    agency = AgencyFactory()
    RateCardFactory(supplier=agency, hourly_rate_pence=9000)
    booked(world.acute, bank, date(2026, 10, 5))  # 12.5 h at £60 = £750
    booked(world.acute, agency, date(2026, 11, 9), reason="vacancy", grade="ST6")  # £1,125
    booked(world.acute, bank, date(2026, 11, 10), status=BookingStatus.CANCELLED)
    booked(world.cardiology, bank, date(2026, 11, 11), locum_name="Dr Heart")
    return agency


def test_the_report_sums_booked_and_worked_by_each_breakdown(world, sign_in, spend):
    answer = sign_in(world.coordinator).get(
        "/api/reports/locum-spend?from=2026-10-01&to=2026-12-31"
    )
    assert answer.status_code == 200
    got = answer.json()
    assert got["department_ids"] == [world.acute.pk]
    assert got["total"]["cost_pence"] == 75000 + 112500
    assert got["total"]["bookings"] == 2
    assert [(m["label"], m["cost_pence"]) for m in got["by_month"]] == [
        ("Oct 2026", 75000),
        ("Nov 2026", 112500),
        ("Dec 2026", 0),
    ]
    assert {line["label"]: line["cost_pence"] for line in got["by_supplier_kind"]} == {
        "Bank": 75000,
        "Agency": 112500,
    }
    assert {line["label"] for line in got["by_reason"]} == {"Sickness", "Vacancy"}
    assert [line["label"] for line in got["by_grade"]] == ["ST4", "ST6"]


def test_the_page_shows_a_chart_without_style_or_script_and_the_tables(world, sign_in, spend):
    answer = sign_in(world.coordinator).get(f"/locums/spend/?{PERIOD}")
    html = answer.content.decode()
    assert answer.status_code == 200
    chart = html.index('aria-labelledby="spend-chart-title"')
    svg = html[html.rindex("<svg", 0, chart) : html.index("</svg>", chart)]
    assert "style" not in svg
    assert "<script" not in svg
    assert 'fill="#005eb8"' in svg
    assert 'fill="#ffb81c"' in svg
    text = page_text(answer)
    assert "£1,875.00" in text
    assert "Dr Heart" not in text
    assert "Cardiology" not in text


def test_the_csv_and_excel_downloads_hold_the_same_figures(world, sign_in, spend):
    client = sign_in(world.staffing)
    as_csv = client.get(f"/locums/spend/csv/?{PERIOD}")
    assert as_csv["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert rows[0] == ["Breakdown", "Item", "Bookings", "Hours", "Cost (£)"]
    assert ["Total", "All", "3", "37.50", "2625.00"] in rows
    assert ["Bank and agency", "Agency", "1", "12.50", "1125.00"] in rows

    as_xlsx = client.get(f"/locums/spend/xlsx/?{PERIOD}")
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    values = [tuple(row) for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert ("Total", "All", 3, 37.5, 2625) in values


def test_the_api_gives_csv_and_xlsx_too(world, sign_in, spend):
    client = sign_in(world.coordinator)
    as_csv = client.get("/api/reports/locum-spend?from=2026-10-01&to=2026-12-31&format=csv")
    assert as_csv.status_code == 200
    assert "Total,All,2,25.00,1875.00" in as_csv.content.decode("utf-8-sig")
    as_xlsx = client.get("/api/reports/locum-spend?from=2026-10-01&to=2026-12-31&format=xlsx")
    assert as_xlsx.status_code == 200
    assert as_xlsx.content[:2] == b"PK"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=26-10-01", "from"),
        ("from=2026-12-01&to=2026-10-01", "to"),
        ("to=9999-01-01", "to"),
        ("format=pdf", "format"),
    ],
)
def test_a_bad_period_is_422_naming_the_field(world, sign_in, query, field):
    answer = sign_in(world.coordinator).get(f"/api/reports/locum-spend?{query}")
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == field


def test_a_two_digit_year_on_the_page_is_said_on_its_field(world, sign_in):
    answer = sign_in(world.coordinator).get(
        "/locums/spend/?start[day]=1&start[month]=10&start[year]=26"
    )
    assert answer.status_code == 200
    assert "Enter the year with 4 numbers" in page_text(answer)


def test_a_formula_in_a_name_is_written_as_text(world, sign_in, bank):
    hostile = AgencyFactory(name='=HYPERLINK("http://x")')
    RateCardFactory(supplier=hostile, hourly_rate_pence=9000)
    booked(world.acute, hostile, date(2026, 11, 3))
    rows = (
        sign_in(world.coordinator).get(f"/locums/spend/csv/?{PERIOD}").content.decode("utf-8-sig")
    )
    assert "'=HYPERLINK" in rows
