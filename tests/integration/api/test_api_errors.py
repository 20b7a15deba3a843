"""Every API error in one shape: ``{"detail": ..., "errors": [{"line"?, "field", "message"}]}``,
whether the endpoint returns it, django-ninja refuses the request before the endpoint runs,
or Django answers for an address or a crash the API never saw."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import Client, RequestFactory

from rotaplan.api.errors import ErrorOut, FieldErrorOut
from rotaplan.api.site import api
from rotaplan.organisation import selectors as department_selectors
from rotaplan.rotas.models import Assignment

pytestmark = pytest.mark.django_db

GRADES = (
    "'FY1', 'FY2', 'CT1', 'CT2', 'CT3', 'ST1', 'ST2', 'ST3', 'ST4', 'ST5', 'ST6', 'ST7', "
    "'ST8', 'SD', 'SPEC' or 'CONS'"
)


def post_json(client: Client, path: str, body: object):
    return client.post(path, json.dumps(body), content_type="application/json")


def assignments_of(world) -> str:
    return f"/api/rotas/{world.rota.pk}/assignments"


# A request that fails validation: 422, each field named as the client wrote it


def test_missing_fields_are_each_named(world, sign_in):
    response = post_json(sign_in(world.coordinator), assignments_of(world), {})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "The request has 3 problems.",
        "errors": [
            {"field": "doctor_id", "message": "This field is required."},
            {"field": "shift_code", "message": "This field is required."},
            {"field": "date", "message": "This field is required."},
        ],
    }
    assert not Assignment.objects.exists()


def test_wrong_types_are_named_in_plain_english(world, sign_in):
    response = post_json(
        sign_in(world.coordinator),
        assignments_of(world),
        {"doctor_id": "Ada", "shift_code": "N", "date": "2026-13-01", "start": "soon"},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "doctor_id", "message": "Must be a whole number."},
        {
            "field": "date",
            "message": "Must be a real date written as YYYY-MM-DD, for example 2026-08-03.",
        },
        {"field": "start", "message": "Must be a date and time, for example 2026-08-03T08:00."},
    ]


def test_a_body_that_is_not_an_object_names_the_missing_fields(world, sign_in):
    response = post_json(sign_in(world.coordinator), assignments_of(world), [1, 2])
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"doctor_id", "shift_code", "date"}


def test_an_unknown_choice_lists_the_choices(world, sign_in):
    response = sign_in(world.staffing).get("/api/doctors?grade=NOPE&ltft=maybe")
    assert response.status_code == 422
    assert response.json() == {
        "detail": "The request has 2 problems.",
        "errors": [
            {"field": "grade", "message": f"Must be one of {GRADES}."},
            {"field": "ltft", "message": "Must be true or false."},
        ],
    }


def test_a_missing_file_is_named(world, sign_in):
    response = sign_in(world.coordinator).post("/api/doctors/import", {})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "file", "message": "This field is required."}]


def test_a_body_that_is_not_json_cannot_be_read(world, sign_in):
    response = sign_in(world.coordinator).post(
        assignments_of(world), "{doctor_id: 1", content_type="application/json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith("The request body could not be read.")
    assert body["errors"] == [
        {
            "line": 1,
            "field": "column 2",
            "message": "not valid JSON: Expecting property name enclosed in double quotes",
        }
    ]


# Errors the endpoints return themselves share the schemas


def test_an_endpoints_own_error_has_no_line_or_value(world, sign_in):
    response = post_json(
        sign_in(world.coordinator),
        assignments_of(world),
        {"doctor_id": 999999, "shift_code": "XX", "date": "2026-08-05"},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "doctor_id", "message": "No doctor you may put on a rota has this id"},
        {"field": "shift_code", "message": "The department has no shift 'XX'"},
    ]


# A long value sent is never sent back whole


LONG = "N" * 100_000


def test_a_long_shift_code_is_not_echoed_back_in_full(world, sign_in):
    response = post_json(
        sign_in(world.coordinator),
        assignments_of(world),
        {"doctor_id": world.ada.pk, "shift_code": LONG, "date": "2026-08-05"},
    )
    assert response.status_code == 422
    assert len(response.content) < 1_000
    (problem,) = response.json()["errors"]
    assert problem["field"] == "shift_code"
    assert problem["message"] == f"The department has no shift '{'N' * 57}...'"


def test_a_long_department_code_is_shortened_in_the_value_and_the_message(world, sign_in):
    upload = SimpleUploadedFile("incoming.csv", b"gmc_number\r\n", content_type="text/csv")
    response = sign_in(world.coordinator).post(
        "/api/doctors/import", {"file": upload, "department": LONG}
    )
    assert response.status_code == 422
    assert len(response.content) < 1_000
    (problem,) = response.json()["errors"]
    assert problem["value"] == "N" * 57 + "..."
    assert problem["message"] == f"No department has the code '{'N' * 57}...'."


def test_an_error_never_carries_a_long_text_whole():
    """The error shape's own guard, whatever an endpoint put in it."""
    error = ErrorOut(
        detail="D" * 10_000, errors=[FieldErrorOut(field="f", value=LONG, message="M" * 10_000)]
    )
    assert len(error.detail) == 2000
    assert error.detail.endswith("...")
    assert error.errors[0].value == "N" * 57 + "..."
    assert len(error.errors[0].message) == 2000


