"""A NUL byte or another control character, in a query, a form field, a JSON field or an
imported cell, answers 422 (or a row problem) and never reaches the database: on
PostgreSQL it was a 500 (DataError: text cannot contain NUL)."""

from __future__ import annotations

from datetime import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rotaplan.people.models import Doctor
from rotaplan.rotas.models import Assignment, RotaStatus
from tests.factories.rotas import ShiftTypeFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

NUL_PROBLEM = (
    "Remove the control character (such as a NUL byte, shown as \\x00): it is not part of "
    "any text Rotaplan keeps."
)


@pytest.fixture
def draft(world):
    world.rota.status = RotaStatus.DRAFT
    world.rota.save()
    ShiftTypeFactory(department=world.acute, code="N", start=time(20), end=time(8, 30))
    return world.rota


def test_a_nul_in_an_api_query_answers_422(world, sign_in):
    response = sign_in(world.staffing).get("/api/doctors?q=%00")
    assert response.status_code == 422
    assert response.json() == {
        "detail": "The request has 1 problem.",
        "errors": [{"field": "q", "message": NUL_PROBLEM}],
    }


@pytest.mark.parametrize("field", ["shift_code", "reason"])
def test_a_nul_in_a_json_field_answers_422_and_saves_nothing(world, sign_in, draft, field):
    body = {"doctor_id": world.ada.pk, "shift_code": "N", "date": "2026-08-03"}
    body[field] = body.get(field, "") + "\u0000"
    response = sign_in(world.coordinator).post(
        f"/api/rotas/{draft.pk}/assignments", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": field, "message": NUL_PROBLEM}]
    assert not Assignment.objects.exists()


def test_a_control_character_in_a_json_key_or_list_is_named_by_its_place(world, sign_in, draft):
    response = sign_in(world.coordinator).post(
        f"/api/departments/{world.acute.pk}/generation-runs",
        '{"period_start": "2026-08-03", "period_end": "2026-08-30", "x\\u001b": ["a", "\\u0007"]}',
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["x\\x1b"]


def test_a_nul_in_the_import_department_field_answers_422(world, sign_in):
    data = "gmc_number,first_name,last_name,grade,post_start\r\n7011111,Zoe,Lee,FY1,2026-08-05\r\n"
    response = sign_in(world.staffing).post(
        "/api/doctors/import",
        {
            "file": SimpleUploadedFile("incoming.csv", data.encode()),
            "department": "acute-medicine\x00",
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "department", "message": NUL_PROBLEM}]
    assert not Doctor.objects.filter(gmc_number="7011111").exists()


def bell_problem() -> str:
    return NUL_PROBLEM.replace("\\x00", "\\x07")


def test_a_control_character_in_an_imported_cell_is_a_row_problem(world, sign_in):
    # A NUL anywhere makes a CSV file unreadable (400, tested with the imports); a bell or
    # an escape is read, and stopped at its cell.
    data = (
        "gmc_number,first_name,last_name,grade,department,post_start\r\n"
        "7011111,Zo\x07e,Lee,FY1,acute-medicine,2026-08-05\r\n"
        "70\x0722,Sam,Lee,FY1,acute-medicine,2026-08-05\r\n"
    )
    response = sign_in(world.staffing).post(
        "/api/doctors/import", {"file": SimpleUploadedFile("incoming.csv", data.encode())}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"line": 2, "field": "first_name", "value": "Zo\\x07e", "message": bell_problem()},
        {"line": 3, "field": "gmc_number", "value": "70\\x0722", "message": bell_problem()},
    ]
    assert not Doctor.objects.filter(last_name="Lee").exists()


def test_a_control_character_in_a_shifts_file_is_a_row_problem(world, sign_in, draft):
    data = "gmc_number,date,shift,start,end\r\n7012345,2026-08-03,N\x1b,,\r\n"
    response = sign_in(world.coordinator).post(
        f"/api/rotas/{draft.pk}/assignments/import",
        {"file": SimpleUploadedFile("shifts.csv", data.encode())},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "shift"
    assert not Assignment.objects.exists()


def test_a_nul_in_a_page_form_field_answers_422_and_saves_nothing(world, sign_in, draft):
    form = {
        "doctor": world.ada.pk,
        "date[day]": "3",
        "date[month]": "8",
        "date[year]": "2026",
        "shift_type": draft.department.shift_types.get().pk,
        "reason": "Cover\x00",
    }
    response = sign_in(world.coordinator).post(f"/rotas/{draft.pk}/shifts/add/", form)
    assert response.status_code == 422
    text = page_text(response)
    assert "There is a problem with what was sent" in text
    assert NUL_PROBLEM in text
    assert not Assignment.objects.exists()


def test_a_nul_in_a_page_query_answers_422(world, sign_in):
    response = sign_in(world.staffing).get("/doctors/?q=ada%00")
    assert response.status_code == 422
    assert "Nothing was saved" in page_text(response)


def test_tabs_and_new_lines_are_ordinary_text(world, sign_in, draft):
    response = sign_in(world.staffing).get("/api/doctors?q=ada%09")
    assert response.status_code == 200
    form = {
        "doctor": world.ada.pk,
        "date[day]": "3",
        "date[month]": "8",
        "date[year]": "2026",
        "shift_type": draft.department.shift_types.get().pk,
        "reason": "First line\r\nsecond line\tend",
    }
    assert (
        sign_in(world.coordinator).post(f"/rotas/{draft.pk}/shifts/add/", form).status_code == 302
    )
