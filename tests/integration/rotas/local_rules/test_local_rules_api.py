"""Local rules over the API: read by the department's coordinators and service managers,
set, added and removed by its coordinators only, nothing said to anyone else, and bad
input answered field by field with nothing saved, as on the pages."""

from __future__ import annotations

import pytest

from rotaplan.rotas.models import (
    DepartmentLocalRules,
    DoctorPair,
    FixedRotaLine,
    NeverAloneRule,
)
from tests.factories.people import DoctorFactory

pytestmark = pytest.mark.django_db

LIMITS = {"max_nights_in_a_row": None, "max_weekends_in_a_row": None, "whole_weekends": True}


def rules_url(world) -> str:
    return f"/api/departments/{world.acute.pk}/local-rules"


def post(client, url: str, body: dict[str, object]):
    return client.post(url, body, content_type="application/json")


def test_a_coordinator_sets_each_rule_and_a_service_manager_reads_them(world, sign_in, night):
    client = sign_in(world.coordinator)
    base = rules_url(world)

    limits = client.put(
        f"{base}/limits",
        {"max_nights_in_a_row": 3, "max_weekends_in_a_row": None, "whole_weekends": True},
        content_type="application/json",
    )
    alone = post(client, f"{base}/never-alone", {"grades": ["FY1"], "shift_types": ["N"]})
    pair = post(
        client,
        f"{base}/pairs",
        {"first_doctor_id": world.ada.pk, "second_doctor_id": world.bea.pk, "together": False},
    )
    line = post(
        client,
        f"{base}/fixed-lines",
        {
            "doctor_id": world.ada.pk,
            "first_monday": "2026-08-10",
            "weeks": [["N", "N", "", "", "", "", ""]],
            "note": "Nights to start the week",
        },
    )

    assert [r.status_code for r in (limits, alone, pair, line)] == [200, 201, 201, 201], [
        r.json() for r in (limits, alone, pair, line)
    ]
    read = sign_in(world.service_manager).get(base)
    assert read.status_code == 200
    body = read.json()
    assert body["max_nights_in_a_row"] == 3
    assert body["max_weekends_in_a_row"] is None
    assert body["whole_weekends"] is True
    assert body["never_alone"] == [
        {"id": NeverAloneRule.objects.get().pk, "grades": ["FY1"], "shift_types": ["N"]}
    ]
    assert body["pairs"] == [
        {
            "id": DoctorPair.objects.get().pk,
            "first_doctor_id": world.ada.pk,
            "second_doctor_id": world.bea.pk,
            "together": False,
        }
    ]
    assert body["fixed_lines"] == [
        {
            "id": FixedRotaLine.objects.get().pk,
            "doctor_id": world.ada.pk,
            "first_monday": "2026-08-10",
            "last_day": None,
            "weeks": [["N", "N", "", "", "", "", ""]],
            "note": "Nights to start the week",
        }
    ]


def test_a_coordinator_removes_each_rule(world, sign_in, night):
    client = sign_in(world.coordinator)
    base = rules_url(world)
    alone = post(client, f"{base}/never-alone", {"grades": ["FY1"]}).json()["id"]
    pair = post(
        client,
        f"{base}/pairs",
        {"first_doctor_id": world.ada.pk, "second_doctor_id": world.bea.pk, "together": True},
    ).json()["id"]
    line = post(
        client,
        f"{base}/fixed-lines",
        {"doctor_id": world.ada.pk, "first_monday": "2026-08-10", "weeks": [["N"] + [""] * 6]},
    ).json()["id"]

    gone = [
        client.delete(f"{base}/never-alone/{alone}").status_code,
        client.delete(f"{base}/pairs/{pair}").status_code,
        client.delete(f"{base}/fixed-lines/{line}").status_code,
        client.delete(f"{base}/fixed-lines/{line}").status_code,
    ]

    assert gone == [204, 204, 204, 404]
    assert not NeverAloneRule.objects.exists()
    assert not DoctorPair.objects.exists()
    assert not FixedRotaLine.objects.exists()


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"first_monday": "2026-08-11"}, "first_monday", "The line must start on a Monday"),
        ({"weeks": [["N", "N"]]}, "weeks", "Give each week 7 days, Monday to Sunday"),
        ({"weeks": [["X"] + [""] * 6]}, "weeks", "There is no shift X here"),
        ({"doctor_id": 0}, "doctor_id", "Choose a doctor of this department"),
        ({"last_day": "2026-08-01"}, None, "The last day must be on or after the first Monday."),
    ],
)
def test_a_fixed_line_that_cannot_be_kept_is_refused_field_by_field(
    world, sign_in, night, body, field, words
):
    line = {"doctor_id": world.ada.pk, "first_monday": "2026-08-10", "weeks": [["N"] + [""] * 6]}

    answer = post(sign_in(world.coordinator), f"{rules_url(world)}/fixed-lines", line | body)

    assert answer.status_code == 422
    assert {"field": field, "message": words} in answer.json()["errors"]
    assert not FixedRotaLine.objects.exists()


