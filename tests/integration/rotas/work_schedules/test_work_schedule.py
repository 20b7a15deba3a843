"""A doctor in training's work schedule: the page, its PDF and JSON downloads, who may read
it, and the pay API."""

from __future__ import annotations

import html
import re
from datetime import date, time, timedelta

import pytest

from rotaplan.engine.pay.text import NOT_YET_CHECKED
from rotaplan.people.grades import Contract, Grade
from rotaplan.rotas.models import RotaStatus
from rotaplan.rotas.work_schedules.pdf import latin1, work_schedule_pdf
from rotaplan.rotas.work_schedules.presenters import PREMIUM_NOT_SHOWN
from rotaplan.rotas.work_schedules.schedule import work_schedule
from tests.factories.people import DoctorFactory
from tests.factories.rotas import AssignmentFactory, RotaFactory, ShiftTypeFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 8, 3)


@pytest.fixture
def rostered(world):
    """Ada (ST3, full time) and Bea (FY1, WTE 0.6) on the acute rota: long days, and a
    weekend or more each."""
    long_day = ShiftTypeFactory(
        department=world.acute, code="LD", name="Long day", start=time(8), end=time(20, 30)
    )
    night = ShiftTypeFactory(
        department=world.acute, code="N", name="Night", start=time(20), end=time(8, 30)
    )
    for offset in (0, 1, 2, 14, 15):
        AssignmentFactory(
            rota=world.rota, doctor=world.ada, shift_type=long_day, date=MONDAY + timedelta(offset)
        )
    for offset in (5, 6, 19, 20, 33, 34, 47, 48):  # 4 weekends of nights: 1 in 6.5
        AssignmentFactory(
            rota=world.rota, doctor=world.ada, shift_type=night, date=MONDAY + timedelta(offset)
        )
    for offset in (1, 12, 13):  # Tue, then Sat and Sun long days
        AssignmentFactory(
            rota=world.rota, doctor=world.bea, shift_type=long_day, date=MONDAY + timedelta(offset)
        )
    return world


def page_url(world, doctor, suffix: str = "") -> str:
    return f"/rotas/{world.rota.pk}/work-schedules/{doctor.pk}/{suffix}"


def test_doctor_reads_her_own_work_schedule_with_every_pay_line(rostered, sign_in):
    w = rostered
    response = sign_in(w.ada_user).get(page_url(w, w.ada))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Work schedule: Dr Ada Patel" in text
    for title in (
        "Basic pay",
        "Additional rostered hours",
        "Night enhancement",
        "Weekend allowance",
        "On-call availability allowance",
        "LTFT allowance",
        "Total a year",
    ):
        assert title in text
    statement = work_schedule(w.rota, w.ada, today=MONDAY).statement
    assert statement is not None
    assert f"£{statement.total:,.2f}" in text
    assert "Not yet checked against its source" in text  # the weekend percentages are not verified
    assert "Not all figures are verified" in text
    assert statement.warning in text  # naming each unverified figure
    assert "weekend allowance percentages" in statement.warning
    # Ada is ST3: nodal point 4, whose 2026/27 salary is unverified, on the basic pay line.
    assert NOT_YET_CHECKED + ": nodal point 4 for 2026/27: not checked against the 2026/27" in text
    assert "nodal point 4 for 2026/27" in statement.warning
    # No training programme is recorded, so no premium: the page says so.
    assert "Flexible pay premium" not in text
    assert PREMIUM_NOT_SHOWN in html.unescape(text)
    assert "Download as PDF" in text


def test_doctor_cannot_read_another_doctors_work_schedule(rostered, sign_in):
    w = rostered
    response = sign_in(w.ada_user).get(page_url(w, w.bea))
    assert response.status_code == 404
    assert "Okafor" not in response.content.decode()


@pytest.mark.parametrize("who", ["coordinator", "service_manager", "staffing"])
def test_department_coordinators_and_trust_wide_roles_read_it(rostered, sign_in, who):
    w = rostered
    response = sign_in(getattr(w, who)).get(page_url(w, w.bea))
    assert response.status_code == 200
    assert "Work schedule: Dr Bea Okafor" in response.content.decode()


