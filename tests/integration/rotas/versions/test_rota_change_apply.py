"""A published rota changes only as a new version: what changed, who, why, and the doctors
whose shifts changed are told once the change is committed."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from rotaplan.notifications.models import Notification, Topic
from rotaplan.rotas.editing.breaches import EditCreatesBreaches
from rotaplan.rotas.models import Assignment, RotaChange, RotaStatus
from rotaplan.rotas.refusals import RotaChanged, RotaNotDraft
from rotaplan.rotas.versions.selectors import rota_changes
from rotaplan.rotas.versions.services import NewShift, rota_change_apply
from tests.factories.rotas import AssignmentFactory, RotaFactory, ShiftTypeFactory

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def published(world):
    night = ShiftTypeFactory(
        department=world.acute, code="N", name="Night", start=time(20), end=time(8, 30)
    )
    day = ShiftTypeFactory(
        department=world.acute, code="D", name="Day", start=time(8), end=time(17)
    )
    rota = RotaFactory(department=world.acute, status=RotaStatus.PUBLISHED)
    shift = AssignmentFactory(rota=rota, doctor=world.ada, shift_type=day, date=date(2026, 8, 4))
    return rota, night, day, shift


def test_a_change_is_a_new_version_with_what_who_and_why(
    world, published, django_capture_on_commit_callbacks
):
    rota, _night, day, shift = published
    version = rota.version
    with django_capture_on_commit_callbacks(execute=True):
        change = rota_change_apply(
            made_by=world.coordinator,
            rota=rota,
            remove=[shift],
            add=[NewShift(world.bea, day, date(2026, 8, 4))],
            reason="Dr Ada Patel is off sick",
            check_rules=False,
        )
    rota.refresh_from_db()
    assert rota.version == version + 1 == change.version
    assert [e["code"] for e in change.removed] == ["D"]
    assert change.added[0]["doctor_id"] == world.bea.pk
    assert change.made_by == world.coordinator
    assert list(Assignment.objects.filter(rota=rota).values_list("doctor_id", flat=True)) == [
        world.bea.pk
    ]
    assert rota_changes(rota) == [change]


def test_each_doctor_whose_shifts_changed_is_told_after_commit(
    world, published, django_capture_on_commit_callbacks
):
    rota, _night, _day, shift = published
    world.ada.email = "ada.patel@nhs.net"
    world.ada.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rota_change_apply(
            made_by=world.coordinator,
            rota=rota,
            remove=[shift],
            reason="Annual leave",
            check_rules=False,
        )
    assert mail.outbox == []  # nothing is sent before the change commits
    for callback in callbacks:
        callback()
    note = Notification.objects.get(topic=Topic.ROTA_CHANGE)
    assert note.recipient == world.ada_user
    assert "Taken off: D (Day) on Tue 4 Aug 2026" in note.body
    assert "Why: Annual leave" in note.body
    assert note.sent is not None
    assert [m.to for m in mail.outbox] == [["ada.patel@nhs.net"]]


def test_a_draft_rota_is_not_changed_this_way(world, published):
    rota, _night, _day, shift = published
    rota.status = RotaStatus.DRAFT
    rota.save()
    with pytest.raises(RotaNotDraft):
        rota_change_apply(made_by=world.coordinator, rota=rota, remove=[shift], reason="x")


def test_a_change_from_a_stale_version_is_refused(world, published):
    rota, _night, _day, shift = published
    with pytest.raises(RotaChanged):
        rota_change_apply(
            made_by=world.coordinator,
            rota=rota,
            remove=[shift],
            reason="x",
            version=rota.version - 1,
        )
    assert Assignment.objects.filter(pk=shift.pk).exists()


def test_a_shift_removed_already_is_refused_as_a_changed_rota(world, published):
    rota, _night, _day, shift = published
    rota_change_apply(
        made_by=world.coordinator, rota=rota, remove=[shift], reason="Sick", check_rules=False
    )
    with pytest.raises(RotaChanged):
        rota_change_apply(made_by=world.coordinator, rota=rota, remove=[shift], reason="Sick")
    assert RotaChange.objects.count() == 1


def test_a_new_shift_that_overlaps_is_refused_and_nothing_changes(world, published):
    rota, _night, day, _shift = published
    with pytest.raises(ValidationError, match="already works"):
        rota_change_apply(
            made_by=world.coordinator,
            rota=rota,
            add=[NewShift(world.ada, day, date(2026, 8, 4))],
            reason="Extra",
        )
    assert RotaChange.objects.count() == 0


def test_a_new_shift_that_breaks_the_rules_is_refused(world, published):
    rota, night, _day, _shift = published
    bea = world.bea
    for offset in range(4):
        AssignmentFactory(rota=rota, doctor=bea, shift_type=night, date=date(2026, 8, 10 + offset))
    with pytest.raises(EditCreatesBreaches):
        rota_change_apply(
            made_by=world.coordinator,
            rota=rota,
            add=[NewShift(bea, night, date(2026, 8, 14))],
            reason="Fifth night",
        )
    assert Assignment.objects.filter(doctor=bea).count() == 4


def test_a_shift_of_another_department_or_outside_the_rota_is_refused(world, published):
    rota, _night, _day, _shift = published
    other = ShiftTypeFactory(department=world.cardiology, code="D")
    with pytest.raises(ValidationError) as refused:
        rota_change_apply(
            made_by=world.coordinator,
            rota=rota,
            add=[NewShift(world.bea, other, date(2026, 12, 1))],
            reason="x",
        )
    assert set(refused.value.message_dict) == {"shift_type", "date"}


def test_an_empty_change_is_refused(world, published):
    rota, *_ = published
    with pytest.raises(ValidationError, match="no shift"):
        rota_change_apply(made_by=world.coordinator, rota=rota, reason="x")


def test_the_change_is_audited_as_its_maker(world, published):
    from auditlog.models import LogEntry

    rota, _night, _day, shift = published
    rota_change_apply(
        made_by=world.coordinator, rota=rota, remove=[shift], reason="Sick", check_rules=False
    )
    entry = LogEntry.objects.get_for_model(RotaChange).get()
    assert entry.actor == world.coordinator
    assert (
        LogEntry.objects.get_for_model(Assignment).filter(action=LogEntry.Action.DELETE).get().actor
        == world.coordinator
    )


def test_a_new_shift_that_breaks_a_local_rule_is_refused(world, published):
    from rotaplan.rotas.models import DoctorPair

    rota, _night, day, _shift = published
    DoctorPair.objects.create(
        department=world.acute, first=world.ada, second=world.bea, together=False
    )
    with pytest.raises(EditCreatesBreaches) as refused:
        rota_change_apply(
            made_by=world.coordinator,
            rota=rota,
            add=[NewShift(world.bea, day, date(2026, 8, 4))],
            reason="Cover",
        )
    assert [b.rule for b in refused.value.breaches] == ["local-apart"]
    assert not Assignment.objects.filter(doctor=world.bea).exists()


def test_a_local_rule_the_rota_already_broke_is_not_the_changes_doing(world, published):
    from rotaplan.rotas.models import DoctorPair

    rota, night, day, _shift = published
    AssignmentFactory(rota=rota, doctor=world.bea, shift_type=day, date=date(2026, 8, 4))
    DoctorPair.objects.create(
        department=world.acute, first=world.ada, second=world.bea, together=False
    )
    rota_change_apply(
        made_by=world.coordinator,
        rota=rota,
        add=[NewShift(world.bea, night, date(2026, 8, 10))],
        reason="Extra night",
    )
    assert Assignment.objects.filter(doctor=world.bea, date=date(2026, 8, 10)).exists()
