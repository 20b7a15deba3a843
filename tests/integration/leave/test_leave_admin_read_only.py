"""Leave is recorded on the leave pages, never in the administration pages: a record
added there would skip taking the doctor's shifts off the rota and opening the gaps."""

from __future__ import annotations

import pytest

from tests.factories.leave import LeaveRecordFactory
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db


def test_an_administrator_reads_leave_in_the_admin_but_cannot_add_or_change_it(sign_in):
    admin = UserFactory(is_staff=True, is_superuser=True)
    record = LeaveRecordFactory()
    client = sign_in(admin)
    assert client.get("/admin/leave/leaverecord/").status_code == 200
    assert client.get("/admin/leave/leaverecord/add/").status_code == 403
    page = client.get(f"/admin/leave/leaverecord/{record.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert (
        client.post(f"/admin/leave/leaverecord/{record.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
