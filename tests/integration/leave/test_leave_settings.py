"""A department's leave rules (notice, the leave year, minimum staffing) and its doctors'
entitlements, set on the leave pages by its coordinators and medical staffing, read by
its service managers, refused to anyone else as if the department did not exist; each
change audited, a stale edit refused, and a rule added reaching the warnings leave gets."""

from __future__ import annotations

import threading
import time
from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, transaction
from django.test import Client

from rotaplan.leave.department.presenters import rule_words
from rotaplan.leave.department.services import (
    ChangedMeanwhile,
    entitlement_set,
    leave_policy_set,
    minimum_staffing_add,
    minimum_staffing_remove,
)
from rotaplan.leave.models import LeaveEntitlement, LeavePolicy, MinimumStaffing
from rotaplan.leave.selectors import leave_balance, leave_warnings, staffing_breaks
from rotaplan.organisation.models import Department
from tests.factories.leave import (
    LeaveEntitlementFactory,
    LeavePolicyFactory,
    MinimumStaffingFactory,
)
from tests.integration.rotas.audit_entries import entries_for
from tests.page_text import page_text

from .conftest import date_fields

pytestmark = pytest.mark.django_db

YEAR_START = date(2026, 4, 1)  # the leave year holding today, Mon 1 Jun 2026


def rules_page(world) -> str:
    return f"/leave/departments/{world.acute.pk}/rules/"


def entitlements_page(world) -> str:
    return f"/leave/departments/{world.acute.pk}/entitlements/"


def entitlement_page(world) -> str:
    return f"/leave/departments/{world.acute.pk}/entitlements/{world.ada.pk}/"


def policy_form(notice="4", month="4", day="1", version="1") -> dict[str, str]:
    return {
        "notice_weeks": notice,
        "year_start_month": month,
        "year_start_day": day,
        "version": version,
    }


def entitlement_form(
    carried="2.5", adjustment="0", note="", version="1", service=date(2019, 8, 7)
) -> dict[str, str]:
    return {
        **date_fields("service_start", service),
        "carried_over": carried,
        "adjustment": adjustment,
        "note": note,
        "version": version,
    }


def every_page_and_post(world) -> list[tuple[str, str, dict]]:
    rule = MinimumStaffingFactory(department=world.acute, grades=["ST3"], at_least=1)
    rules = rules_page(world)
    return [
        ("get", rules, {}),
        ("post", rules, policy_form()),
        ("get", f"{rules}minimum-staffing/add/", {}),
        ("post", f"{rules}minimum-staffing/add/", {"grades": ["ST3"], "at_least": "1"}),
        ("post", f"{rules}minimum-staffing/{rule.pk}/remove/", {}),
        ("get", entitlements_page(world), {}),
        ("get", entitlement_page(world), {}),
        ("post", entitlement_page(world), entitlement_form()),
    ]


def nothing_changed(world) -> None:
    assert not LeavePolicy.objects.exists()
    assert list(MinimumStaffing.objects.values_list("grades", flat=True)) == [["ST3"]]
    assert not LeaveEntitlement.objects.exists()


# --- Who may see and change them ------------------------------------------------------


@pytest.mark.parametrize(
    "user", ["cardiology_coordinator", "ada_user", "nobody", "booking_coordinator"]
)
def test_anyone_outside_the_department_is_told_nothing(world, sign_in, user):
    client = sign_in(getattr(world, user))
    answers = [
        (path, getattr(client, method)(path, data).status_code)
        for method, path, data in every_page_and_post(world)
    ]
    assert [status for _, status in answers] == [404] * len(answers), answers
    nothing_changed(world)


def test_a_service_manager_reads_the_rules_and_entitlements_but_cannot_change_them(world, sign_in):
    client = sign_in(world.service_manager)
    answers = [
        getattr(client, method)(path, data).status_code
        for method, path, data in every_page_and_post(world)
    ]
    assert answers == [200, 403, 403, 403, 403, 200, 403, 403]
    shown = page_text(client.get(rules_page(world)))
    assert "Notice of leave 6 weeks" in shown
    assert "Leave year starts on 1 April" in shown
    assert "At least 1 of ST3 available every day" in shown
    assert "Save leave policy" not in shown
    assert "Remove" not in shown
    assert "Add a minimum staffing rule" not in shown
    listed = client.get(entitlements_page(world))
    assert "Dr Ada Patel, ST3" in page_text(listed)
    assert entitlement_page(world).encode() not in listed.content
    nothing_changed(world)


