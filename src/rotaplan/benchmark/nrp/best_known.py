"""Best known upper bounds for Curtois & Qu instances 1 to 24.

Source: the "Best known UB" column of ``shared/benchmarks/shift-scheduling/README.md``
(values as of 2026-11-22, taken there from ``wssuite/NurseScheduler`` ``benchmark/nrp.yml``,
commit ``784e1c9f``, cross-checked with schedulingbenchmarks.org). Re-check the live table at
schedulingbenchmarks.org/nrp/instances1_24.html before publishing a comparison.
"""

from __future__ import annotations

BEST_KNOWN_UB: dict[int, int] = {
    1: 607,
    2: 828,
    3: 1001,
    4: 1716,
    5: 1143,
    6: 1950,
    7: 1056,
    8: 1300,
    9: 439,
    10: 4631,
    11: 3443,
    12: 4040,
    13: 1348,
    14: 1278,
    15: 3829,
    16: 3225,
    17: 5746,
    18: 4459,
    19: 3149,
    20: 4769,
    21: 21133,
    22: 30241,
    23: 17428,
    24: 42463,
}
