"""Cover requirements over the API: read by the department's coordinators and service
managers, a shift's mix added and removed by its coordinators only, nothing said to
anyone else, as on the pages."""

from __future__ import annotations

import pytest

from rotaplan.rotas.models import CoverMix
from tests.factories.people import CompetencyFactory
from tests.factories.rotas import CoverMixFactory

pytestmark = pytest.mark.django_db


def add_mix(client, department: int, shift: int, **body: object):
    return client.post(
        f"/api/departments/{department}/cover/{shift}/mix", body, content_type="application/json"
    )


def test_the_cover_reads_with_each_shifts_week_and_mix(world, sign_in, night_cover):
    CoverMixFactory(shift_type=night_cover, at_least=1, grades=["CT1", "FY2"])

    body = sign_in(world.service_manager).get(f"/api/departments/{world.acute.pk}/cover").json()

    (night,) = [s for s in body["shifts"] if s["code"] == "N"]
    assert night["weekly"][0] == {"weekday": 0, "minimum": 1, "ideal": 1}
    assert len(night["weekly"]) == 7
    assert night["mix"] == [
        {
            "id": CoverMix.objects.get().pk,
            "at_least": 1,
            "grades": ["CT1", "FY2"],
            "competencies": [],
            "said": "At least 1 of CT1 or FY2",
        }
    ]


def test_a_coordinator_adds_and_removes_a_mix(world, sign_in, night_cover):
    CompetencyFactory(code="als", name="Advanced life support")
    client = sign_in(world.coordinator)

    made = add_mix(client, world.acute.pk, night_cover.pk, at_least=1, competencies=["als"])

    assert made.status_code == 201, made.json()
    assert made.json()["said"] == "At least 1 with Advanced life support"
    gone = client.delete(f"/api/departments/{world.acute.pk}/cover/mix/{made.json()['id']}")
    assert gone.status_code == 204
    assert not CoverMix.objects.exists()


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"at_least": 1}, "Choose the grades or the competencies it needs"),
        ({"at_least": 1, "competencies": ["juggling"]}, "Unknown competency juggling"),
        ({"at_least": 0, "grades": ["FY2"]}, "Must be 1 or more."),
        ({"at_least": 1, "grades": ["XX1"]}, "FY1"),
    ],
)
def test_a_mix_that_names_nobody_says_why_and_saves_nothing(
    world, sign_in, night_cover, body, words
):
    answer = add_mix(sign_in(world.coordinator), world.acute.pk, night_cover.pk, **body)
    assert answer.status_code == 422
    assert words in str(answer.json())
    assert not CoverMix.objects.exists()


def test_a_service_manager_reads_but_is_refused_a_change(world, sign_in, night_cover):
    mix = CoverMixFactory(shift_type=night_cover)
    client = sign_in(world.service_manager)
    assert (
        add_mix(client, world.acute.pk, night_cover.pk, at_least=1, grades=["FY2"]).status_code
        == 403
    )
    assert client.delete(f"/api/departments/{world.acute.pk}/cover/mix/{mix.pk}").status_code == 403
    assert list(CoverMix.objects.all()) == [mix]


@pytest.mark.parametrize("user", ["cardiology_coordinator", "ada_user", "nobody"])
def test_anyone_else_is_told_nothing(world, sign_in, night_cover, user):
    mix = CoverMixFactory(shift_type=night_cover)
    client = sign_in(getattr(world, user))
    read = client.get(f"/api/departments/{world.acute.pk}/cover")
    made = add_mix(client, world.acute.pk, night_cover.pk, at_least=1, grades=["FY2"])
    gone = client.delete(f"/api/departments/{world.acute.pk}/cover/mix/{mix.pk}")
    assert [read.status_code, made.status_code, gone.status_code] == [404, 404, 404]
    assert "Acute" not in read.content.decode() + made.content.decode() + gone.content.decode()
    assert list(CoverMix.objects.all()) == [mix]