def test_a_doctor_of_another_department_cannot_be_paired(world, sign_in, night):
    stranger = DoctorFactory(department=world.cardiology)

    answer = post(
        sign_in(world.coordinator),
        f"{rules_url(world)}/pairs",
        {"first_doctor_id": world.ada.pk, "second_doctor_id": stranger.pk, "together": True},
    )

    assert answer.status_code == 422
    assert answer.json()["errors"] == [
        {"field": "second_doctor_id", "message": "Choose a doctor of this department"}
    ]


def test_an_unknown_shift_or_a_limit_beyond_the_contract_is_refused(world, sign_in, night):
    client = sign_in(world.coordinator)

    alone = post(
        client, f"{rules_url(world)}/never-alone", {"grades": ["FY1"], "shift_types": ["Q"]}
    )
    limits = client.put(
        f"{rules_url(world)}/limits",
        LIMITS | {"max_nights_in_a_row": 5},
        content_type="application/json",
    )

    assert alone.status_code == 422
    assert alone.json()["errors"][0]["value"] == "Q"
    assert limits.status_code == 422
    assert not NeverAloneRule.objects.exists()
    assert not DepartmentLocalRules.objects.exists()


@pytest.mark.parametrize("user", ["cardiology_coordinator", "ada_user", "nobody"])
def test_anyone_outside_the_department_is_told_nothing(world, sign_in, night, user):
    line = FixedRotaLine.objects.create(
        department=world.acute, doctor=world.ada, first_monday="2026-08-10", weeks=[["N"] * 7]
    )
    client = sign_in(getattr(world, user))
    base = rules_url(world)

    answers = [
        client.get(base),
        client.put(f"{base}/limits", LIMITS, content_type="application/json"),
        post(client, f"{base}/never-alone", {"grades": ["FY1"]}),
        post(
            client,
            f"{base}/fixed-lines",
            {"doctor_id": world.ada.pk, "first_monday": "2026-08-17", "weeks": [["N"] * 7]},
        ),
        client.delete(f"{base}/fixed-lines/{line.pk}"),
    ]

    assert [a.status_code for a in answers] == [404] * 5
    assert all("Acute" not in a.content.decode() for a in answers)
    assert list(FixedRotaLine.objects.values_list("pk", flat=True)) == [line.pk]
    assert not DepartmentLocalRules.objects.exists()


def test_a_service_manager_reads_but_may_not_change(world, sign_in, night):
    line = FixedRotaLine.objects.create(
        department=world.acute, doctor=world.ada, first_monday="2026-08-10", weeks=[["N"] * 7]
    )
    client = sign_in(world.service_manager)
    base = rules_url(world)

    changed = [
        client.put(f"{base}/limits", LIMITS, content_type="application/json"),
        client.delete(f"{base}/fixed-lines/{line.pk}"),
    ]

    assert [a.status_code for a in changed] == [403, 403]
    assert FixedRotaLine.objects.filter(pk=line.pk).exists()
