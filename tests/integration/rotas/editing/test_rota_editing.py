"""Editing a draft rota: every added or removed shift is checked against the rules before it
is saved, and one that creates a breach is saved only with a recorded reason."""

from __future__ import annotations

from datetime import date, time

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from rotaplan.engine.clock import shift_bounds
from rotaplan.rotas.editing.breaches import EditCreatesBreaches, breaches_an_edit_creates
from rotaplan.rotas.editing.services import assignment_create, assignment_remove
from rotaplan.rotas.models import Assignment, ComplianceOverride, Rota, RotaStatus
from rotaplan.rotas.refusals import RotaNotDraft
from rotaplan.rotas.rules_adapter import PlannedShift
from tests.factories.rotas import AssignmentFactory, RotaFactory, ShiftTypeFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

REST_AFTER_NIGHT = (
    "Dr Ada Patel has 0 min rest after a single night from Mon 3 Aug 2026, "
    "before the shift starting"
)


@pytest.fixture
def draft(world) -> Rota:
    world.rota.status = RotaStatus.DRAFT
    world.rota.save()
    return world.rota


@pytest.fixture
def day(world):
    return ShiftTypeFactory(
        department=world.acute, code="D", name="Day", start=time(9), end=time(17)
    )


def on(rota, doctor, shift_type, when: date) -> Assignment:
    return AssignmentFactory(rota=rota, doctor=doctor, shift_type=shift_type, date=when)


def version_of(rota: Rota) -> int:
    return Rota.objects.get(pk=rota.pk).version


def add_form(doctor, shift_type, when: date, **extra: str) -> dict[str, object]:
    return {
        "doctor": doctor.pk,
        "date[day]": when.day,
        "date[month]": when.month,
        "date[year]": when.year,
        "shift_type": shift_type.pk,
        **extra,
    }


def answered(doctor, shift_type, when: date, reason: str) -> dict[str, object]:
    """The add form sent again with a reason, for the shift whose breaches were shown."""
    shown = f"{doctor.pk}:{when.isoformat()}:{shift_type.pk}"
    return add_form(doctor, shift_type, when, reason=reason, shown=shown)


def add_url(rota: Rota) -> str:
    return f"/rotas/{rota.pk}/shifts/add/"


def remove_url(assignment: Assignment) -> str:
    return f"/rotas/{assignment.rota_id}/shifts/{assignment.pk}/remove/"


def planned(doctor, shift_type, when: date) -> PlannedShift:
    start, end = shift_bounds(when, shift_type.start, shift_type.end)
    return PlannedShift(doctor_id=doctor.pk, start=start, end=end, kind=shift_type.kind)


# Which breaches an edit creates


def test_breaches_already_in_the_rota_are_not_new(world, draft, night, long_day, day):
    on(draft, world.ada, night, date(2026, 8, 3))
    on(draft, world.ada, long_day, date(2026, 8, 4))  # no rest after the night: a breach
    added = [planned(world.ada, day, date(2026, 8, 20))]
    assert breaches_an_edit_creates(draft, added=added) == ()


def test_a_run_of_nights_growing_longer_is_a_new_breach(world, draft, night):
    for n in range(3, 8):  # five nights, one over the limit of four
        on(draft, world.ada, night, date(2026, 8, n))
    added = [planned(world.ada, night, date(2026, 8, 8))]
    new = breaches_an_edit_creates(draft, added=added)
    # the runs were over their limits already (5 nights; 5 long shifts): longer is new
    assert {b.rule: b.value for b in new} == {
        "max-72h-in-168h": 75.0,
        "max-consecutive-long-shifts": 6,
        "max-consecutive-nights": 6,
    }


def test_a_covering_colleagues_own_breaches_elsewhere_are_not_new(world, draft, day):
    cardiology_night = ShiftTypeFactory(
        department=world.cardiology, code="N", start=time(20), end=time(8, 30)
    )
    cardiology_day = ShiftTypeFactory(
        department=world.cardiology, code="LD", start=time(8, 30), end=time(21)
    )
    on(world.cardiology_rota, world.carys, cardiology_night, date(2026, 8, 3))
    on(world.cardiology_rota, world.carys, cardiology_day, date(2026, 8, 4))
    added = [planned(world.carys, day, date(2026, 8, 20))]
    assert breaches_an_edit_creates(draft, added=added) == ()


