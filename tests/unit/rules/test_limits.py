from datetime import date

from rotaplan.engine.rules.limits import AMENDMENT_2019, LIMITS, limits_on


def test_every_limit_names_its_source_and_start():
    for limit in LIMITS:
        assert limit.source
        assert limit.clause
        assert limit.unit
        assert limit.effective_from <= date.today()


def test_rotas_from_the_2019_amendment_use_the_amended_values():
    limits = limits_on(AMENDMENT_2019)
    assert limits["max-consecutive-shifts"] == 7
    assert limits["max-consecutive-long-shifts"] == 4
    assert limits["rest-after-nights-min-run"] == 1
    assert limits.get("max-consecutive-long-evening-shifts") is None


def test_rotas_before_it_use_the_2016_values():
    limits = limits_on(date(2019, 8, 6))
    assert limits["max-consecutive-shifts"] == 8
    assert limits["max-consecutive-long-shifts"] == 5
    assert limits["rest-after-nights-min-run"] == 3
    assert limits["max-consecutive-long-evening-shifts"] == 4


def test_a_rota_before_any_limit_started_gets_the_earliest_values():
    assert limits_on(date(2010, 1, 1))["max-consecutive-shifts"] == 8


def test_the_amendment_date_is_marked_unverified():
    assert not limits_on(AMENDMENT_2019).row("max-consecutive-shifts").verified


def test_the_72_hours_are_in_any_168_hours_before_and_after_2019():
    assert limits_on(date(2019, 8, 6))["max-72h-in-168h"] == 72
    assert limits_on(AMENDMENT_2019)["max-72h-in-168h"] == 72
    assert "168" in limits_on(date(2019, 8, 6)).row("max-72h-in-168h").note


def test_hospital_doctors_average_over_26_weeks_and_night_work_over_17():
    limits = limits_on(AMENDMENT_2019)
    assert limits["reference-period-weeks"] == 26
    assert limits["night-reference-period-weeks"] == 17
