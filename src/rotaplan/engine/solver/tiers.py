"""Tiers: the doctors who share work. Juniors' nights and registrars' nights are two
tiers; a doctor who may work both joins them into one. Fair shares are reckoned within a
tier, and the search moves work between doctors of one tier."""

from __future__ import annotations

from collections.abc import Sequence, Set


def tiers_of(may_work: Sequence[Set[int]]) -> list[int | None]:
    """For each doctor, given the shift types (indices) they may work, the number of their
    tier (the lowest shift type in it); None for a doctor who may work none. Two shift
    types are in one tier when one doctor may work both, or through a chain of such
    doctors."""
    parent: dict[int, int] = {s: s for types in may_work for s in types}

    def root(s: int) -> int:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    for types in may_work:
        first, *rest = sorted(types) or [-1]
        for s in rest:
            a, b = root(first), root(s)
            parent[max(a, b)] = min(a, b)
    return [root(min(types)) if types else None for types in may_work]
