"""A hostile workbook given to the doctor import, through the page, the API and the command
line: refused with the reader's message, nothing saved, no error page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from typer.testing import CliRunner

from rotaplan.cli import app
from rotaplan.people.models import Doctor, Role
from tests import workbooks
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import user_with_role
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

DECLARED = "The sheet 'Doctors' says it uses cells A1:XFD1048576, rows 1 to 1,048,576"


@pytest.fixture
def coordinator():
    acute = DepartmentFactory(code="acute-medicine", name="Acute medicine")
    return user_with_role(Role.ROTA_COORDINATOR, acute, username="acute-coordinator")


def upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("incoming.xlsx", workbooks.declared_dimension())


def test_the_page_shows_why_a_hostile_workbook_was_refused(sign_in, coordinator):
    response = sign_in(coordinator).post("/doctors/import/", {"file": upload()})
    assert response.status_code == 200
    assert DECLARED in page_text(response)
    assert not Doctor.objects.exists()


def test_the_api_answers_400_with_the_reason(sign_in, coordinator):
    response = sign_in(coordinator).post("/api/doctors/import", {"file": upload()})
    assert response.status_code == 400
    assert response.json()["detail"].startswith(DECLARED)
    assert not Doctor.objects.exists()


def test_the_command_exits_2_with_the_reason(tmp_path, coordinator):
    path = tmp_path / "incoming.xlsx"
    path.write_bytes(workbooks.declared_dimension())
    result = CliRunner().invoke(app, ["import-doctors", str(path), "--as", coordinator.username])
    assert result.exit_code == 2
    assert f"incoming.xlsx: {DECLARED}" in result.output
    assert not Doctor.objects.exists()