def test_the_department_page_and_the_leave_requests_link_to_the_rules(world, sign_in):
    client = sign_in(world.coordinator)
    department = client.get(f"/departments/{world.acute.pk}/").content
    requests = client.get("/leave/requests/").content
    for page in (department, requests):
        assert rules_page(world).encode() in page
        assert entitlements_page(world).encode() in page
    hidden = sign_in(world.booking_coordinator).get(f"/departments/{world.acute.pk}/")
    assert hidden.status_code == 200
    assert rules_page(world).encode() not in hidden.content


# --- The leave policy -----------------------------------------------------------------


def test_the_coordinator_sets_the_policy_and_the_change_is_audited(world, sign_in):
    response = sign_in(world.coordinator).post(rules_page(world), policy_form(notice="4"))

    assert response.status_code == 302
    assert [m.message for m in get_messages(response.wsgi_request)] == ["The leave policy is saved"]
    policy = LeavePolicy.objects.get(department=world.acute)
    assert (policy.notice_weeks, policy.version) == (4, 2)
    [made] = entries_for(LeavePolicy, policy.pk, LogEntry.Action.CREATE)
    assert made.actor == world.coordinator
    assert leave_warnings(world.ada, date(2026, 6, 22), date(2026, 6, 22), date(2026, 6, 1)).notice
    assert not leave_warnings(
        world.ada, date(2026, 6, 29), date(2026, 6, 29), date(2026, 6, 1)
    ).notice


def test_medical_staffing_changes_any_departments_policy(world, sign_in):
    response = sign_in(world.staffing).post(
        rules_page(world), policy_form(notice="8", month="1", day="1")
    )
    assert response.status_code == 302
    policy = LeavePolicy.objects.get(department=world.acute)
    assert (policy.notice_weeks, policy.year_start_month, policy.year_start_day) == (8, 1, 1)
    assert leave_balance(world.ada, date(2026, 6, 1)).year_start == date(2026, 1, 1)


@pytest.mark.parametrize(
    ("form", "said"),
    [
        (policy_form(notice="53"), "Enter the weeks of notice as 52 or fewer"),
        (policy_form(notice="six"), "Enter the weeks of notice as a whole number, for example 6"),
        (policy_form(notice=""), "Enter the weeks of notice a doctor gives before leave"),
        (policy_form(day="29"), "Enter the day the leave year starts as a number from 1 to 28"),
        (policy_form(month="13"), "Choose the month the leave year starts from the list"),
        (policy_form(version=""), "The form was incomplete"),
    ],
)
def test_a_bad_policy_is_named_by_field_and_nothing_saved(world, sign_in, form, said):
    response = sign_in(world.coordinator).post(rules_page(world), form)
    assert response.status_code == 200
    shown = page_text(response)
    assert "There is a problem" in shown
    assert said in shown
    assert not LeavePolicy.objects.exists()


def test_a_stale_policy_edit_is_refused_and_the_policy_shown_as_it_is(world, sign_in):
    LeavePolicyFactory(department=world.acute, notice_weeks=6)
    first = sign_in(world.coordinator).post(rules_page(world), policy_form(notice="4"))
    assert first.status_code == 302

    second = sign_in(world.staffing).post(rules_page(world), policy_form(notice="10"))

    assert second.status_code == 200
    shown = page_text(second)
    assert "Someone else changed the leave policy while you were editing it" in shown
    assert "Notice of leave 4 weeks" in shown
    assert 'name="version" value="2"' in second.content.decode()
    assert LeavePolicy.objects.get().notice_weeks == 4


def test_two_coordinators_creating_the_policy_at_once_cannot_both_win(world):
    leave_policy_set(
        actor=world.coordinator,
        department=world.acute,
        notice_weeks=4,
        year_start_month=4,
        year_start_day=1,
        version=1,
    )
    with pytest.raises(ChangedMeanwhile):
        leave_policy_set(
            actor=world.staffing,
            department=world.acute,
            notice_weeks=2,
            year_start_month=4,
            year_start_day=1,
            version=1,
        )
    assert LeavePolicy.objects.get().notice_weeks == 4


