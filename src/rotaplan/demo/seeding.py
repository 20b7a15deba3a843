"""Where the demo's randomness comes from: the seed, and nothing else.

Each part of the demo (names, grades, leave, ...) draws from its own generator, seeded
from the demo seed and the part's name. Changing how leave is drawn then leaves names and
GMC numbers as they were, and nothing reads the global ``random`` state or the clock.
"""

from __future__ import annotations

import random

from faker import Faker


def rng_for(seed: int, purpose: str) -> random.Random:
    """A generator for one part of the demo. String seeds are hashed with SHA-512 by
    ``random``, so the stream does not depend on ``PYTHONHASHSEED``."""
    return random.Random(f"rotaplan-demo:{seed}:{purpose}")


def faker_for(seed: int) -> Faker:
    """British names, seeded on this instance only (never Faker's shared generator).

    The names depend on the Faker version as well as the seed; the lock file pins it.
    """
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    return fake
