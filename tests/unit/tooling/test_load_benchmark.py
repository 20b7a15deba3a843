"""The load benchmark's figures (``benchmarks/load_pages.py``), and that it serves the app
with the commands ``make serve`` runs. No load is run here: speed is measured in
benchmarks/, never asserted (ADR 0017)."""

from __future__ import annotations

import math

import pytest
from benchmarks.load_pages import (
    COLLECTSTATIC,
    MIGRATE,
    SERVE,
    Sample,
    arguments,
    percentile,
    summarise,
    table,
)

from tests.production import commands


def test_the_percentile_is_the_nearest_rank():
    values = [float(n) for n in range(100, 0, -1)]  # 1 to 100, in any order
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 100)) == (
        50.0,
        95.0,
        100.0,
    )


def test_the_percentile_of_a_few_values_is_one_of_them():
    assert (percentile([0.3, 0.1, 0.2], 95), percentile([0.3, 0.1, 0.2], 50)) == (0.3, 0.2)


def test_the_percentile_of_nothing_is_not_a_number():
    assert math.isnan(percentile([], 95))


def test_the_summary_counts_every_answer_but_200_and_every_timeout_as_an_error():
    samples = [
        Sample("grid", 0.0, 0.2, 200, size=1000),
        Sample("grid", 0.1, 0.4, 500),
        Sample("grid", 0.2, 10.5, 200, "timeout"),
        Sample("doctors", 0.3, 0.1, 302),
        Sample("doctors", 0.4, 0.3, 0, "ConnectionResetError"),
    ]
    rows = summarise(samples, ["grid", "doctors", "API"])
    assert [(r.name, r.requests, r.errors) for r in rows] == [
        ("grid", 3, 2),
        ("doctors", 2, 2),
        ("API", 0, 0),
        ("all", 5, 4),
    ]


def test_the_summary_times_errors_too():
    samples = [Sample("grid", 0.0, 0.2, 200), Sample("grid", 0.1, 10.5, 0, "timeout")]
    grid = summarise(samples, ["grid"])[0]
    assert (grid.p50, grid.p95, grid.slowest) == (0.2, 10.5, 10.5)


def test_a_page_with_no_request_reads_as_a_dash():
    assert table(summarise([], ["grid"])).splitlines()[1].split() == ["grid", "0", "0", *"----"]


def test_the_benchmark_serves_with_the_commands_make_serve_runs():
    assert (MIGRATE, COLLECTSTATIC, SERVE) == (
        commands.MIGRATE,
        commands.COLLECTSTATIC,
        commands.SERVE,
    )


def test_fifty_users_for_a_minute_by_default():
    args = arguments([])
    assert (args.users, args.duration, args.timeout) == (50, 60, 10)


@pytest.mark.parametrize("wrong", [["--users", "0"], ["--duration", "0"], ["--think", "-1"]])
def test_a_load_that_cannot_run_is_refused(wrong):
    with pytest.raises(SystemExit):
        arguments(wrong)
