"""Importing incoming doctors through the page, the API and the command line."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook
from typer.testing import CliRunner

from rotaplan.cli import app
from rotaplan.engine.formats.spreadsheet import read_table
from rotaplan.imports import presenters as import_presenters
from rotaplan.people.doctor_import import doctors_import
from rotaplan.people.models import Doctor, Role
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import CompetencyFactory, DoctorFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "incoming-doctors.csv"
PAGE = "/doctors/import/"
API = "/api/doctors/import"
HEADINGS = ["gmc_number", "first_name", "last_name", "grade", "department", "post_start"]


@pytest.fixture
def acute():
    return DepartmentFactory(code="acute-medicine", name="Acute medicine")


@pytest.fixture
def cardiology():
    return DepartmentFactory(code="cardiology", name="Cardiology")


@pytest.fixture
def competencies():
    return [CompetencyFactory(code="als", name="ALS"), CompetencyFactory(code="airway")]


@pytest.fixture
def staffing(acute, cardiology, competencies):
    return user_with_role(Role.MEDICAL_STAFFING, None, username="staffing")


@pytest.fixture
def acute_coordinator(acute, cardiology):
    return user_with_role(Role.ROTA_COORDINATOR, acute, username="acute-coordinator")


def csv_file(*rows: list[str], name: str = "incoming.csv", bom: bool = False) -> bytes:
    text = "\r\n".join(",".join(cells) for cells in [HEADINGS, *rows]) + "\r\n"
    return ("\ufeff" if bom else "").encode() + text.encode()


def good_row(gmc: str, department: str = "acute-medicine") -> list[str]:
    return [gmc, "Amara", "Okafor", "FY1", department, "2026-08-05"]


def upload(data: bytes, name: str = "incoming.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def created_doctor_entries():
    return LogEntry.objects.get_for_model(Doctor).filter(action=LogEntry.Action.CREATE)


# --- the page ---


def test_page_offers_the_upload_and_explains_the_columns(sign_in, acute_coordinator):
    html = sign_in(acute_coordinator).get(PAGE).content.decode()
    assert "nhsuk-file-upload" in html
    assert 'enctype="multipart/form-data"' in html
    assert "post_start" in html
    assert "/doctors/import/template.csv" in html
    assert re.search(r'value="acute-medicine" selected\s*>Acute medicine \(acute-medicine\)', html)
    assert "Cardiology" not in html


def test_good_csv_imports_every_row_and_audits_each(sign_in, staffing):
    response = sign_in(staffing).post(PAGE, {"file": upload(EXAMPLE.read_bytes())})
    assert response.status_code == 302
    assert response["Location"] == "/doctors/"
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Imported 10 doctors"]
    assert Doctor.objects.count() == 10
    zoe = Doctor.objects.get(gmc_number="7289341")
    assert (zoe.first_name, zoe.wte, zoe.grade, zoe.contract) == (
        "Zoë",
        Decimal("0.80"),
        "CT2",
        "tcs2016",
    )
    assert sorted(zoe.competencies.values_list("code", flat=True)) == ["airway", "als"]
    assert Doctor.objects.get(gmc_number="7398214").post_start == date(2026, 8, 5)
    entries = created_doctor_entries()
    assert entries.count() == 10
    assert {entry.actor_id for entry in entries} == {staffing.pk}


def test_one_bad_row_in_five_saves_nothing_and_names_line_and_field(sign_in, acute_coordinator):
    rows = [good_row(f"{7100000 + i}") for i in range(5)]
    rows[2][0] = "70123"
    response = sign_in(acute_coordinator).post(PAGE, {"file": upload(csv_file(*rows))})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "1 row has problems. Nothing was imported." in html
    assert "GMC number must be exactly 7 digits; got &#39;70123&#39;" in html
    assert 'aria-hidden="true">Line </span>4' in html
    assert 'aria-hidden="true">Field </span>gmc_number' in html
    assert Doctor.objects.count() == 0
    assert not created_doctor_entries().exists()


def test_page_shows_the_first_problems_of_a_long_list(sign_in, acute_coordinator, monkeypatch):
    monkeypatch.setattr(import_presenters, "PROBLEMS_SHOWN", 2)
    rows = [good_row(f"{7100000 + i}") for i in range(3)]
    for cells in rows:
        cells[3] = "Reg"
    response = sign_in(acute_coordinator).post(PAGE, {"file": upload(csv_file(*rows))})
    text = response.content.decode()
    assert "3 rows have problems. Nothing was imported." in text
    assert "The first 2 of 3 problems are shown." in text
    assert text.count("Grade must be one of") == 2


def test_missing_column_is_reported_on_the_page(sign_in, acute_coordinator):
    data = b"gmc_number,first_name,last_name\r\n7012345,Amara,Okafor\r\n"
    html = sign_in(acute_coordinator).post(PAGE, {"file": upload(data)}).content.decode()
    assert "The file has no grade, post_start columns." in html
    assert "nhsuk-form-group--error" in html
    assert Doctor.objects.count() == 0


def test_windows_1252_file_is_refused_on_the_page(sign_in, acute_coordinator):
    data = csv_file(good_row("7012345"), ["7012346", "Zoé", "Lee", "FY1", "", "2026-08-05"])
    response = sign_in(acute_coordinator).post(
        PAGE, {"file": upload(data.decode().encode("cp1252"))}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The file is not UTF-8 text (byte 0xe9 at line 3)" in html
    assert Doctor.objects.count() == 0


def test_bom_file_with_default_department_imports(sign_in, acute_coordinator, acute):
    data = csv_file(["7012345", "Zoë", "Lee", "FY2", "", "05/08/2026"], bom=True)
    response = sign_in(acute_coordinator).post(
        PAGE, {"file": upload(data), "department": "acute-medicine"}
    )
    assert response.status_code == 302
    doctor = Doctor.objects.get()
    assert (doctor.first_name, doctor.department) == ("Zoë", acute)


def test_gmc_number_already_in_rotaplan_names_the_doctor(sign_in, acute_coordinator, acute):
    DoctorFactory(gmc_number="7012345", first_name="Aisha", last_name="Khan", department=acute)
    data = csv_file(good_row("7012345"), good_row("7012399"))
    html = sign_in(acute_coordinator).post(PAGE, {"file": upload(data)}).content.decode()
    assert "already belongs to Dr Aisha Khan" in html
    assert Doctor.objects.count() == 1


def test_coordinator_cannot_import_into_another_department(sign_in, acute_coordinator):
    data = csv_file(good_row("7012345"), good_row("7012346", "cardiology"))
    html = sign_in(acute_coordinator).post(PAGE, {"file": upload(data)}).content.decode()
    assert "You may not import doctors into Cardiology (cardiology)." in html
    assert Doctor.objects.count() == 0


def test_coordinator_cannot_choose_another_department_as_default(sign_in, acute_coordinator):
    data = csv_file(["7012345", "Zoë", "Lee", "FY2", "", "05/08/2026"])
    response = sign_in(acute_coordinator).post(
        PAGE, {"file": upload(data), "department": "cardiology"}
    )
    assert "Choose a department from the list" in response.content.decode()
    assert Doctor.objects.count() == 0


def test_page_asks_for_a_file(sign_in, acute_coordinator):
    html = sign_in(acute_coordinator).post(PAGE, {}).content.decode()
    assert "Select a CSV or Excel file of doctors" in html


def test_doctor_cannot_open_the_page(sign_in, acute):
    doctor_user = UserFactory(doctor=DoctorFactory(department=acute))
    assert sign_in(doctor_user).get(PAGE).status_code == 403
    assert sign_in(doctor_user).post(PAGE, {"file": upload(csv_file())}).status_code == 403


def test_user_with_no_role_cannot_open_the_page(sign_in):
    assert sign_in(UserFactory()).get(PAGE).status_code == 403


def test_anonymous_user_is_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_template_csv_has_every_heading(sign_in, acute_coordinator):
    response = sign_in(acute_coordinator).get("/doctors/import/template.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    assert text.startswith("gmc_number,first_name,last_name,email,grade,contract,wte,")


# --- the service, with an Excel workbook ---


def test_good_xlsx_imports_with_the_actor_audited(staffing, acute):
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append([*HEADINGS, "post_end", "opted_out", "competencies"])
    sheet.append([7012345, "Amara", "Okafor", "ST4", "", datetime(2026, 8, 5), None, True, "als"])
    sheet.append(["7012346", "Tom", "Hughes", "CONS", "cardiology", "05/08/2026", "", "no", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = doctors_import(
        actor=staffing,
        table=read_table("incoming.xlsx", buffer.getvalue()),
        default_department=acute,
    )
    assert result.ok, result.problems
    amara = Doctor.objects.get(gmc_number="7012345")
    assert (amara.department, amara.opted_out, amara.post_start) == (acute, True, date(2026, 8, 5))
    assert list(amara.competencies.values_list("code", flat=True)) == ["als"]
    assert Doctor.objects.get(gmc_number="7012346").contract == "consultant2003"
    assert {e.actor_id for e in created_doctor_entries()} == {staffing.pk}


# --- the API ---


def test_api_imports_and_lists_the_doctors(sign_in, acute_coordinator):
    response = sign_in(acute_coordinator).post(
        API, {"file": upload(csv_file(good_row("7012345"), good_row("7012346")))}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["imported"] == 2
    assert [d["gmc_number"] for d in body["doctors"]] == ["7012345", "7012346"]
    assert body["doctors"][0]["name"] == "Amara Okafor"
    assert {e.actor_id for e in created_doctor_entries()} == {acute_coordinator.pk}


def test_api_reports_every_bad_row(sign_in, acute_coordinator):
    rows = [good_row("7012345"), good_row("70123"), good_row("7012345")]
    rows[1][5] = "2026-13-01"
    response = sign_in(acute_coordinator).post(API, {"file": upload(csv_file(*rows))})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "3 rows have problems. Nothing was imported."
    assert [(e["line"], e["field"]) for e in body["errors"]] == [
        (2, "gmc_number"),
        (3, "gmc_number"),
        (3, "post_start"),
        (4, "gmc_number"),
    ]
    assert body["errors"][1]["value"] == "70123"
    assert Doctor.objects.count() == 0


def test_api_refuses_an_unreadable_file(sign_in, acute_coordinator):
    data = csv_file(["7012345", "Zoé", "Lee", "FY1", "", "2026-08-05"]).decode()
    response = sign_in(acute_coordinator).post(API, {"file": upload(data.encode("cp1252"))})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The file is not UTF-8 text (byte 0xe9 at line 2)")


def test_api_refuses_another_departments_default(sign_in, acute_coordinator):
    response = sign_in(acute_coordinator).post(
        API, {"file": upload(csv_file(good_row("7012345"))), "department": "cardiology"}
    )
    assert response.status_code == 403
    assert Doctor.objects.count() == 0


def test_api_refuses_rows_for_another_department(sign_in, acute_coordinator):
    response = sign_in(acute_coordinator).post(
        API, {"file": upload(csv_file(good_row("7012345", "cardiology")))}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "department"


def test_api_refuses_an_unknown_default_department(sign_in, acute_coordinator):
    response = sign_in(acute_coordinator).post(
        API, {"file": upload(csv_file(good_row("7012345"))), "department": "dermatology"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "department"


def test_api_refuses_a_doctor(sign_in, acute):
    doctor_user = UserFactory(doctor=DoctorFactory(department=acute))
    response = sign_in(doctor_user).post(API, {"file": upload(csv_file(good_row("7012345")))})
    assert response.status_code == 403
    assert Doctor.objects.count() == 1


def test_api_needs_a_signed_in_user(client, acute):
    response = client.post(API, {"file": upload(csv_file(good_row("7012345")))})
    assert response.status_code == 401


def test_api_checks_the_csrf_token(acute_coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(acute_coordinator)
    response = client.post(API, {"file": upload(csv_file(good_row("7012345")))})
    assert response.status_code == 403
    assert Doctor.objects.count() == 0


def test_openapi_schema_describes_the_import(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/doctors/import"]["post"]
    assert set(operation["responses"]) == {"201", "400", "401", "403", "422"}


# --- the command line ---


runner = CliRunner()


def test_cli_imports_the_example_as_a_named_user(staffing):
    result = runner.invoke(app, ["import-doctors", str(EXAMPLE), "--as", "staffing"])
    assert result.exit_code == 0, result.output
    assert "Imported 10 doctors into Acute medicine (6), Cardiology (4)." in result.output
    assert "as made by staffing" in result.output
    assert {e.actor_id for e in created_doctor_entries()} == {staffing.pk}


def test_cli_without_as_says_no_user_is_recorded(tmp_path, acute):
    path = tmp_path / "incoming.csv"
    path.write_bytes(csv_file(good_row("7012345")))
    result = runner.invoke(app, ["import-doctors", str(path)])
    assert result.exit_code == 0, result.output
    assert "the audit log records these doctors with no user" in result.output
    assert [e.actor_id for e in created_doctor_entries()] == [None]


def test_cli_prints_each_problem_and_exits_1(tmp_path, acute):
    rows = [good_row(f"{7100000 + i}") for i in range(4)]
    rows[2][0] = "70123"
    path = tmp_path / "incoming.csv"
    path.write_bytes(csv_file(*rows))
    result = runner.invoke(app, ["import-doctors", str(path)])
    assert result.exit_code == 1
    assert "line 4, gmc_number: GMC number must be exactly 7 digits; got '70123'" in result.output
    assert "Nothing was imported." in result.output
    assert Doctor.objects.count() == 0


def test_cli_exits_2_for_an_unreadable_file(tmp_path, acute):
    path = tmp_path / "incoming.csv"
    path.write_bytes("gmc_number,first_name\r\n7012345,Zoé\r\n".encode("cp1252"))
    result = runner.invoke(app, ["import-doctors", str(path)])
    assert result.exit_code == 2
    assert "not UTF-8 text" in result.output


def test_cli_exits_2_for_an_unknown_department_or_user(tmp_path, acute):
    path = tmp_path / "incoming.csv"
    path.write_bytes(csv_file(good_row("7012345")))
    assert runner.invoke(app, ["import-doctors", str(path), "--department", "x"]).exit_code == 2
    assert runner.invoke(app, ["import-doctors", str(path), "--as", "nobody"]).exit_code == 2


def test_cli_applies_the_named_users_permissions(tmp_path, acute_coordinator):
    path = tmp_path / "incoming.csv"
    path.write_bytes(csv_file(good_row("7012345", "cardiology")))
    result = runner.invoke(app, ["import-doctors", str(path), "--as", "acute-coordinator"])
    assert result.exit_code == 1
    assert "You may not import doctors into Cardiology" in result.output
    assert Doctor.objects.count() == 0
