"""Importing a rota's shifts through the page, the API and the command line."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, time

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from typer.testing import CliRunner

from rotaplan.cli import app
from rotaplan.people.models import Role, RoleAssignment
from rotaplan.rotas.models import Assignment, ComplianceOverride, Rota, RotaStatus
from tests.factories.rotas import AssignmentFactory, RotaFactory, ShiftTypeFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

HEADINGS = ["gmc_number", "date", "shift", "start", "end"]
ADA, BEA, CARYS = "7012345", "7012346", "7099999"  # as the world fixture numbers them


@pytest.fixture(autouse=True)
def coordinator_sees_cardiology_doctors(world):
    """Carys covers from cardiology in these files: a coordinator puts on a rota only the
    doctors they may see, so acute medicine's coordinator is cardiology's service manager
    too here. One who may not see her reads as a number nobody holds (test_scoping_leaks)."""
    RoleAssignment.objects.create(
        user=world.coordinator, role=Role.SERVICE_MANAGER, department=world.cardiology
    )


@pytest.fixture
def long_day(world):
    return ShiftTypeFactory(
        department=world.acute, code="LD", name="Long day", start=time(8), end=time(20, 30)
    )


@pytest.fixture
def draft(world, night, long_day):
    """The next rota, still a draft: the world's own rota is published."""
    return RotaFactory(
        department=world.acute,
        name="Acute medicine registrars, draft",
        period_start=date(2026, 8, 3),
        period_end=date(2027, 1, 31),
        status=RotaStatus.DRAFT,
    )


def page(rota: Rota) -> str:
    return f"/rotas/{rota.pk}/import/"


def api(rota: Rota) -> str:
    return f"/api/rotas/{rota.pk}/assignments/import"


def csv_file(*rows: list[str]) -> bytes:
    lines = [",".join(cells) for cells in [HEADINGS, *rows]]
    return ("\r\n".join(lines) + "\r\n").encode()