def waiting_for_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return int(cursor.fetchone()[0])


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks to hold two saves at the service; CI runs PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_saving_a_new_policy_at_once_exactly_one_wins(world):
    """Hold the department's row while two saves of the defaults (version 1) reach the
    service's lock, then let them go: one saves, the other is told and nothing is lost."""
    answers: list[tuple[int, str]] = []
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with transaction.atomic():
            Department.objects.select_for_update().get(pk=world.acute.pk)
            holding.set()
            release.wait(timeout=30)
        connections.close_all()

    def save(user, notice: str) -> None:
        client = Client()
        client.force_login(user)
        response = client.post(rules_page(world), policy_form(notice=notice))
        answers.append((response.status_code, notice))
        connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    assert holding.wait(timeout=30)
    savers = [
        threading.Thread(target=save, args=(world.coordinator, "4")),
        threading.Thread(target=save, args=(world.staffing, "10")),
    ]
    for thread in savers:
        thread.start()
    deadline = time.monotonic() + 30
    while waiting_for_a_lock() < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    release.set()
    for thread in [holder, *savers]:
        thread.join(timeout=60)
    assert sorted(status for status, _ in answers) == [200, 302]
    won = next(notice for status, notice in answers if status == 302)
    policy = LeavePolicy.objects.get()
    assert (str(policy.notice_weeks), policy.version) == (won, 2)


@pytest.mark.parametrize("user", ["cardiology_coordinator", "service_manager", "nobody"])
def test_the_services_refuse_anyone_but_the_departments_coordinators(world, user):
    actor = getattr(world, user)
    rule = MinimumStaffingFactory(department=world.acute, grades=["ST3"], at_least=1)
    with pytest.raises(PermissionDenied):
        leave_policy_set(
            actor=actor,
            department=world.acute,
            notice_weeks=4,
            year_start_month=4,
            year_start_day=1,
            version=1,
        )
    with pytest.raises(PermissionDenied):
        minimum_staffing_add(actor=actor, department=world.acute, grades=["FY1"], at_least=1)
    with pytest.raises(PermissionDenied):
        minimum_staffing_remove(actor=actor, rule=rule)
    with pytest.raises(PermissionDenied):
        entitlement_set(
            actor=actor,
            doctor=world.ada,
            year_start=YEAR_START,
            service_start=None,
            carried_over=Decimal(1),
            adjustment=Decimal(0),
            version=1,
        )
    nothing_changed(world)


# --- Minimum staffing -----------------------------------------------------------------


def test_minimum_staffing_reads_in_words():
    every_day = MinimumStaffing(grades=["FY2", "FY1"], at_least=3, weekdays=[])
    weekends = MinimumStaffing(grades=["ST4", "ST3"], at_least=1, weekdays=[6, 5])
    weekdays = MinimumStaffing(grades=["CONS"], at_least=2, weekdays=[0, 1, 2, 3, 4])
    mondays = MinimumStaffing(grades=["SD"], at_least=1, weekdays=[0, 2, 4])
    assert rule_words(every_day) == "At least 3 of FY1, FY2 available every day"
    assert rule_words(weekends) == "At least 1 of ST3, ST4 available on Saturdays and Sundays"
    assert rule_words(weekdays) == "At least 2 of CONS available on weekdays, Monday to Friday"
    assert rule_words(mondays) == ("At least 1 of SD available on Mondays, Wednesdays and Fridays")


def test_a_rule_added_on_the_page_warns_of_leave_that_breaks_it(world, sign_in):
    monday, saturday = date(2026, 8, 10), date(2026, 8, 15)
    assert staffing_breaks(world.ada, monday, monday) == []
    client = sign_in(world.coordinator)

    response = client.post(
        f"{rules_page(world)}minimum-staffing/add/",
        {"grades": ["ST3", "ST4"], "at_least": "1", "weekdays": ["5", "6"], "note": "Weekends"},
    )

    assert response.status_code == 302
    rule = MinimumStaffing.objects.get()
    assert (rule.grades, rule.at_least, rule.weekdays) == (["ST3", "ST4"], 1, [5, 6])
    [made] = entries_for(MinimumStaffing, rule.pk, LogEntry.Action.CREATE)
    assert made.actor == world.coordinator
    assert staffing_breaks(world.ada, monday, monday) == []
    assert leave_warnings(world.ada, saturday, saturday, date(2026, 6, 1)).lines == [
        "Minimum staffing broken on Sat 15 Aug 2026: 0 of ST3, ST4 available, at least 1 needed"
    ]
    shown = page_text(client.get(rules_page(world)))
    assert "At least 1 of ST3, ST4 available on Saturdays and Sundays" in shown
    assert "Weekends" in shown


