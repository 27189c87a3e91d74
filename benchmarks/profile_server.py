"""Run `python -m venue …` with cProfile switched on and off by signals.

    python benchmarks/profile_server.py OUT.pstats serve --venue DIR --port P …

SIGUSR1 starts profiling the event loop's thread, SIGUSR2 stops it and writes OUT.pstats
(read it with `python -m pstats OUT.pstats`). transition_bench.py --profile sends them around
the transition, so that start-up and connects stay out of the profile.
"""

from __future__ import annotations

import cProfile
import signal
import sys
from pathlib import Path
from types import FrameType


def main() -> int:
    out = Path(sys.argv[1])
    profiler = cProfile.Profile()

    def start(_signum: int, _frame: FrameType | None) -> None:
        profiler.enable()

    def stop(_signum: int, _frame: FrameType | None) -> None:
        profiler.disable()
        profiler.dump_stats(out)

    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)
    from venue.cli import main as venue_main

    return venue_main(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