def test_a_doctor_not_on_the_rota_has_no_schedule_for_it(rostered, sign_in):
    w = rostered
    url = f"/rotas/{w.cardiology_rota.pk}/work-schedules/{w.ada.pk}/"
    assert sign_in(w.staffing).get(url).status_code == 404


@pytest.mark.parametrize("who", ["cardiology_coordinator", "booking_coordinator", "nobody"])
def test_others_cannot_read_it(rostered, sign_in, who):
    w = rostered
    response = sign_in(getattr(w, who)).get(page_url(w, w.ada))
    assert response.status_code == 404
    assert "Patel" not in response.content.decode()


def test_signed_out_user_is_sent_to_sign_in(rostered, client):
    response = client.get(page_url(rostered, rostered.ada))
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]


def test_doctor_does_not_see_a_draft_rota_schedule(rostered, sign_in):
    w = rostered
    w.rota.status = RotaStatus.DRAFT
    w.rota.save()
    assert sign_in(w.ada_user).get(page_url(w, w.ada)).status_code == 404
    assert sign_in(w.coordinator).get(page_url(w, w.ada)).status_code == 200


def test_ltft_doctor_sees_the_ltft_lines(rostered, sign_in):
    w = rostered
    text = sign_in(w.coordinator).get(page_url(w, w.bea)).content.decode()
    assert "Basic pay (less than full time, pro rata)" in text
    assert "£1,000.00" in text  # the LTFT allowance
    assert "0.6 (less than full time)" in text


def test_consultant_has_no_work_schedule(rostered, sign_in):
    w = rostered
    consultant = DoctorFactory(
        first_name="Cora",
        last_name="Webb",
        grade=Grade.CONSULTANT,
        contract=Contract.CONSULTANT_2003,
        department=w.acute,
    )
    AssignmentFactory(rota=w.rota, doctor=consultant, date=MONDAY)
    client = sign_in(w.coordinator)
    response = client.get(page_url(w, consultant))
    assert response.status_code == 404
    assert "Work schedules are for doctors in training" in response.content.decode()
    api = client.get(f"/api/rotas/{w.rota.pk}/doctors/{consultant.pk}/work-schedule")
    assert api.status_code == 404
    assert "Work schedules are for doctors in training" in api.json()["detail"]


