"""The trust the production test serves, built in the serving database by
``python -m tests.production.trust`` under the production settings.

It is the demo trust (``rotaplan demo``, as ``make run`` loads it), with what a working
department has beside its published rotas, so that every page has a record to show: a
draft rota with a shift on it, a generation run waiting for the worker, and a dated cover
override.
"""

from __future__ import annotations

from datetime import timedelta

import django


def build() -> None:
    from rotaplan.demo.command import run_demo
    from rotaplan.demo.staffing import MIN_DOCTORS
    from rotaplan.demo.trust import ACUTE_MEDICINE
    from rotaplan.organisation.models import Department
    from rotaplan.people.models import User
    from rotaplan.rotas.models import GenerationRun, RotaStatus, ShiftKind
    from tests.factories.rotas import AssignmentFactory, CoverRequirementFactory, RotaFactory

    def say(message: str, *, err: bool = False) -> None:
        print(message)

    if run_demo(seed=1, doctors=MIN_DOCTORS, if_empty=False, echo=say) != 0:
        raise SystemExit("the demo trust could not be built")
    acute = Department.objects.get(code=ACUTE_MEDICINE)
    published = acute.rotas.filter(status=RotaStatus.PUBLISHED).order_by("pk").first()
    assert published is not None
    start = published.period_end + timedelta(days=1)
    draft = RotaFactory(
        department=acute,
        name=f"{published.name}, next rotation",
        period_start=start,
        period_end=start + timedelta(days=27),
        status=RotaStatus.DRAFT,
    )
    shift = acute.shift_types.filter(kind=ShiftKind.WORK).order_by("start").first()
    doctor = published.assignments.order_by("pk").first()
    assert shift is not None
    assert doctor is not None
    AssignmentFactory(rota=draft, doctor=doctor.doctor, shift_type=shift, date=start)
    CoverRequirementFactory(department=acute, shift_type=shift, weekday=None, date=start)
    GenerationRun.objects.create(
        department=acute,
        period_start=start,
        period_end=draft.period_end,
        created_by=User.objects.get(username="coordinator"),
    )


if __name__ == "__main__":
    django.setup()
    build()
