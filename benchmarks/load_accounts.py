"""The sign-in accounts of the load benchmark (``benchmarks/load_pages.py``), made in the
database it serves, under its production settings, as ``tests/production/trust.py`` adds
to the demo trust: run in a child process with the server's environment, it is the one
part of the benchmark that imports Django.

Run: python benchmarks/load_accounts.py COUNT, with ``ROTAPLAN_LOAD_PASSWORD`` set.
Makes ``load-01`` to ``load-COUNT``: the odd ones acute medicine's rota coordinators, the
even ones medical staffing (trust-wide), the two roles that use the rota pages most. Prints
one line of JSON: the usernames and the id of acute medicine's published junior rota (the
one with most shifts), whose grid and compliance page the benchmark loads.
"""

from __future__ import annotations

import json
import os
import sys

import django


def make_accounts(count: int, password: str) -> dict[str, object]:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.db.models import Count

    from rotaplan.demo.trust import ACUTE_MEDICINE
    from rotaplan.organisation.models import Department
    from rotaplan.people.models import Role, RoleAssignment, User
    from rotaplan.rotas.models import RotaStatus

    acute = Department.objects.get(code=ACUTE_MEDICINE)
    rota = (
        acute.rotas.filter(status=RotaStatus.PUBLISHED)
        .annotate(shifts=Count("assignments"))
        .order_by("-shifts", "pk")
        .first()
    )
    if rota is None:
        raise SystemExit("acute medicine has no published rota: load the demo trust first")
    hashed = make_password(password)  # once: hashing is slow on purpose
    usernames = [f"load-{number:02d}" for number in range(1, count + 1)]
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(username=name, first_name="Load", last_name=name[-2:], password=hashed)
            for name in usernames
        )
        RoleAssignment.objects.bulk_create(
            RoleAssignment(user=user, role=Role.ROTA_COORDINATOR, department=acute)
            if number % 2
            else RoleAssignment(user=user, role=Role.MEDICAL_STAFFING)
            for number, user in enumerate(users, start=1)
        )
    return {"usernames": usernames, "rota": rota.pk}


if __name__ == "__main__":
    django.setup()
    print(json.dumps(make_accounts(int(sys.argv[1]), os.environ["ROTAPLAN_LOAD_PASSWORD"])))