def upload(data: bytes, name: str = "shifts.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def good_rows() -> list[list[str]]:
    return [
        [ADA, "2026-08-03", "N", "", ""],
        [BEA, "03/08/2026", "LD", "", ""],
        [CARYS, "2026-08-04", "LD", "09:00", "17:00"],  # covering from cardiology
    ]


def version_of(rota: Rota) -> int:
    return Rota.objects.get(pk=rota.pk).version


def created_assignment_entries():
    return LogEntry.objects.get_for_model(Assignment).filter(action=LogEntry.Action.CREATE)


def shown_key(html: str) -> str:
    match = re.search(r'name="shown" value="([^"]+)"', html)
    assert match is not None, "the page asks for no reason"
    return match.group(1)


def post_with_reason(client, rota: Rota, data: bytes, name: str = "shifts.csv", reason: str = ""):
    """Upload the file, then again with a reason for the breaches the page showed."""
    first = client.post(page(rota), {"file": upload(data, name)})
    assert first.status_code == 200
    again = {
        "file": upload(data, name),
        "reason": reason,
        "shown": shown_key(first.content.decode()),
    }
    return client.post(page(rota), again)


# --- the page ---


def test_coordinator_sees_the_link_on_the_grid(world, sign_in, draft):
    html = sign_in(world.coordinator).get(f"/rotas/{draft.pk}/").content.decode()
    assert "Import shifts from a spreadsheet" in html
    assert page(draft) in html


def test_a_published_rota_offers_no_import_and_no_shift_edits(world, sign_in):
    """A published rota is what doctors rely on: it is not changed by import or edits."""
    html = sign_in(world.coordinator).get(f"/rotas/{world.rota.pk}/").content.decode()
    assert world.rota.status == "published"
    assert "Import shifts from a spreadsheet" not in html
    assert "Add or remove a shift" not in html
    assert "Publish this rota" not in html


def test_service_manager_sees_no_link_on_the_grid(world, sign_in, draft):
    html = sign_in(world.service_manager).get(f"/rotas/{draft.pk}/").content.decode()
    assert "Import shifts from a spreadsheet" not in html


def test_page_offers_the_upload_and_lists_the_departments_shifts(world, sign_in, draft):
    response = sign_in(world.coordinator).get(page(draft))
    html = response.content.decode()
    text = page_text(response)
    assert response.status_code == 200
    assert "nhsuk-file-upload" in html
    assert 'enctype="multipart/form-data"' in html
    assert "Codes: LD (Long day, 08:00 to 20:30), N (Night, 20:00 to 08:30 next day)." in text
    assert "This rota runs Mon 3 Aug 2026 to Sun 31 Jan 2027." in text


def test_good_csv_imports_every_row_audited_and_raises_the_version_once(world, sign_in, draft):
    response = sign_in(world.coordinator).post(
        page(draft), {"file": upload(csv_file(*good_rows()))}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/rotas/{draft.pk}/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Imported 3 shifts"]
    assert Assignment.objects.filter(rota=draft).count() == 3
    carys = Assignment.objects.get(doctor=world.carys)
    assert (carys.start, carys.end) == (
        datetime(2026, 8, 4, 8, tzinfo=UTC),
        datetime(2026, 8, 4, 16, tzinfo=UTC),
    )
    assert version_of(draft) == 2
    assert {e.actor_id for e in created_assignment_entries()} == {world.coordinator.pk}
    assert created_assignment_entries().count() == 3


def test_one_bad_row_saves_nothing_and_names_line_and_field(world, sign_in, draft):
    rows = [*good_rows(), [ADA, "2027-02-01", "LD", "", ""]]
    response = sign_in(world.coordinator).post(page(draft), {"file": upload(csv_file(*rows))})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "1 row has problems. Nothing was imported." in html
    assert "Mon 1 Feb 2027 is after the rota ends on Sun 31 Jan 2027" in html
    assert 'aria-hidden="true">Line </span>5' in html
    assert 'aria-hidden="true">Field </span>date' in html
    assert not Assignment.objects.exists()
    assert version_of(draft) == 1


def test_a_missing_column_is_reported_on_the_file(world, sign_in, draft):
    data = b"gmc_number,date\r\n7012345,2026-08-03\r\n"
    html = sign_in(world.coordinator).post(page(draft), {"file": upload(data)}).content.decode()
    assert "The file has no shift column." in html
    assert "nhsuk-form-group--error" in html


def test_page_asks_for_a_file(world, sign_in, draft):
    html = sign_in(world.coordinator).post(page(draft), {}).content.decode()
    assert "Select a CSV or Excel file of shifts" in html


def test_a_published_rota_explains_why_it_takes_no_import(world, sign_in, night):
    client = sign_in(world.coordinator)
    text = page_text(client.get(page(world.rota)))
    assert "This rota is published; shifts can be imported only into a draft rota" in text
    assert "nhsuk-file-upload" not in client.get(page(world.rota)).content.decode()
    response = client.post(page(world.rota), {"file": upload(csv_file(*good_rows()[:1]))})
    assert response.status_code == 200
    assert not Assignment.objects.exists()


def test_coordinator_of_another_department_gets_not_found(world, sign_in, draft):
    client = sign_in(world.cardiology_coordinator)
    assert client.get(page(draft)).status_code == 404
    assert client.post(page(draft), {"file": upload(csv_file(*good_rows()))}).status_code == 404
    assert not Assignment.objects.exists()


@pytest.mark.parametrize("user", ["nobody", "ada_user"])
def test_users_without_a_department_role_get_not_found(world, sign_in, draft, user):
    assert sign_in(getattr(world, user)).get(page(draft)).status_code == 404


@pytest.mark.parametrize("user", ["service_manager", "booking_coordinator"])
def test_who_can_see_but_not_edit_the_rota_is_refused(world, sign_in, draft, user):
    client = sign_in(getattr(world, user))
    assert client.get(page(draft)).status_code == 403
    assert client.post(page(draft), {"file": upload(csv_file(*good_rows()))}).status_code == 403
    assert not Assignment.objects.exists()


def test_medical_staffing_may_import(world, sign_in, draft):
    response = sign_in(world.staffing).post(page(draft), {"file": upload(csv_file(*good_rows()))})
    assert response.status_code == 302


def test_anonymous_user_is_sent_to_sign_in(client, draft):
    response = client.get(page(draft))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


# --- the rules that need the database, through the service's callers ---


def test_overlap_with_a_shift_on_another_rota_is_named(world, sign_in, draft, night):
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 3))
    data = csv_file([ADA, "2026-08-04", "LD", "", ""])
    html = sign_in(world.coordinator).post(page(draft), {"file": upload(data)}).content.decode()
    assert (
        "Dr Ada Patel already works N 20:00 Mon 3 Aug 2026 to 08:30 Tue 4 Aug 2026, "
        "which overlaps this shift"
    ) in html
    assert Assignment.objects.count() == 1