@pytest.mark.parametrize(
    ("form", "said"),
    [
        ({"at_least": "2"}, "Choose the grades the rule counts"),
        ({"grades": ["ZZ9"], "at_least": "2"}, "Choose grades from the list"),
        ({"grades": ["FY1"], "at_least": "0"}, "Enter how many doctors as a number from 1 to 50"),
        ({"grades": ["FY1"], "at_least": "51"}, "Enter how many doctors as a number from 1 to 50"),
        ({"grades": ["FY1"], "at_least": ""}, "Enter how many doctors must be available"),
        ({"grades": ["FY1"], "at_least": "2", "weekdays": ["7"]}, "Choose days from the list"),
    ],
)
def test_a_bad_rule_is_named_by_field_and_the_choices_kept(world, sign_in, form, said):
    response = sign_in(world.coordinator).post(f"{rules_page(world)}minimum-staffing/add/", form)
    assert response.status_code == 200
    shown = page_text(response)
    assert "There is a problem" in shown
    assert said in shown
    assert not MinimumStaffing.objects.exists()


def test_a_rule_is_removed_audited_and_a_second_removal_is_told_so(world, sign_in):
    rule = MinimumStaffingFactory(department=world.acute, grades=["ST3"], at_least=1)
    pk = rule.pk
    client = sign_in(world.coordinator)
    path = f"{rules_page(world)}minimum-staffing/{pk}/remove/"
    assert client.get(path).status_code == 405

    removed = client.post(path)
    again = client.post(path)

    assert removed.status_code == again.status_code == 302
    assert [m.message for m in get_messages(again.wsgi_request)] == [
        "The rule is removed: At least 1 of ST3 available every day",
        "That rule was already removed",
    ]
    assert not MinimumStaffing.objects.exists()
    [gone] = entries_for(MinimumStaffing, pk, LogEntry.Action.DELETE)
    assert gone.actor == world.coordinator
    assert staffing_breaks(world.ada, date(2026, 8, 10), date(2026, 8, 10)) == []


def test_another_departments_rule_is_not_found_here(world, sign_in):
    theirs = MinimumStaffingFactory(department=world.cardiology, grades=["ST3"], at_least=1)
    response = sign_in(world.coordinator).post(
        f"{rules_page(world)}minimum-staffing/{theirs.pk}/remove/"
    )
    assert response.status_code == 302
    assert MinimumStaffing.objects.filter(pk=theirs.pk).exists()


# --- Entitlements ---------------------------------------------------------------------


def test_the_entitlements_list_each_doctors_figures_and_what_is_not_verified(
    world, shifts, sign_in
):
    LeaveEntitlementFactory(
        doctor=world.ada,
        year_start=YEAR_START,
        carried_over=Decimal(3),
        adjustment=Decimal(-1),
        note="Bought back a day",
    )
    shown = page_text(sign_in(world.coordinator).get(entitlements_page(world)))
    assert "Annual leave in the leave year Wed 1 Apr 2026 to Wed 31 Mar 2027" in shown
    ada = shown[shown.index("Dr Ada Patel") :]
    assert (
        "ST3 Entitlement 37 days Carried over 3 days "
        "Adjustment -1 day (Bought back a day) Left to book 39 days"
    ) in ada
    bea = shown[shown.index("Dr Bea Okafor") : shown.index("Dr Ada Patel")]
    assert "FY1 Entitlement 14.5 days (not verified against the national terms)" in bea
    assert "Carys" not in shown


