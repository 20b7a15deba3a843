"""Fixtures the rotas tests share."""

import pytest

from tests.factories.rotas import CoverRequirementFactory


@pytest.fixture
def night_cover(world, night):
    """One night shift a night, every day of the week."""
    for weekday in range(7):
        CoverRequirementFactory(shift_type=night, weekday=weekday, minimum=1, ideal=1)
    return night