def test_import_problems_keep_their_line_and_value(world, sign_in):
    data = b"gmc_number,first_name,last_name,grade,department,post_start\r\n"
    data += b"70123,Amara,Okafor,FY1,acute-medicine,2026-08-05\r\n"
    upload = SimpleUploadedFile("incoming.csv", data, content_type="text/csv")
    response = sign_in(world.coordinator).post("/api/doctors/import", {"file": upload})
    assert response.status_code == 422
    (problem,) = response.json()["errors"]
    assert problem["line"] == 2
    assert problem["field"] == "gmc_number"
    assert problem["value"] == "70123"
    assert problem["message"]


def test_a_problem_with_no_line_leaves_line_out(world, sign_in):
    upload = SimpleUploadedFile("incoming.csv", b"gmc_number\r\n", content_type="text/csv")
    response = sign_in(world.coordinator).post(
        "/api/doctors/import", {"file": upload, "department": "dermatology"}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "department",
            "value": "dermatology",
            "message": "No department has the code 'dermatology'.",
        }
    ]


def test_import_refusal_has_the_same_shape(world, sign_in):
    upload = SimpleUploadedFile("incoming.csv", b"gmc_number\r\n", content_type="text/csv")
    response = sign_in(world.ada_user).post("/api/doctors/import", {"file": upload})
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only medical staffing and rota coordinators import doctors.",
        "errors": [],
    }


def test_openapi_documents_one_error_schema(client):
    schema = client.get("/api/openapi.json").json()
    names = set(schema["components"]["schemas"])
    assert {"ErrorOut", "FieldErrorOut"} <= names
    assert not names & {"ProblemOut", "ProblemsOut", "DetailOut"}
    error_ref = {"$ref": "#/components/schemas/ErrorOut"}
    imports = schema["paths"]["/api/doctors/import"]["post"]["responses"]
    assignments = schema["paths"]["/api/rotas/{rota_id}/assignments"]["post"]["responses"]
    for responses in (imports, assignments):
        assert responses["422"]["content"]["application/json"]["schema"] == error_ref


# Sign-in, CSRF, missing records and refusals


def test_signed_out_client_is_told_to_sign_in(world, client):
    for response in (
        client.get(f"/api/rotas/{world.rota.pk}"),
        post_json(client, assignments_of(world), {}),
    ):
        assert response.status_code == 401
        assert response.json() == {"detail": "Sign in first.", "errors": []}


def test_a_write_without_the_csrf_token_says_where_to_send_it(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.coordinator)
    response = post_json(
        client, assignments_of(world), {"doctor_id": 1, "shift_code": "N", "date": "2026-08-03"}
    )
    assert response.status_code == 403
    assert "X-CSRFToken header" in response.json()["detail"]
    assert not Assignment.objects.exists()


def test_http404_inside_an_endpoint_says_only_not_found(world):
    request = RequestFactory().get("/api/doctors/1")
    response = api.on_exception(request, Http404("No Doctor matches: Carys Hughes"))
    assert response.status_code == 404
    assert json.loads(response.content) == {"detail": "Not found.", "errors": []}


def test_permission_denied_inside_an_endpoint_is_403(world):
    request = RequestFactory().post("/api/rotas/1/assignments")
    response = api.on_exception(request, PermissionDenied("Acute medicine only"))
    assert response.status_code == 403
    assert json.loads(response.content) == {
        "detail": "You do not have permission to do this.",
        "errors": [],
    }


def test_an_unknown_api_address_answers_json(world, sign_in):
    response = sign_in(world.staffing).get("/api/nowhere")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found.", "errors": []}


def test_a_crash_in_the_api_answers_json_not_a_page(world, sign_in, monkeypatch):
    def broken(user):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(department_selectors, "department_list", broken)
    client = sign_in(world.staffing)
    client.raise_request_exception = False
    response = client.get("/api/departments")
    assert response.status_code == 500
    assert response.json() == {
        "detail": "Sorry, there is a problem with the service. Try again later.",
        "errors": [],
    }
    assert "database on fire" not in response.content.decode()
