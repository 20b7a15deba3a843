"""A request reads the user's roles once, however many checks a page makes."""

from __future__ import annotations

import pytest

from rotaplan.people import access
from rotaplan.people.models import Role, User

pytestmark = pytest.mark.django_db


def test_a_users_roles_and_departments_are_read_in_one_query(world, django_assert_num_queries):
    user = User.objects.get(pk=world.coordinator.pk)  # as a request loads it
    with django_assert_num_queries(1):
        assert access.has_role(user, Role.ROTA_COORDINATOR)
        assert access.department_ids_for(user, Role.ROTA_COORDINATOR) == {world.acute.pk}
        assert access.can_view_department_rotas(user, world.acute.pk)
        assert not access.coordinates(user, world.cardiology.pk)
