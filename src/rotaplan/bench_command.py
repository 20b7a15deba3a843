"""Merge shim, deleted at merge: tests/unit/solver/test_bench_command.py imports this old
name until the lead rewrites it to ``rotaplan.cli.bench``."""

from rotaplan.cli.bench import COULD_NOT_RUN, parse_instances, run_bench_nrp

__all__ = ["COULD_NOT_RUN", "parse_instances", "run_bench_nrp"]