# Adding a shift on the page


def test_coordinator_adds_a_compliant_shift(world, sign_in, draft, day):
    client = sign_in(world.coordinator)
    response = client.post(add_url(draft), add_form(world.ada, day, date(2026, 8, 5)))
    assert response.status_code == 302
    assert response.url == f"/rotas/{draft.pk}/?from=2026-08-05"
    assignment = Assignment.objects.get()
    assert (assignment.doctor, assignment.shift_type, assignment.date) == (
        world.ada,
        day,
        date(2026, 8, 5),
    )
    assert not ComplianceOverride.objects.exists()
    assert version_of(draft) == 2
    assert "Dr Ada Patel is on D on Wed 5 Aug 2026" in page_text(client.get(response.url))


def test_add_page_offers_the_departments_doctors_and_shifts(world, sign_in, draft, day):
    text = page_text(sign_in(world.coordinator).get(add_url(draft)))
    assert "Add a shift" in text
    assert "Dr Ada Patel (7012345)" in text
    assert "Dr Carys Hughes" not in text
    assert "D Day 09:00-17:00" in text


def test_a_colleague_is_added_by_gmc_number_by_whoever_may_see_them(world, sign_in, draft, day):
    form = add_form(world.ada, day, date(2026, 8, 5), gmc_number="7099999")
    form["doctor"] = ""
    response = sign_in(world.staffing).post(add_url(draft), form)
    assert response.status_code == 302
    assert Assignment.objects.get().doctor == world.carys


def test_unknown_gmc_number_is_named(world, sign_in, draft, day):
    form = add_form(world.ada, day, date(2026, 8, 5), gmc_number="7000000")
    form["doctor"] = ""
    response = sign_in(world.coordinator).post(add_url(draft), form)
    assert response.status_code == 200
    assert "There is no doctor you may put on a rota with GMC number 7000000" in page_text(response)
    assert not Assignment.objects.exists()


def test_a_date_outside_the_rota_is_refused(world, sign_in, draft, day):
    response = sign_in(world.coordinator).post(
        add_url(draft), add_form(world.ada, day, date(2027, 3, 1))
    )
    assert response.status_code == 200
    assert "The date must be within the rota" in page_text(response)
    assert not Assignment.objects.exists()


