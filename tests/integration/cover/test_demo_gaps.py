"""The demo trust's gap register: gaps from sickness (and any shortfall), one offered to
the demo doctor and waiting for their answer, one filled by a colleague; all made by the
cover services, so each agrees with the published rota."""

from __future__ import annotations

import pytest

from rotaplan.cover.models import CoverOffer, Gap, GapCause, GapStatus, OfferStatus
from rotaplan.demo.command import build_demo
from rotaplan.people.models import User
from rotaplan.rotas.models import Assignment, RotaChange


@pytest.mark.django_db
def test_the_demo_trust_has_open_offered_and_filled_gaps():
    build_demo(seed=1, doctors=120)
    doctor = User.objects.get(username="doctor").doctor
    gaps = Gap.objects.all()
    assert gaps.filter(cause=GapCause.SICKNESS).exists()
    assert gaps.filter(status=GapStatus.OPEN).exists()
    offer = CoverOffer.objects.get(doctor=doctor)
    assert offer.status == OfferStatus.WAITING
    assert offer.gap.status == GapStatus.OFFERED
    filled = gaps.get(status=GapStatus.FILLED_INTERNALLY)
    assert Assignment.objects.filter(
        doctor=filled.filled_by, shift_type=filled.shift_type, date=filled.date
    ).exists()
    assert RotaChange.objects.count() >= 2  # the sick doctor's shifts off, the cover on
