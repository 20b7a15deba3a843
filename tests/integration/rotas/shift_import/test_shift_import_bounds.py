"""A hostile workbook given to a rota's shift import, through the page, the API and the
command line: refused with the reader's message, nothing saved, no error page."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from typer.testing import CliRunner

from rotaplan.cli import app
from rotaplan.rotas.models import Assignment, Rota, RotaStatus
from tests import workbooks
from tests.factories.rotas import RotaFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

FAR_ROW = "The sheet 'Shifts' uses row 1,048,576; an import reads rows 1 to 20,000."


@pytest.fixture
def draft(world, night) -> Rota:
    return RotaFactory(
        department=world.acute,
        name="Acute medicine registrars, draft",
        period_start=date(2026, 8, 3),
        period_end=date(2027, 1, 31),
        status=RotaStatus.DRAFT,
    )


def shifts_far_down() -> bytes:
    """The shift import's headings, then a night on Excel's last row."""
    return workbooks.workbook(
        workbooks.text_row(1, ["gmc_number", "date", "shift"])
        + workbooks.text_row(1_048_576, ["7012345", "2026-08-03", "N"]),
        sheet_name="Shifts",
    )


def upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("shifts.xlsx", shifts_far_down())


def test_the_page_shows_why_a_hostile_workbook_was_refused(world, sign_in, draft):
    response = sign_in(world.coordinator).post(f"/rotas/{draft.pk}/import/", {"file": upload()})
    assert response.status_code == 200
    assert FAR_ROW in page_text(response)
    assert not Assignment.objects.exists()


def test_the_api_answers_400_with_the_reason(world, sign_in, draft):
    url = f"/api/rotas/{draft.pk}/assignments/import"
    response = sign_in(world.coordinator).post(url, {"file": upload()})
    assert response.status_code == 400
    assert response.json()["detail"].startswith(FAR_ROW)
    assert not Assignment.objects.exists()


def test_the_command_exits_2_with_the_reason(world, draft, tmp_path):
    path = tmp_path / "shifts.xlsx"
    path.write_bytes(shifts_far_down())
    arguments = ["import-rota", str(path), "--rota", str(draft.pk)]
    result = CliRunner().invoke(app, [*arguments, "--as", world.coordinator.username])
    assert result.exit_code == 2
    assert f"shifts.xlsx: {FAR_ROW}" in result.output
    assert not Assignment.objects.exists()
