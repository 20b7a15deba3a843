"""Cover requirements written through their services: in a transaction, as a coordinator of
the shift's department only, each change audited with who made it."""

from __future__ import annotations

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from rotaplan.rotas.cover_requirements.services import (
    cover_mix_add,
    cover_mix_remove,
    cover_requirement_set,
    dated_cover_add,
    dated_cover_remove,
)
from rotaplan.rotas.models import CoverMix, CoverRequirement
from tests.factories.people import CompetencyFactory
from tests.factories.rotas import CoverMixFactory, CoverRequirementFactory
from tests.integration.rotas.audit_entries import entries_for

pytestmark = pytest.mark.django_db

BANK_HOLIDAY = date(2026, 8, 31)


def test_weekly_cover_is_set_day_by_day_and_each_change_audited(world, night):
    cover_requirement_set(
        actor=world.coordinator, shift_type=night, weekly={0: (1, 2), 1: (None, 2), 2: (None, None)}
    )
    rows = {r.weekday: (r.minimum, r.ideal) for r in CoverRequirement.objects.all()}
    assert rows == {0: (1, 2), 1: (2, 2)}
    monday = CoverRequirement.objects.get(weekday=0)
    [created] = entries_for(CoverRequirement, monday.pk, LogEntry.Action.CREATE)
    assert created.actor == world.coordinator

    cover_requirement_set(
        actor=world.coordinator, shift_type=night, weekly={0: (2, 3), 1: (None, None)}
    )
    [updated] = entries_for(CoverRequirement, monday.pk, LogEntry.Action.UPDATE)
    assert updated.actor == world.coordinator
    assert updated.changes_dict["minimum"] == ["1", "2"]
    assert updated.changes_dict["ideal"] == ["2", "3"]
    assert set(CoverRequirement.objects.values_list("weekday", flat=True)) == {0}


def test_an_unchanged_day_writes_nothing(world, night):
    row = CoverRequirementFactory(shift_type=night, weekday=4, minimum=1, ideal=2)
    cover_requirement_set(actor=world.coordinator, shift_type=night, weekly={4: (1, 2)})
    assert entries_for(CoverRequirement, row.pk, LogEntry.Action.UPDATE) == []


@pytest.mark.parametrize("user", ["cardiology_coordinator", "service_manager", "nobody"])
def test_weekly_cover_is_refused_to_whoever_does_not_coordinate_the_department(world, night, user):
    logged = LogEntry.objects.count()
    with pytest.raises(PermissionDenied) as refused:
        cover_requirement_set(actor=getattr(world, user), shift_type=night, weekly={0: (1, 1)})
    assert "Acute medicine" not in str(refused.value)
    assert night.code not in str(refused.value)
    assert not CoverRequirement.objects.exists()
    assert LogEntry.objects.count() == logged


def test_a_dated_override_is_added_and_removed_with_the_actor_recorded(world, night):
    cover = dated_cover_add(
        actor=world.coordinator, shift_type=night, date=BANK_HOLIDAY, minimum=2, ideal=3
    )
    assert (cover.department, cover.date, cover.minimum, cover.ideal) == (
        world.acute,
        BANK_HOLIDAY,
        2,
        3,
    )
    [created] = entries_for(CoverRequirement, cover.pk, LogEntry.Action.CREATE)
    assert created.actor == world.coordinator
    assert created.changes_dict["minimum"] == ["None", "2"]

    cover_id = cover.pk
    dated_cover_remove(actor=world.staffing, cover=cover)
    assert not CoverRequirement.objects.exists()
    [deleted] = entries_for(CoverRequirement, cover_id, LogEntry.Action.DELETE)
    assert deleted.actor == world.staffing


def test_a_second_override_for_the_same_date_is_refused(world, night):
    dated_cover_add(
        actor=world.coordinator, shift_type=night, date=BANK_HOLIDAY, minimum=2, ideal=2
    )
    with pytest.raises(ValidationError, match="already has cover set for that date"):
        dated_cover_add(
            actor=world.coordinator, shift_type=night, date=BANK_HOLIDAY, minimum=1, ideal=1
        )
    assert CoverRequirement.objects.get().minimum == 2


@pytest.mark.parametrize("user", ["cardiology_coordinator", "booking_coordinator", "nobody"])
def test_dated_overrides_are_refused_to_whoever_does_not_coordinate_the_department(
    world, night, user
):
    actor = getattr(world, user)
    with pytest.raises(PermissionDenied) as refused:
        dated_cover_add(actor=actor, shift_type=night, date=BANK_HOLIDAY, minimum=1, ideal=1)
    assert "Acute medicine" not in str(refused.value)
    row = CoverRequirementFactory(shift_type=night, weekday=None, date=BANK_HOLIDAY)
    with pytest.raises(PermissionDenied):
        dated_cover_remove(actor=actor, cover=row)
    assert list(CoverRequirement.objects.all()) == [row]


def test_a_mix_is_added_with_its_competencies_and_removed_each_audited(world, night):
    als = CompetencyFactory(code="als", name="Advanced life support")

    mix = cover_mix_add(
        actor=world.coordinator,
        shift_type=night,
        at_least=1,
        grades=["CT1", "FY2", "FY2"],
        competencies=["als"],
    )

    assert (mix.at_least, mix.grades, list(mix.competencies.all())) == (1, ["CT1", "FY2"], [als])
    [created] = entries_for(CoverMix, mix.pk, LogEntry.Action.CREATE)
    assert created.actor == world.coordinator
    pk = mix.pk
    cover_mix_remove(actor=world.coordinator, mix=mix)
    assert not CoverMix.objects.exists()
    [deleted] = entries_for(CoverMix, pk, LogEntry.Action.DELETE)
    assert deleted.actor == world.coordinator


@pytest.mark.parametrize(
    ("grades", "competencies", "words"),
    [
        ([], [], "Choose the grades or the competencies it needs"),
        (["XX1"], [], "Unknown grade XX1"),
        ([], ["juggling"], "Unknown competency juggling"),
    ],
)
def test_a_mix_that_names_nobody_is_refused_and_nothing_is_saved(
    world, night, grades, competencies, words
):
    with pytest.raises(ValidationError) as refused:
        cover_mix_add(
            actor=world.coordinator,
            shift_type=night,
            at_least=1,
            grades=grades,
            competencies=competencies,
        )
    assert words in str(refused.value)
    assert not CoverMix.objects.exists()


@pytest.mark.parametrize("user", ["cardiology_coordinator", "service_manager", "nobody"])
def test_a_mix_is_refused_to_whoever_does_not_coordinate_the_department(world, night, user):
    mix = CoverMixFactory(shift_type=night)
    with pytest.raises(PermissionDenied):
        cover_mix_add(
            actor=getattr(world, user),
            shift_type=night,
            at_least=1,
            grades=["FY2"],
            competencies=[],
        )
    with pytest.raises(PermissionDenied):
        cover_mix_remove(actor=getattr(world, user), mix=mix)
    assert list(CoverMix.objects.all()) == [mix]