def test_the_coordinator_sets_an_entitlement_and_the_balance_follows(world, shifts, sign_in):
    client = sign_in(world.coordinator)
    before = page_text(client.get(entitlement_page(world)))
    assert "Left to book 37 days" in before

    response = client.post(
        entitlement_page(world),
        entitlement_form(carried="2.5", adjustment="-1", note="A day sold back"),
    )

    assert response.status_code == 302
    assert response["Location"] == entitlements_page(world)
    record = LeaveEntitlement.objects.get()
    assert (record.year_start, record.service_start) == (YEAR_START, date(2019, 8, 7))
    assert (record.carried_over, record.adjustment, record.version) == (
        Decimal("2.5"),
        Decimal(-1),
        2,
    )
    [made] = entries_for(LeaveEntitlement, record.pk, LogEntry.Action.CREATE)
    assert made.actor == world.coordinator
    balance = leave_balance(world.ada, date(2026, 6, 1))
    assert balance.entitlement.longer_service is True  # six years' NHS service by April
    assert balance.remaining == Decimal("43.5")  # 32 and 10 bank holidays, 2.5, less 1
    after = page_text(client.get(entitlement_page(world)))
    assert "Carried over 2.5 days" in after
    assert "Adjustment -1 day (A day sold back)" in after


@pytest.mark.parametrize(
    ("form", "said"),
    [
        (entitlement_form(carried="2.25"), "Enter the days carried over in whole or half days"),
        (entitlement_form(carried="2.3"), "Enter the days carried over in whole or half days"),
        (entitlement_form(carried="41"), "Enter the days carried over from 0 to 40"),
        (entitlement_form(carried="-1"), "Enter the days carried over from 0 to 40"),
        (entitlement_form(carried="lots"), "Enter the days carried over as a number"),
        (entitlement_form(adjustment="-41", note="x"), "Enter the adjustment from -40 to 40"),
        (entitlement_form(adjustment="1.5"), "Give the reason for the adjustment"),
        (entitlement_form(service=date(1940, 1, 1)), "Enter a start of service from"),
        (entitlement_form(service=date(2027, 4, 1)), "to the end of the leave year"),
        (entitlement_form(note="x" * 201), "Keep the reason to 200 characters or fewer"),
    ],
)
def test_a_bad_entitlement_is_named_by_field_and_nothing_saved(world, shifts, sign_in, form, said):
    response = sign_in(world.coordinator).post(entitlement_page(world), form)
    assert response.status_code == 200
    shown = page_text(response)
    assert "There is a problem" in shown
    assert said in shown
    assert not LeaveEntitlement.objects.exists()


def test_a_two_digit_year_of_service_is_refused_and_what_was_typed_kept(world, shifts, sign_in):
    form = entitlement_form(carried="4.5")
    form["service_start[year]"] = "19"
    response = sign_in(world.coordinator).post(entitlement_page(world), form)
    shown = page_text(response)
    assert "Enter the year with 4 numbers, for example 2026" in shown
    assert 'value="4.5"' in response.content.decode()
    assert not LeaveEntitlement.objects.exists()


def test_a_stale_entitlement_edit_is_refused_and_nothing_overwritten(world, shifts, sign_in):
    sign_in(world.coordinator).post(entitlement_page(world), entitlement_form(carried="3"))

    response = sign_in(world.staffing).post(entitlement_page(world), entitlement_form(carried="5"))

    assert response.status_code == 200
    assert "Someone else changed this doctor's entitlement while you were editing it" in (
        page_text(response)
    )
    assert 'value="3"' in response.content.decode()
    assert LeaveEntitlement.objects.get().carried_over == Decimal(3)
    with pytest.raises(ChangedMeanwhile):
        entitlement_set(
            actor=world.coordinator,
            doctor=world.ada,
            year_start=YEAR_START,
            service_start=None,
            carried_over=Decimal(1),
            adjustment=Decimal(0),
            version=1,
        )


def test_an_entitlement_is_for_a_leave_year_of_the_department(world):
    with pytest.raises(ValidationError) as refused:
        entitlement_set(
            actor=world.coordinator,
            doctor=world.ada,
            year_start=date(2026, 5, 1),
            service_start=None,
            carried_over=Decimal(1),
            adjustment=Decimal(0),
            version=1,
        )
    assert refused.value.message_dict == {
        "year_start": ["The leave year of Dr Ada Patel starts on Wed 1 Apr 2026"]
    }


def test_a_doctor_of_another_department_is_not_found_on_this_ones_pages(world, sign_in):
    path = f"/leave/departments/{world.acute.pk}/entitlements/{world.carys.pk}/"
    assert sign_in(world.coordinator).get(path).status_code == 404