def test_a_shift_starting_as_a_booked_night_ends_is_imported(world, sign_in, draft, night):
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 3))
    data = csv_file([ADA, "2026-08-04", "LD", "08:30", ""])
    # No rest between the two breaks the rules: imported with a reason.
    response = post_with_reason(sign_in(world.coordinator), draft, data, reason="Cover")
    assert response.status_code == 302
    assert Assignment.objects.count() == 2


def test_a_shift_already_on_the_draft_is_a_duplicate(world, sign_in, draft, night):
    AssignmentFactory(rota=draft, doctor=world.ada, shift_type=night, date=date(2026, 8, 3))
    data = csv_file([ADA, "2026-08-03", "N", "", ""], [BEA, "2026-08-03", "N", "", ""])
    html = sign_in(world.coordinator).post(page(draft), {"file": upload(data)}).content.decode()
    assert "Dr Ada Patel is already on this rota for N 20:00 Mon 3 Aug 2026" in html
    assert Assignment.objects.count() == 1


def test_two_rows_overlapping_in_the_file_name_both_lines(world, sign_in, draft):
    data = csv_file([ADA, "2026-08-03", "LD", "", ""], [ADA, "2026-08-03", "N", "", ""])
    html = sign_in(world.coordinator).post(page(draft), {"file": upload(data)}).content.decode()
    assert "Dr Ada Patel is also on line 3 for N 20:00 Mon 3 Aug 2026" in html
    assert "Dr Ada Patel is also on line 2 for LD 08:00 Mon 3 Aug 2026" in html
    assert not Assignment.objects.exists()