def test_a_rota_in_a_pay_year_without_a_table_says_pay_cannot_be_worked_out(world, sign_in):
    rota = RotaFactory(
        department=world.acute, period_start=date(2030, 8, 5), period_end=date(2030, 9, 1)
    )
    AssignmentFactory(rota=rota, doctor=world.ada, date=date(2030, 8, 5))
    response = sign_in(world.ada_user).get(f"/rotas/{rota.pk}/work-schedules/{world.ada.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Pay could not be worked out" in text
    assert "2030/31" in text


def test_doctor_page_does_not_link_a_draft_rota_to_the_doctor(rostered, sign_in):
    w = rostered
    w.rota.status = RotaStatus.DRAFT
    w.rota.save()
    assert (
        page_url(w, w.ada) not in sign_in(w.ada_user).get(f"/doctors/{w.ada.pk}/").content.decode()
    )
    assert (
        page_url(w, w.ada) in sign_in(w.coordinator).get(f"/doctors/{w.ada.pk}/").content.decode()
    )


def test_breaches_are_shown_not_hidden(rostered, sign_in):
    w = rostered
    night = w.rota.department.shift_types.get(code="N")
    for offset in range(21, 26):  # five nights in a row
        AssignmentFactory(
            rota=w.rota, doctor=w.ada, shift_type=night, date=MONDAY + timedelta(offset)
        )
    text = sign_in(w.ada_user).get(page_url(w, w.ada)).content.decode()
    assert "This schedule breaks" in text
    assert "Dr Ada Patel works 7 nights in a row from Sat 22 Aug 2026" in text
    assert "max-consecutive-nights" not in text  # rule ids are not for people


def test_doctor_page_links_to_the_work_schedule(rostered, sign_in):
    w = rostered
    text = sign_in(w.ada_user).get(f"/doctors/{w.ada.pk}/").content.decode()
    assert page_url(w, w.ada) in text


# Downloads


def test_pdf_download(rostered, sign_in):
    w = rostered
    response = sign_in(w.ada_user).get(page_url(w, w.ada, "work-schedule.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def pdf_text(pdf: bytes) -> str:
    """The words of an uncompressed PDF's text runs, in order, joined by single spaces: what a
    reader sees, whatever the line breaks."""
    runs = re.findall(rb"\((.*?)(?<!\\)\) Tj", pdf)
    words = b" ".join(runs).replace(b"\\(", b"(").replace(b"\\)", b")").decode("latin-1")
    return " ".join(words.split())


def test_pdf_holds_the_doctor_the_pay_and_the_date(rostered):
    w = rostered
    schedule = work_schedule(w.rota, w.bea, today=date(2026, 7, 1))
    pdf = work_schedule_pdf(schedule, compress=False)
    assert pdf.startswith(b"%PDF")
    for text in (b"Dr Bea Okafor", b"Total a year", b"LTFT allowance", b"Generated Wed 1 Jul 2026"):
        assert text in pdf
    assert f"\N{POUND SIGN}{schedule.statement.total:,.2f}".encode("latin-1") in pdf
    assert b"Issued 4 weeks before" in pdf  # the terms ask for 8 weeks
    assert b"Not yet checked against its source" in pdf
    # Bea is FY1: nodal point 1, unverified for 2026/27, on the lines and in the warning.
    text = pdf_text(pdf)
    assert NOT_YET_CHECKED + ": nodal point 1 for 2026/27: not checked against the 2026/27" in text
    assert schedule.statement.warning in text
    assert "nodal point 1 for 2026/27" in schedule.statement.warning
    assert PREMIUM_NOT_SHOWN in text


def test_json_download_is_the_api_document(rostered, sign_in):
    w = rostered
    client = sign_in(w.ada_user)
    download = client.get(page_url(w, w.ada, "work-schedule.json"))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    api = client.get(f"/api/rotas/{w.rota.pk}/doctors/{w.ada.pk}/work-schedule")
    assert api.status_code == 200
    assert download.json() == api.json()
    data = api.json()
    assert data["doctor"]["name"] == "Dr Ada Patel"
    lines = {line["key"]: line for line in data["pay"]["lines"]}
    assert lines["basic"]["name"] == "Basic pay"
    assert lines["basic"]["amount"] == "67325.00"  # ST3: nodal point 4, 2026/27
    assert lines["basic"]["pence"] == 6732500
    assert data["pattern"]["night_shifts"] == 8
    assert data["pay"]["warning"].startswith("Some figures have not yet been checked")
    assert data["pay"]["flexible_pay_premium"] is None  # no training programme on record
    assert "weekend allowance percentages" in data["pay"]["unverified_figures"]
    assert data["pattern"]["weekends_worked"] == 4


def test_api_work_schedule_is_scoped_like_the_page(rostered, sign_in):
    w = rostered
    url = f"/api/rotas/{w.rota.pk}/doctors/{w.bea.pk}/work-schedule"
    assert sign_in(w.ada_user).get(url).status_code == 404
    assert sign_in(w.cardiology_coordinator).get(url).status_code == 404
    assert sign_in(w.booking_coordinator).get(url).status_code == 404


def test_pdf_text_is_made_latin_1_for_the_core_font():
    assert latin1(
        "(54 \N{MINUS SIGN} 48) \N{MULTIPLICATION SIGN} \N{POUND SIGN}1 \N{RIGHTWARDS ARROW} ok"
    ) == ("(54 - 48) \N{MULTIPLICATION SIGN} \N{POUND SIGN}1 -> ok")
    assert latin1("\N{SNOWMAN}") == "?"


# POST /api/pay

ROTA = {
    "period": {"start": "2026-08-03", "end": "2026-08-30"},
    "doctors": [{"id": "D1", "name": "Dr Ada Patel", "grade": "ST1"}],
    "shifts": [
        {"doctor": "D1", "start": "2026-08-03T08:00", "end": "2026-08-03T20:30"},
        {"doctor": "D1", "start": "2026-08-08T20:00", "end": "2026-08-09T08:30"},
    ],
}


def post_pay(client, **body: object):
    return client.post("/api/pay", body, content_type="application/json")


def test_api_pay_works_out_a_statement(world, sign_in):
    response = post_pay(sign_in(world.nobody), rota=ROTA, doctor="D1")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["pay_year"], data["nodal_point"]) == ("2026/27", 3)
    basic = data["lines"][0]
    assert (basic["name"], basic["amount"], basic["pence"]) == ("Basic pay", "54499.00", 5449900)
    assert basic["verified"] is False
    assert basic["unverified_because"][0].startswith("nodal point 3 for 2026/27: not checked")
    assert data["warning"].startswith(
        "Some figures have not yet been checked against their source: nodal point 3 for 2026/27"
    )
    assert data["total_pence"] == round(float(data["total"]) * 100)


def test_api_pay_adds_a_named_flexible_pay_premium(world, sign_in):
    response = post_pay(
        sign_in(world.nobody), rota=ROTA, doctor="D1", flexible_pay_premium="histopathology"
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["flexible_pay_premium"] == "histopathology"
    line = next(ln for ln in data["lines"] if ln["key"] == "flexible_pay_premium")
    # 2026/27: 5,424 x 1.035 = 5,613.84 -> £5,614 a year, full time.
    assert (line["name"], line["amount"], line["pence"]) == (
        "Flexible pay premium",
        "5614.00",
        561400,
    )
    assert line["verified"] is False
    assert "flexible pay premium for Histopathology (2026/27)" in data["warning"]


def test_api_pay_refuses_an_unknown_premium_naming_the_field_and_the_known_keys(world, sign_in):
    response = post_pay(
        sign_in(world.nobody), rota=ROTA, doctor="D1", flexible_pay_premium="cardiology"
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "The pay could not be worked out"
    [error] = body["errors"]
    assert error["field"] == "flexible_pay_premium"
    assert "no flexible pay premium 'cardiology' in the 2026/27 pay table" in error["message"]
    assert "academia" in error["message"]
    assert "psychiatry-higher-4-years" in error["message"]


def test_api_pay_refuses_a_nodal_point_outside_1_to_5(world, sign_in):
    response = post_pay(sign_in(world.nobody), rota=ROTA, doctor="D1", nodal_point=6)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "nodal_point"


def test_api_pay_names_the_path_of_a_bad_rota(world, sign_in):
    rota = {**ROTA, "shifts": [{"doctor": "D1", "start": "soon", "end": "2026-08-03T20:30"}]}
    response = post_pay(sign_in(world.nobody), rota=rota, doctor="D1")
    assert response.status_code == 422
    assert "rota.shifts.0.start" in [e["field"] for e in response.json()["errors"]]


def test_api_pay_needs_sign_in(client):
    assert post_pay(client, rota=ROTA, doctor="D1").status_code == 401


def test_openapi_schema_documents_both_endpoints(world, sign_in):
    schema = sign_in(world.nobody).get("/api/openapi.json").json()
    assert "post" in schema["paths"]["/api/pay"]
    path = "/api/rotas/{rota_id}/doctors/{doctor_id}/work-schedule"
    assert "get" in schema["paths"][path]
    assert "PayStatementOut" in schema["components"]["schemas"]
    assert "WorkScheduleOut" in schema["components"]["schemas"]


def test_rest_owed_under_the_hospital_derogation_is_shown_apart_from_breaches(rostered, sign_in):
    w = rostered
    day = w.rota.department.shift_types.get(code="LD")
    for offset in range(56, 70):  # fourteen long days: no weekly rest in the fortnight
        AssignmentFactory(
            rota=w.rota, doctor=w.ada, shift_type=day, date=MONDAY + timedelta(offset)
        )
    client = sign_in(w.ada_user)
    text = client.get(page_url(w, w.ada)).content.decode()
    assert "Compensatory rest and protection owed" in text
    assert "of compensatory rest is due (reg. 24)" in text
    data = client.get(page_url(w, w.ada) + "work-schedule.json").json()
    assert [o["rule"] for o in data["derogated"]] == ["wtr-weekly-rest"]
    assert "wtr-weekly-rest" not in {b["rule"] for b in data["breaches"]}
