"""How many doctors a cover pattern needs."""

from __future__ import annotations

from rotaplan.engine.solver.rota_size import lower_bounds, rota_size

from .rota_problems import ward


def test_the_lower_bounds_are_the_hours_and_the_weekends() -> None:
    # One night (12.5 h) and one long day (12.5 h) every day, no day shifts: 175 h a week
    # at 48 h each needs 4 doctors; each of the 2 weekends needs 2 doctors (a night and
    # a long day on Saturday), 4 doctor-weekends, and a doctor may work 1 weekend in 2.
    problem = ward(doctors=1, weeks=2, day_ideal=0)

    assert lower_bounds(problem) == (4, 4)


def test_the_size_found_covers_and_one_fewer_did_not() -> None:
    problem = ward(doctors=1, weeks=2, day_ideal=0)

    size = rota_size(problem, time_limit=2, deterministic=True)

    assert size.doctors is not None
    assert size.doctors >= 4
    assert size.trials[-1].covered
    assert all(not t.covered for t in size.trials[:-1])