def test_night_the_clocks_go_back_is_stored_thirteen_and_a_half_hours(world, sign_in, draft):
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["GMC number", "Date", "Shift"])
    sheet.append([7012345, datetime(2026, 10, 24), "N"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    # 13 1/2 hours is over the 13-hour limit on a shift: imported with a reason.
    response = post_with_reason(
        sign_in(world.coordinator), draft, buffer.getvalue(), "shifts.xlsx", reason="Cover"
    )
    assert response.status_code == 302
    night = Assignment.objects.get()
    assert (night.start, night.end) == (
        datetime(2026, 10, 24, 19, tzinfo=UTC),
        datetime(2026, 10, 25, 8, 30, tzinfo=UTC),
    )


# --- the API ---


def test_api_imports_and_lists_the_shifts(world, sign_in, draft):
    response = sign_in(world.coordinator).post(api(draft), {"file": upload(csv_file(*good_rows()))})
    assert response.status_code == 201
    body = response.json()
    assert (body["imported"], body["version"]) == (3, 2)
    assert body["assignments"][0]["shift_code"] == "N"
    assert body["assignments"][0]["start"] == "2026-08-03T20:00:00+01:00"
    assert body["assignments"][0]["end"] == "2026-08-04T08:30:00+01:00"


def test_api_reports_every_bad_row(world, sign_in, draft):
    rows = [
        [ADA, "2026-08-03", "X", "", ""],
        good_rows()[1],
        ["7000000", "2026-08-03", "N", "", ""],
    ]
    response = sign_in(world.coordinator).post(api(draft), {"file": upload(csv_file(*rows))})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "2 rows have problems. Nothing was imported."
    assert [(e["line"], e["field"], e["value"]) for e in body["errors"]] == [
        (2, "shift", "X"),
        (4, "gmc_number", "7000000"),
    ]
    assert not Assignment.objects.exists()


def test_api_refuses_an_unreadable_file(world, sign_in, draft):
    data = csv_file(good_rows()[0]) + "Zoé".encode("cp1252")
    response = sign_in(world.coordinator).post(api(draft), {"file": upload(data)})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The file is not UTF-8 text")


def test_api_refuses_a_published_rota(world, sign_in):
    response = sign_in(world.coordinator).post(
        api(world.rota), {"file": upload(csv_file(*good_rows()))}
    )
    assert response.status_code == 409
    assert response.json()["detail"].startswith("This rota is published;")


def test_api_scopes_the_rota(world, sign_in, draft):
    data = csv_file(*good_rows())
    assert (
        sign_in(world.cardiology_coordinator).post(api(draft), {"file": upload(data)}).status_code
        == 404
    )
    assert (
        sign_in(world.service_manager).post(api(draft), {"file": upload(data)}).status_code == 403
    )
    assert not Assignment.objects.exists()


def test_api_needs_a_signed_in_user(client, draft):
    assert client.post(api(draft), {"file": upload(csv_file(*good_rows()))}).status_code == 401


def test_openapi_schema_describes_the_import(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/rotas/{rota_id}/assignments/import"]["post"]
    assert set(operation["responses"]) == {"201", "400", "401", "403", "404", "409", "422"}


# --- the command line ---


runner = CliRunner()


def shifts_file(tmp_path, *rows: list[str]):
    path = tmp_path / "shifts.csv"
    path.write_bytes(csv_file(*rows))
    return str(path)


def test_cli_imports_as_a_named_user(world, draft, tmp_path):
    arguments = ["import-rota", shifts_file(tmp_path, *good_rows()), "--rota", str(draft.pk)]
    result = runner.invoke(app, [*arguments, "--as", world.coordinator.username])
    assert result.exit_code == 0, result.output
    assert (
        "Imported 3 shifts into Acute medicine registrars, draft (Acute medicine), now version 2."
    ) in result.output
    assert {e.actor_id for e in created_assignment_entries()} == {world.coordinator.pk}


def test_cli_without_as_records_no_user(world, draft, tmp_path):
    result = runner.invoke(
        app, ["import-rota", shifts_file(tmp_path, *good_rows()), "--rota", str(draft.pk)]
    )
    assert result.exit_code == 0, result.output
    assert "the audit log records these shifts with no user" in result.output
    assert {e.actor_id for e in created_assignment_entries()} == {None}


def test_cli_prints_each_problem_and_exits_1(world, draft, tmp_path):
    rows = [*good_rows(), [ADA, "2026-08-03", "N", "20:00", "20:00"]]
    result = runner.invoke(
        app, ["import-rota", shifts_file(tmp_path, *rows), "--rota", str(draft.pk)]
    )
    assert result.exit_code == 1
    assert "line 5, end: The end, 20:00, is the same as the start;" in result.output
    assert "Nothing was imported." in result.output
    assert not Assignment.objects.exists()


def test_cli_exits_2_when_it_cannot_run(world, draft, tmp_path):
    path = shifts_file(tmp_path, *good_rows())
    assert runner.invoke(app, ["import-rota", path, "--rota", "999999"]).exit_code == 2
    unknown_user = ["import-rota", path, "--rota", str(draft.pk), "--as", "nobody-at-all"]
    assert runner.invoke(app, unknown_user).exit_code == 2
    published = runner.invoke(app, ["import-rota", path, "--rota", str(world.rota.pk)])
    assert published.exit_code == 2
    assert "This rota is published" in published.output
    (tmp_path / "bad.csv").write_bytes("gmc_number\r\nZoé\r\n".encode("cp1252"))
    bad = runner.invoke(app, ["import-rota", str(tmp_path / "bad.csv"), "--rota", str(draft.pk)])
    assert bad.exit_code == 2
    assert not Assignment.objects.exists()


def test_cli_applies_the_named_users_permissions(world, draft, tmp_path):
    arguments = ["import-rota", shifts_file(tmp_path, *good_rows()), "--rota", str(draft.pk)]
    result = runner.invoke(app, [*arguments, "--as", world.cardiology_coordinator.username])
    assert result.exit_code == 2
    assert "You do not coordinate this department's rotas" in result.output
    assert not Assignment.objects.exists()


# --- the contract rules: an import is an edit like any other ---


NIGHTS_FILE = "nights.csv"


def five_nights() -> bytes:
    """Ada on nights Mon 3 to Fri 7 Aug 2026: five in a row, one over the limit of four."""
    return csv_file(*([ADA, f"2026-08-0{day}", "N", "", ""] for day in range(3, 8)))


def test_a_compliant_import_records_no_override(world, sign_in, draft):
    response = sign_in(world.coordinator).post(
        page(draft), {"file": upload(csv_file(*good_rows()))}
    )
    assert response.status_code == 302
    assert not ComplianceOverride.objects.exists()


FIVE_NIGHTS = "Dr Ada Patel works 5 nights in a row from Mon 3 Aug 2026; the limit is 4"


def test_shifts_breaking_the_rules_are_shown_and_nothing_is_saved(world, sign_in, draft):
    response = sign_in(world.coordinator).post(
        page(draft), {"file": upload(five_nights(), NIGHTS_FILE)}
    )
    text = page_text(response)
    assert response.status_code == 200
    assert "This change breaks the rules" in text
    assert "Saving it would create 2 breaches:" in text
    assert FIVE_NIGHTS in text
    assert "Dr Ada Patel works 5 long shifts in a row from Mon 3 Aug 2026" in text
    assert "Upload the file again with your reason" in text
    assert 'name="reason"' in response.content.decode()
    assert not Assignment.objects.exists()
    assert not ComplianceOverride.objects.exists()
    assert version_of(draft) == 1


def test_the_same_file_with_a_reason_is_imported_and_the_override_recorded(world, sign_in, draft):
    client = sign_in(world.coordinator)
    response = post_with_reason(
        client, draft, five_nights(), NIGHTS_FILE, reason="  Locum cancelled at short notice "
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Imported 5 shifts"]
    assert Assignment.objects.filter(rota=draft).count() == 5
    assert version_of(draft) == 2
    override = ComplianceOverride.objects.get()
    assert override.rota_id == draft.pk
    assert override.assignment is None
    assert override.change == "Imported 5 shifts from nights.csv"
    assert override.reason == "Locum cancelled at short notice"
    assert override.made_by == world.coordinator
    assert FIVE_NIGHTS in [b["message"] for b in override.breaches]
    assert {b["rule"] for b in override.breaches} >= {"max-consecutive-nights"}
    shift_add = page_text(client.get(f"/rotas/{draft.pk}/shifts/add/"))
    assert "Imported 5 shifts from nights.csv" in shift_add


def test_an_empty_reason_saves_nothing_and_asks_for_one(world, sign_in, draft):
    response = post_with_reason(sign_in(world.coordinator), draft, five_nights(), reason=" ")
    assert response.status_code == 200
    assert "Enter a reason for going ahead" in page_text(response)
    assert not Assignment.objects.exists()
    assert not ComplianceOverride.objects.exists()


def test_a_reason_is_not_taken_for_a_file_whose_breaches_were_not_shown(world, sign_in, draft):
    client = sign_in(world.coordinator)
    first = client.post(page(draft), {"file": upload(five_nights())})
    six_nights = csv_file(*([ADA, f"2026-08-0{day}", "N", "", ""] for day in range(3, 9)))
    response = client.post(
        page(draft),
        {"file": upload(six_nights), "reason": "Cover", "shown": shown_key(first.content.decode())},
    )
    assert response.status_code == 200
    assert "Dr Ada Patel works 6 nights in a row" in page_text(response)
    assert "Enter a reason for going ahead" not in page_text(response)
    assert not Assignment.objects.exists()
    assert not ComplianceOverride.objects.exists()


def test_api_refuses_shifts_breaking_the_rules_then_imports_them_with_a_reason(
    world, sign_in, draft
):
    client = sign_in(world.coordinator)
    refused = client.post(api(draft), {"file": upload(five_nights(), NIGHTS_FILE)})
    assert refused.status_code == 409
    body = refused.json()
    assert body["detail"].startswith("These shifts would break the rules (2 breaches)")
    assert FIVE_NIGHTS in [b["message"] for b in body["breaches"]]
    assert set(body["breaches"][0]) == {
        "rule",
        "doctor",
        "start",
        "end",
        "value",
        "limit",
        "message",
    }
    assert not Assignment.objects.exists()

    reason = {"file": upload(five_nights(), NIGHTS_FILE), "reason": "Locum cancelled"}
    imported = client.post(api(draft), reason)
    assert imported.status_code == 201
    assert (imported.json()["imported"], imported.json()["version"]) == (5, 2)
    override = ComplianceOverride.objects.get()
    assert (override.reason, override.made_by) == ("Locum cancelled", world.coordinator)
    assert override.change == "Imported 5 shifts from nights.csv"
    assert override.breaches == body["breaches"]


def test_cli_refuses_shifts_breaking_the_rules_without_a_reason(world, draft, tmp_path):
    path = tmp_path / NIGHTS_FILE
    path.write_bytes(five_nights())
    arguments = ["import-rota", str(path), "--rota", str(draft.pk)]
    result = runner.invoke(app, [*arguments, "--as", world.coordinator.username])
    assert result.exit_code == 1, result.output
    assert FIVE_NIGHTS in result.output
    assert (
        "Nothing was imported: these shifts break the contract rules. "
        "Run again with --reason to import them anyway."
    ) in result.output
    assert not Assignment.objects.exists()
    assert version_of(draft) == 1


def test_cli_imports_with_a_reason_and_records_the_override(world, draft, tmp_path):
    path = tmp_path / NIGHTS_FILE
    path.write_bytes(five_nights())
    arguments = ["import-rota", str(path), "--rota", str(draft.pk)]
    as_user = ["--as", world.coordinator.username]
    result = runner.invoke(app, [*arguments, *as_user, "--reason", "Locum cancelled"])
    assert result.exit_code == 0, result.output
    assert "Imported 5 shifts into" in result.output
    assert "your reason is recorded with the breaches" in result.output
    override = ComplianceOverride.objects.get()
    assert (override.reason, override.made_by) == ("Locum cancelled", world.coordinator)
    assert override.change == "Imported 5 shifts from nights.csv"
    assert FIVE_NIGHTS in [b["message"] for b in override.breaches]
    assert Assignment.objects.filter(rota=draft).count() == 5


def test_cli_reason_needs_a_user_to_record_it_with(world, draft, tmp_path):
    path = tmp_path / NIGHTS_FILE
    path.write_bytes(five_nights())
    arguments = ["import-rota", str(path), "--rota", str(draft.pk), "--reason", "Cover"]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    assert "--reason needs --as" in result.output
    assert not Assignment.objects.exists()
