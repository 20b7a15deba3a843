"""The cover requirements pages: each shift's weekly cover, setting it, and dated overrides."""

from __future__ import annotations

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from rotaplan.rotas.models import (
    CoverMix,
    CoverRequirement,
)
from tests.factories.rotas import CoverMixFactory
from tests.integration.rotas.pages import date_fields
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def test_the_cover_page_shows_each_shifts_weekly_cover(world, sign_in, night_cover):
    text = page_text(
        sign_in(world.service_manager).get(f"/rotas/departments/{world.acute.pk}/cover/")
    )
    assert "N Night Mon 1 Tue 1 Wed 1 Thu 1 Fri 1 Sat 1 Sun 1" in text
    assert "Change" not in text.replace("Change password", "")  # sees, does not change


def test_a_coordinator_sets_weekly_cover(world, sign_in, night):
    client = sign_in(world.coordinator)
    data = {f"minimum_{d}": "1" for d in range(7)} | {f"ideal_{d}": "2" for d in range(5)}
    response = client.post(f"/rotas/departments/{world.acute.pk}/cover/{night.pk}/", data)
    assert response.status_code == 302
    rows = CoverRequirement.objects.filter(shift_type=night).order_by("weekday")
    assert [(r.weekday, r.minimum, r.ideal) for r in rows] == [
        (0, 1, 2),
        (1, 1, 2),
        (2, 1, 2),
        (3, 1, 2),
        (4, 1, 2),
        (5, 1, 1),
        (6, 1, 1),
    ]
    assert (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(CoverRequirement),
            actor=world.coordinator,
        ).count()
        == 7
    )


def test_an_ideal_below_the_minimum_is_refused(world, sign_in, night):
    client = sign_in(world.coordinator)
    response = client.post(
        f"/rotas/departments/{world.acute.pk}/cover/{night.pk}/", {"minimum_0": "2", "ideal_0": "1"}
    )
    assert response.status_code == 200
    assert "The ideal must be at least the minimum on Monday" in page_text(response)
    assert not CoverRequirement.objects.exists()


def test_a_dated_override_is_added_and_removed(world, sign_in, night):
    client = sign_in(world.coordinator)
    url = f"/rotas/departments/{world.acute.pk}/cover/dates/add/"
    data = {"shift_type": str(night.pk), "minimum": "0", "ideal": "0"} | date_fields(
        "date", date(2026, 10, 24)
    )
    assert client.post(url, data).status_code == 302
    row = CoverRequirement.objects.get(date=date(2026, 10, 24))
    assert "Sat 24 Oct 2026" in page_text(client.get(f"/rotas/departments/{world.acute.pk}/cover/"))
    remove = f"/rotas/departments/{world.acute.pk}/cover/dates/{row.pk}/remove/"
    assert client.post(remove).status_code == 302
    assert not CoverRequirement.objects.exists()


def test_a_coordinator_says_which_doctors_the_night_must_include(world, sign_in, night_cover):
    client = sign_in(world.coordinator)
    page = f"/rotas/departments/{world.acute.pk}/cover/{night_cover.pk}/mix/add/"
    assert "Doctors N Night must include" in page_text(client.get(page))

    response = client.post(page, {"at_least": "1", "grades": ["FY2", "CT1", "CT2"]})

    assert response.status_code == 302
    text = page_text(client.get(f"/rotas/departments/{world.acute.pk}/cover/"))
    assert "N Night Must include At least 1 of CT1, CT2 or FY2" in text


def test_a_mix_with_no_grades_or_competencies_says_what_is_missing(world, sign_in, night_cover):
    client = sign_in(world.coordinator)
    response = client.post(
        f"/rotas/departments/{world.acute.pk}/cover/{night_cover.pk}/mix/add/", {"at_least": "0"}
    )
    text = page_text(response)
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "Enter 1 or more" in text
    assert not CoverMix.objects.exists()


def test_a_coordinator_removes_a_mix(world, sign_in, night_cover):
    mix = CoverMixFactory(shift_type=night_cover)
    response = sign_in(world.coordinator).post(
        f"/rotas/departments/{world.acute.pk}/cover/mix/{mix.pk}/remove/"
    )
    assert response.status_code == 302
    assert not CoverMix.objects.exists()
