"""Tiers: the doctors who share work. Juniors' nights and registrars' nights are two
tiers; a doctor who may work both joins them into one. Fair shares are reckoned within a
tier, and the search moves work between doctors of one tier.

Parts: tiers that share nothing the rota asks for (``parts.problem_parts``). A local rule
that ties a doctor of one tier to a doctor of another joins their tiers into one part.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence, Set
from typing import TypeVar

Key = TypeVar("Key", int, str)


def _roots(keys: Iterable[Key], joins: Iterable[tuple[Key, Key]]) -> dict[Key, Key]:
    """Each key's group, named by its least key: keys joined directly or through a chain
    of joins are in one group."""
    parent: dict[Key, Key] = {k: k for k in keys}

    def root(k: Key) -> Key:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a, b in joins:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {k: root(k) for k in parent}


def tiers_of(may_work: Sequence[Set[int]]) -> list[int | None]:
    """For each doctor, given the shift types (indices) they may work, the number of their
    tier (the lowest shift type in it); None for a doctor who may work none. Two shift
    types are in one tier when one doctor may work both, or through a chain of such
    doctors."""
    root = _roots(
        (s for types in may_work for s in types),
        (pair for types in may_work for pair in itertools.pairwise(sorted(types))),
    )
    return [root[min(types)] if types else None for types in may_work]


def parts_of(
    tier: Sequence[int | None], ties: Iterable[tuple[int, int]] = ()
) -> list[frozenset[int]]:
    """The doctors (indices) of each part, in the order of their first doctor, given each
    doctor's tier (``tiers_of``) and the pairs of doctors a local rule ties. A doctor who
    may work nothing is in no part."""
    tied = [
        (ta, tb)
        for ta, tb in ((tier[a], tier[b]) for a, b in ties)
        if ta is not None and tb is not None
    ]
    root = _roots((t for t in tier if t is not None), tied)
    parts: dict[int, set[int]] = {}
    for p, mine in enumerate(tier):
        if mine is not None:
            parts.setdefault(root[mine], set()).add(p)
    return [frozenset(doctors) for doctors in parts.values()]
