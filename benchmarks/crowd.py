"""Nearby groups in a packed crowd: how many `group.update`s a pass causes, with and without
hysteresis at the edge of reach (issue 14, item 5), and what a pass costs.

N people stand on a square of tiles (as after a transition) and a third of them sway by up to
half a tile at every pass (people adjusting their place, not walking off). Every changed group
is one `group.update` to each of its members (`LiveGroups._announce`); unchanged groups are
not sent. Process CPU time, so a loaded machine slows both settings alike.

    .venv/bin/python benchmarks/crowd.py --people 400 --passes 60
"""

from __future__ import annotations

import argparse
import random
import time

from venue.domain.groups import GroupRules, Groups
from venue.domain.maps import SpaceMap

T = 32
MAP = SpaceMap(width=200, height=200, tile_width=T, tile_height=T, blocked=frozenset(), areas=())


def run(people: int, passes: int, linger: float, seed: int = 14) -> tuple[float, float, float]:
    """(updates sent per pass, people told per pass, ms CPU per pass) after a settling pass."""
    rng = random.Random(seed)
    side = int(people**0.5 * 2) + 1  # one person per ~4 tiles: packed, not shoulder to shoulder
    home = {f"p{n}": (rng.randrange(side * T), rng.randrange(side * T)) for n in range(people)}
    groups = Groups(GroupRules(distance=3.0, max_size=6, linger=linger))
    groups.recompute("plenary", MAP, home)
    updates = told = 0
    cpu = 0.0
    for _ in range(passes):
        now = dict(home)
        for pid in rng.sample(sorted(home), people // 3):
            x, y = home[pid]
            now[pid] = (x + rng.randint(-T // 2, T // 2), y + rng.randint(-T // 2, T // 2))
        start = time.process_time()
        changes = groups.recompute("plenary", MAP, now)
        cpu += time.process_time() - start
        updates += len(changes)
        told += sum(len(c.group.members | c.left) for c in changes)
    return updates / passes, told / passes, cpu / passes * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, nargs="+", default=[200, 400, 800])
    parser.add_argument("--passes", type=int, default=60)
    args = parser.parse_args()
    print(
        "| people | linger (tiles) | group updates per pass | people told per pass | ms per pass |"
    )
    print("|---|---|---|---|---|")
    for people in args.people:
        for linger in (0.0, 1.0):
            updates, told, ms = run(people, args.passes, linger)
            print(f"| {people} | {linger:g} | {updates:.1f} | {told:.1f} | {ms:.2f} |")


if __name__ == "__main__":
    main()
