"""Speed networking: who sits at which table in a round, from interests and who has met.

A round seats people in groups of the chosen size (2–4) at the tables of a space. Nobody is
seated with someone they met in an earlier round; among the seatings that keep that rule,
one where the people at a table share many interests is chosen. A remainder of people sits
one more at some tables (a pair becomes a trio), or forms a group one smaller; when the
tables are too few, the people first in the given order are seated and the rest wait (the
caller puts those who waited first next time).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

SIZE_MIN = 2
SIZE_MAX = 4
ATTEMPTS = 200  # shuffled tries to seat everyone without a repeated pairing
ATTEMPT_BUDGET = 200_000  # fewer tries for a crowd: people times tables checks each
SWAP_PASSES = 3  # rounds of swaps between tables that raise the shared interests
SWAP_BUDGET = 20_000  # swaps weighed at most (75 pairs of people: 33,000 a pass, ~1 s)

Pair = frozenset[str]


@dataclass(frozen=True, slots=True)
class Table:
    """A table the round may use and how many people sit at it."""

    name: str
    capacity: int


@dataclass(frozen=True, slots=True)
class Seating:
    """One round: the people at each table, and who waits for the next round."""

    tables: dict[str, tuple[str, ...]]
    waiting: tuple[str, ...]

    def pairs(self) -> set[Pair]:
        """Everyone who met at a table this round, as pairs."""
        return pairs_of(self.tables.values())


def pairs_of(groups: Iterable[Sequence[str]]) -> set[Pair]:
    return {frozenset(p) for group in groups for p in itertools.combinations(group, 2)}


def group_sizes(people: int, size: int, capacities: Sequence[int]) -> list[int]:
    """How many sit at each table (largest first), for `people` and tables of `capacities`.

    Sizes stay within one of `size`: the remainder sits one more at some tables or forms a
    group one smaller; fewer than `size` + 2 people make one group. With too few tables,
    groups of `size` fill them and the rest wait."""
    caps = sorted(capacities, reverse=True)
    if people < SIZE_MIN or not caps:
        return []
    if people <= size + 1 and people <= caps[0]:
        return [people]
    best: tuple[tuple[int, int, int], list[int]] | None = None
    for groups in range(1, min(len(caps), people // SIZE_MIN) + 1):
        base, extra = divmod(people, groups)
        sizes = [base + 1] * extra + [base] * (groups - extra)
        deviations = [abs(s - size) for s in sizes]
        if max(deviations) > 1 or any(s > c for s, c in zip(sizes, caps, strict=False)):
            continue
        cost = (max(deviations), sum(deviations), -groups)  # more, smaller tables on a tie
        if best is None or cost < best[0]:
            best = (cost, sizes)
    if best is not None:
        return best[1]
    sizes, left = [], people
    for cap in caps:  # crowded: groups of `size` at every table, the rest wait
        take = min(cap, size, left)
        if take >= SIZE_MIN:
            sizes.append(take)
            left -= take
    return sizes


def seat(
    people: Sequence[str],
    interests: Mapping[str, frozenset[str]],
    met: set[Pair],
    size: int,
    tables: Sequence[Table],
    seed: int = 0,
) -> Seating:
    """The seating of one round; `people` in order of priority (the first get seats first)."""
    if not SIZE_MIN <= size <= SIZE_MAX:
        raise ValueError(f"group size must be {SIZE_MIN} to {SIZE_MAX}")
    order = sorted(tables, key=lambda t: (-t.capacity, t.name))
    sizes = group_sizes(len(people), size, [t.capacity for t in order])
    wanted = sum(sizes)
    tags = {pid: interests.get(pid, frozenset()) for pid in people}
    rng = random.Random(seed)
    first, reserve = list(people[:wanted]), list(people[wanted:])
    # those who met most people are hardest to place: they choose first
    first.sort(key=lambda pid: -sum(1 for pair in met if pid in pair))
    best: tuple[tuple[int, int], list[list[str]]] | None = None
    attempts = max(10, min(ATTEMPTS, ATTEMPT_BUDGET // max(1, len(people) * len(sizes))))
    for attempt in range(attempts):
        if attempt:
            rng.shuffle(first)
        groups = _fill(first + reserve, sizes, tags, met)
        seated = sum(len(g) for g in groups)
        score = (seated, _score(groups, tags))
        if best is None or score > best[0]:
            best = (score, groups)
        if seated == wanted:
            break
    groups = _improve(best[1], tags, met) if best else []
    seated_at = {t.name: tuple(g) for t, g in zip(order, groups, strict=False) if g}
    placed = {pid for g in seated_at.values() for pid in g}
    return Seating(seated_at, tuple(pid for pid in people if pid not in placed))


def _fill(
    order: Sequence[str], sizes: Sequence[int], tags: Mapping[str, frozenset[str]], met: set[Pair]
) -> list[list[str]]:
    """Each person joins the table with room where they share most and know nobody; a table
    left with one person seats nobody."""
    groups: list[list[str]] = [[] for _ in sizes]
    for pid in order:
        choices = [
            (sum(len(tags[pid] & tags[q]) for q in group), -len(group), -i)
            for i, group in enumerate(groups)
            if len(group) < sizes[i] and not any(frozenset((pid, q)) in met for q in group)
        ]
        if choices:
            groups[-max(choices)[2]].append(pid)
    return [g if len(g) >= SIZE_MIN else [] for g in groups]


def _score(groups: Iterable[Sequence[str]], tags: Mapping[str, frozenset[str]]) -> int:
    """Interests shared at the tables, counted per pair."""
    return sum(len(tags[a] & tags[b]) for a, b in (tuple(p) for p in pairs_of(groups)))


def _improve(
    groups: list[list[str]], tags: Mapping[str, frozenset[str]], met: set[Pair]
) -> list[list[str]]:
    """Swap people between tables while that raises the shared interests and meets nobody
    twice."""

    def fits(pid: str, group: Sequence[str], leaving: str) -> bool:
        return not any(frozenset((pid, q)) in met for q in group if q != leaving)

    def gain(pid: str, group: Sequence[str], leaving: str) -> int:
        return sum(len(tags[pid] & tags[q]) for q in group if q not in (pid, leaving))

    budget = SWAP_BUDGET
    for _ in range(SWAP_PASSES):
        swapped = False
        for g, h in itertools.combinations(groups, 2):
            for i, j in itertools.product(range(len(g)), range(len(h))):
                budget -= 1
                if budget < 0:
                    return groups
                a, b = g[i], h[j]
                if not (fits(a, h, b) and fits(b, g, a)):
                    continue
                if gain(a, h, b) + gain(b, g, a) > gain(a, g, "") + gain(b, h, ""):
                    g[i], h[j] = b, a
                    swapped = True
        if not swapped:
            break
    return groups
