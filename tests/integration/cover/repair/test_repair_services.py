"""The rota generator's repair of a gap, run for real (deterministic, a few seconds):
found in the background, applied as one new version of the rota, the gap filled by the
doctor put on the shift; refused once the rota moved on, twice, or to the wrong user."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from rotaplan.cover.models import Gap, GapCause, GapStatus, RepairRun, RepairStatus
from rotaplan.cover.repair.presenters import change_lines
from rotaplan.cover.repair.services import (
    STALE,
    CannotRepair,
    RepairRefused,
    execute_repair,
    repair_apply,
    repair_request,
)
from rotaplan.cover.services import GapChanged, gap_cancel
from rotaplan.rotas.models import Assignment, Rota, RotaChange
from rotaplan.rotas.versions.services import rota_change_apply
from tests.factories.cover import GapFactory

from .conftest import FIRST

pytestmark = pytest.mark.django_db


def found_repair(world, nights) -> RepairRun:
    run = repair_request(actor=world.coordinator, gap=nights.gap)
    execute_repair(run.pk)
    run.refresh_from_db()
    return run


def test_a_sick_doctors_night_is_repaired_and_applied_as_one_new_version(world, nights):
    run = repair_request(actor=world.coordinator, gap=nights.gap)
    assert (run.status, run.first_day, run.last_day) == (RepairStatus.QUEUED, FIRST, FIRST)
    assert run.rota == nights.rota
    assert run.rota_version == nights.rota.version

    execute_repair(run.pk)
    run.refresh_from_db()
    assert run.status == RepairStatus.FINISHED, run.failure_reason
    added = run.proposal["add"]
    assert [(s["code"], s["date"]) for s in added if s["date"] == "2026-08-10"] == [
        ("N", "2026-08-10")
    ]
    assert run.gaps_left == []
    (covering,) = [s for s in added if s["date"] == "2026-08-10"]
    assert f"Put {covering['doctor']} on Night on Mon 10 Aug 2026" in change_lines(run)

    before = nights.rota.version
    repair_apply(actor=world.coordinator, run=run)

    rota = Rota.objects.get(pk=nights.rota.pk)
    assert rota.version == before + 1
    change = RotaChange.objects.get(rota=rota, version=rota.version)
    assert change.reason == f"Repair for {nights.gap.reason}"
    assert change.made_by == world.coordinator
    gap = Gap.objects.get(pk=nights.gap.pk)
    assert gap.status == GapStatus.FILLED_INTERNALLY
    assert gap.filled_by_id == covering["doctor_id"]
    assert gap.assignment == Assignment.objects.get(rota=rota, date=FIRST)
    assert gap.dealt_with_by == world.coordinator
    assert not Gap.objects.filter(status__in=["open", "offered"]).exists()
    assert Assignment.objects.filter(rota=rota, date=FIRST).count() == 1
    assert [(e["doctor_id"], e["code"], e["date"]) for e in change.added] == [
        (s["doctor_id"], s["code"], s["date"]) for s in added
    ]
    run.refresh_from_db()
    assert run.applied_by == world.coordinator
    assert run.change == change
    assert run.proposal["filled"] == [gap.pk]


def test_a_repair_found_before_the_rota_changed_is_refused(world, nights):
    run = found_repair(world, nights)
    # Meanwhile someone else changes the rota: a night taken off further on.
    later = Assignment.objects.filter(rota=nights.rota).order_by("-date").first()
    rota_change_apply(
        made_by=world.staffing,
        rota=nights.rota,
        remove=[later],
        reason="Swapped",
        check_rules=False,
    )
    version = Rota.objects.get(pk=nights.rota.pk).version
    with pytest.raises(RepairRefused) as refused:
        repair_apply(actor=world.coordinator, run=run)
    assert (
        refused.value.message
        == STALE
        == ("The rota changed since this repair was found: find a new one.")
    )
    assert Rota.objects.get(pk=nights.rota.pk).version == version
    assert Gap.objects.get(pk=nights.gap.pk).status == GapStatus.OPEN


def test_a_repair_the_rota_moved_on_from_before_it_ran_fails_in_words(world, nights):
    run = repair_request(actor=world.coordinator, gap=nights.gap)
    later = Assignment.objects.filter(rota=nights.rota).order_by("-date").first()
    rota_change_apply(
        made_by=world.staffing,
        rota=nights.rota,
        remove=[later],
        reason="Swapped",
        check_rules=False,
    )
    execute_repair(run.pk)
    run.refresh_from_db()
    assert run.status == RepairStatus.FAILED
    assert run.failure_reason == STALE
    assert run.proposal == {}


def test_of_two_coordinators_applying_one_applies_it(world, nights):
    run = found_repair(world, nights)
    seen = RepairRun.objects.get(pk=run.pk)
    repair_apply(actor=world.coordinator, run=run)
    with pytest.raises(RepairRefused) as refused:
        repair_apply(actor=world.staffing, run=seen)
    assert refused.value.message.startswith("This repair was already applied by ")
    assert RotaChange.objects.filter(rota=nights.rota, reason__startswith="Repair").count() == 1


def test_asking_twice_while_it_is_being_found_gives_the_same_run(world, nights):
    first = repair_request(actor=world.coordinator, gap=nights.gap)
    again = repair_request(actor=world.staffing, gap=nights.gap)
    assert again == first
    assert RepairRun.objects.count() == 1


@pytest.mark.parametrize(
    "who",
    ["cardiology_coordinator", "service_manager", "booking_coordinator", "ada_user", "nobody"],
)
def test_only_the_departments_coordinators_may_ask_or_apply(world, nights, who):
    with pytest.raises(PermissionDenied):
        repair_request(actor=getattr(world, who), gap=nights.gap)
    run = found_repair(world, nights)
    with pytest.raises(PermissionDenied):
        repair_apply(actor=getattr(world, who), run=run)
    assert Gap.objects.get(pk=nights.gap.pk).status == GapStatus.OPEN


def test_a_gap_dealt_with_or_of_another_cause_is_not_repaired(world, nights, night):
    shortfall = GapFactory(rota=nights.rota, shift_type=night, date=FIRST, cause=GapCause.SHORTFALL)
    with pytest.raises(CannotRepair) as cannot:
        repair_request(actor=world.coordinator, gap=shortfall)
    assert "leave, sickness or other absence" in cannot.value.message
    gap_cancel(actor=world.coordinator, gap=nights.gap, reason="Ward closed")
    with pytest.raises(GapChanged) as changed:
        repair_request(actor=world.coordinator, gap=nights.gap)
    assert changed.value.message.startswith("This gap was already cancelled")
    assert not RepairRun.objects.exists()


def test_a_gap_nobody_can_cover_fails_in_words(world, nights):
    """Everyone else is away on the night: the generator says so, nothing is proposed."""
    from rotaplan.leave.models import LeaveStatus
    from tests.factories.leave import LeaveRecordFactory

    for doctor in [world.ada, world.bea, *nights.doctors[1:]]:
        LeaveRecordFactory(doctor=doctor, start=FIRST, end=FIRST, status=LeaveStatus.APPROVED)
    run = found_repair(world, nights)
    assert run.status == RepairStatus.FAILED
    assert "fill the gap from the candidates" in run.failure_reason
    assert "Traceback" not in run.failure_reason
    with pytest.raises(RepairRefused):
        repair_apply(actor=world.coordinator, run=run)