def test_a_breaking_shift_is_shown_with_its_breaches_and_not_saved(
    world, sign_in, draft, night, long_day
):
    on(draft, world.ada, night, date(2026, 8, 3))
    response = sign_in(world.coordinator).post(
        add_url(draft), add_form(world.ada, long_day, date(2026, 8, 4))
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "This change breaks the rules" in text
    assert REST_AFTER_NIGHT in text
    assert "Reason for going ahead" in text
    assert "Save with this reason" in text
    assert "Enter a reason for going ahead" not in text  # not asked for yet
    assert Assignment.objects.count() == 1
    assert not ComplianceOverride.objects.exists()
    assert version_of(draft) == 1


def test_a_blank_reason_is_not_enough(world, sign_in, draft, night, long_day):
    on(draft, world.ada, night, date(2026, 8, 3))
    response = sign_in(world.coordinator).post(
        add_url(draft), answered(world.ada, long_day, date(2026, 8, 4), reason="   ")
    )
    assert response.status_code == 200
    assert "Enter a reason for going ahead" in page_text(response)
    assert Assignment.objects.count() == 1
    assert not ComplianceOverride.objects.exists()


def test_a_breaking_shift_is_saved_with_a_reason_and_the_override_recorded(
    world, sign_in, draft, night, long_day
):
    on(draft, world.ada, night, date(2026, 8, 3))
    client = sign_in(world.coordinator)
    response = client.post(
        add_url(draft),
        answered(world.ada, long_day, date(2026, 8, 4), reason="No one else can cover"),
    )
    assert response.status_code == 302
    added = Assignment.objects.get(date=date(2026, 8, 4))
    override = ComplianceOverride.objects.get()
    assert override.rota == draft
    assert override.assignment == added
    assert override.reason == "No one else can cover"
    assert override.made_by == world.coordinator
    assert override.change == "Added LD on Tue 4 Aug 2026 for Dr Ada Patel"
    rules = {b["rule"] for b in override.breaches}
    assert "rest-after-nights" in rules
    rest = next(b for b in override.breaches if b["rule"] == "rest-after-nights")
    assert rest["doctor"] == str(world.ada.pk)
    assert rest["value"] == 0
    assert rest["limit"] == 46
    assert rest["message"].startswith(REST_AFTER_NIGHT)
    assert version_of(draft) == 2
    entry = LogEntry.objects.get_for_object(override).get()
    assert entry.actor == world.coordinator

    text = page_text(client.get(add_url(draft)))
    assert "Changes saved despite breaches" in text
    assert "Added LD on Tue 4 Aug 2026 for Dr Ada Patel" in text
    assert "No one else can cover" in text


# Removing a shift


@pytest.fixture
def three_nights(world, draft, night, day) -> list[Assignment]:
    """Nights Mon 3 to Wed 5 Aug, then 48.5 h rest to a day shift on Sat 8 Aug."""
    nights = [on(draft, world.ada, night, date(2026, 8, n)) for n in (3, 4, 5)]
    on(draft, world.ada, day, date(2026, 8, 8))
    return nights


def test_removing_a_shift_that_keeps_to_the_rules(world, sign_in, draft, three_nights):
    last = three_nights[-1]
    client = sign_in(world.coordinator)
    assert "Remove a shift" in page_text(client.get(remove_url(last)))
    response = client.post(remove_url(last))
    assert response.status_code == 302
    assert not Assignment.objects.filter(pk=last.pk).exists()
    assert not ComplianceOverride.objects.exists()
    assert version_of(draft) == 2


def test_removing_the_middle_night_needs_a_reason(world, sign_in, draft, three_nights):
    middle = three_nights[1]
    client = sign_in(world.coordinator)
    response = client.post(remove_url(middle))
    assert response.status_code == 200
    text = page_text(response)
    assert "This change breaks the rules" in text
    assert "Dr Ada Patel has 35 h 30 min rest after a single night from Mon 3 Aug 2026" in text
    assert Assignment.objects.filter(pk=middle.pk).exists()
    assert version_of(draft) == 1

    response = client.post(remove_url(middle), {"reason": "Ada is unwell"})
    assert response.status_code == 302
    assert not Assignment.objects.filter(pk=middle.pk).exists()
    override = ComplianceOverride.objects.get()
    assert override.assignment is None
    assert override.change == "Removed N on Tue 4 Aug 2026 for Dr Ada Patel"
    assert [b["rule"] for b in override.breaches] == ["rest-after-nights"]
    assert override.reason == "Ada is unwell"
    assert version_of(draft) == 2


def test_the_add_page_lists_the_days_shifts_with_remove_links(world, sign_in, draft, three_nights):
    response = sign_in(world.coordinator).get(f"{add_url(draft)}?day=2026-08-04")
    assert "Shifts on Tue 4 Aug 2026" in page_text(response)
    assert remove_url(three_nights[1]) in response.content.decode()


def test_the_service_refuses_a_breaking_removal_without_a_reason(world, draft, three_nights):
    with pytest.raises(EditCreatesBreaches) as refused:
        assignment_remove(actor=world.coordinator, assignment=three_nights[1])
    assert [b.rule for b in refused.value.breaches] == ["rest-after-nights"]
    assert Assignment.objects.count() == 4


# Who may edit, and which rotas


def test_a_published_rota_is_not_edited(world, sign_in, night, day):
    published = world.rota  # the world's rota is published
    shift = on(published, world.ada, night, date(2026, 8, 3))
    client = sign_in(world.coordinator)
    page = page_text(client.get(add_url(published)))
    assert "This rota is published" in page
    response = client.post(add_url(published), add_form(world.ada, day, date(2026, 8, 10)))
    assert response.status_code == 200
    assert "This rota is published" in page_text(response)
    assert client.post(remove_url(shift)).status_code == 200
    assert Assignment.objects.count() == 1
    with pytest.raises(RotaNotDraft):
        assignment_create(
            actor=world.coordinator,
            rota=published,
            doctor=world.ada,
            shift_type=day,
            date=date(2026, 8, 10),
        )
    with pytest.raises(RotaNotDraft):
        assignment_remove(actor=world.coordinator, assignment=shift)
    assert Assignment.objects.count() == 1
    assert version_of(published) == 1


def test_coordinator_of_another_department_cannot_find_the_pages(world, sign_in, draft, day):
    shift = on(draft, world.ada, day, date(2026, 8, 10))
    client = sign_in(world.cardiology_coordinator)
    assert client.get(add_url(draft)).status_code == 404
    assert (
        client.post(add_url(draft), add_form(world.ada, day, date(2026, 8, 11))).status_code == 404
    )
    assert client.get(remove_url(shift)).status_code == 404
    assert client.post(remove_url(shift)).status_code == 404
    assert Assignment.objects.count() == 1


@pytest.mark.parametrize("user", ["service_manager", "booking_coordinator"])
def test_who_may_see_but_not_edit_the_rota_is_refused(world, sign_in, draft, day, user):
    shift = on(draft, world.ada, day, date(2026, 8, 10))
    client = sign_in(getattr(world, user))
    assert client.get(add_url(draft)).status_code == 403
    assert (
        client.post(add_url(draft), add_form(world.ada, day, date(2026, 8, 11))).status_code == 403
    )
    assert client.post(remove_url(shift)).status_code == 403
    assert Assignment.objects.count() == 1
    with pytest.raises(PermissionDenied):
        assignment_remove(actor=getattr(world, user), assignment=shift)


def test_medical_staffing_may_edit_any_draft(world, sign_in, draft, day):
    response = sign_in(world.staffing).post(
        add_url(draft), add_form(world.ada, day, date(2026, 8, 5))
    )
    assert response.status_code == 302


def test_a_shift_of_another_rota_is_not_found_here(world, sign_in, draft, day):
    other = RotaFactory(department=world.acute, name="Acute take", status=RotaStatus.DRAFT)
    shift = on(other, world.ada, day, date(2026, 8, 10))
    response = sign_in(world.coordinator).get(f"/rotas/{draft.pk}/shifts/{shift.pk}/remove/")
    assert response.status_code == 404


# The API


def post_assignment(client, rota: Rota, **body: object):
    return client.post(f"/api/rotas/{rota.pk}/assignments", body, content_type="application/json")


def test_api_answers_409_with_the_breaches_and_saves_nothing(
    world, sign_in, draft, night, long_day
):
    on(draft, world.ada, night, date(2026, 8, 3))
    response = post_assignment(
        sign_in(world.coordinator),
        draft,
        doctor_id=world.ada.pk,
        shift_code="LD",
        date="2026-08-04",
    )
    assert response.status_code == 409
    body = response.json()
    assert "break the rules" in body["detail"]
    assert body["errors"] == []
    rest = next(b for b in body["breaches"] if b["rule"] == "rest-after-nights")
    assert rest == {
        "rule": "rest-after-nights",
        "doctor": str(world.ada.pk),
        "start": "2026-08-03T20:00:00+01:00",
        "end": "2026-08-04T08:30:00+01:00",
        "value": 0.0,
        "limit": 46.0,
        "message": rest["message"],
    }
    assert rest["message"].startswith(REST_AFTER_NIGHT)
    assert Assignment.objects.count() == 1
    assert version_of(draft) == 1


def test_api_saves_a_breaking_shift_with_a_reason(world, sign_in, draft, night, long_day):
    on(draft, world.ada, night, date(2026, 8, 3))
    response = post_assignment(
        sign_in(world.coordinator),
        draft,
        doctor_id=world.ada.pk,
        shift_code="LD",
        date="2026-08-04",
        reason="Covering sickness",
    )
    assert response.status_code == 201
    override = ComplianceOverride.objects.get()
    assert override.assignment_id == response.json()["id"]
    assert override.reason == "Covering sickness"
    assert override.made_by == world.coordinator
    assert LogEntry.objects.get_for_object(override).get().actor == world.coordinator


def test_api_refuses_a_published_rota(world, sign_in, day):
    response = post_assignment(
        sign_in(world.coordinator),
        world.rota,
        doctor_id=world.ada.pk,
        shift_code="D",
        date="2026-08-05",
    )
    assert response.status_code == 409
    assert response.json()["detail"].startswith("This rota is published")
    assert not Assignment.objects.exists()


def test_openapi_schema_documents_the_reason_and_the_breaches(world, sign_in):
    schema = sign_in(world.staffing).get("/api/openapi.json").json()
    post = schema["paths"]["/api/rotas/{rota_id}/assignments"]["post"]
    assert "409" in post["responses"]
    assert "reason" in schema["components"]["schemas"]["AssignmentIn"]["properties"]
    assert "breaches" in schema["components"]["schemas"]["BreachesOut"]["properties"]


def test_an_override_is_never_changed(world, draft, night, long_day):
    on(draft, world.ada, night, date(2026, 8, 3))
    assignment_create(
        actor=world.coordinator,
        rota=draft,
        doctor=world.ada,
        shift_type=long_day,
        date=date(2026, 8, 4),
        reason="Covering sickness",
    )
    override = ComplianceOverride.objects.get()
    override.reason = "Something else"
    with pytest.raises(ValueError, match="never changed"):
        override.save()


def test_a_run_of_nights_growing_shorter_is_not_a_new_breach(world, draft, night):
    nights = [on(draft, world.ada, night, date(2026, 8, n)) for n in range(3, 9)]
    assert breaches_an_edit_creates(draft, removed=[nights[-1].pk]) == ()


def test_a_reason_is_not_taken_for_a_shift_whose_breaches_were_not_shown(
    world, sign_in, draft, night, long_day
):
    on(draft, world.ada, night, date(2026, 8, 3))
    form = answered(world.ada, long_day, date(2026, 8, 4), reason="For the other shift")
    form["shown"] = f"{world.bea.pk}:2026-08-04:{long_day.pk}"  # shown for Bea, sent for Ada
    response = sign_in(world.coordinator).post(add_url(draft), form)
    assert response.status_code == 200
    text = page_text(response)
    assert "This change breaks the rules" in text
    assert "Enter a reason for going ahead" not in text
    assert Assignment.objects.count() == 1


def test_a_change_to_the_rota_since_the_page_was_shown_refuses_the_edit(
    world, sign_in, draft, night, long_day
):
    on(draft, world.ada, night, date(2026, 8, 3))
    form = answered(world.ada, long_day, date(2026, 8, 4), reason="Covering")
    form["version"] = draft.version
    Rota.objects.filter(pk=draft.pk).update(version=draft.version + 1)
    response = sign_in(world.coordinator).post(add_url(draft), form)
    assert response.status_code == 200
    assert "Someone changed this rota while you were looking at it" in page_text(response)
    assert Assignment.objects.count() == 1
    assert not ComplianceOverride.objects.exists()


def test_api_refuses_an_edit_of_a_rota_that_has_moved_on(world, sign_in, draft, day):
    client = sign_in(world.coordinator)
    stale = post_assignment(
        client, draft, doctor_id=world.ada.pk, shift_code="D", date="2026-08-05", version=7
    )
    assert stale.status_code == 409
    assert stale.json()["detail"].startswith("Someone changed this rota")
    assert not Assignment.objects.exists()
    fresh = post_assignment(
        client, draft, doctor_id=world.ada.pk, shift_code="D", date="2026-08-05", version=1
    )
    assert fresh.status_code == 201
    assert version_of(draft) == 2
