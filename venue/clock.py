"""The one clock: programme time (real, or shifted and accelerated for rehearsals), the real
time for records, and monotonic seconds for rates and walking budgets.

Nothing else in venue reads the time: the domain takes it as a value, the store stamps
records with `utcnow()`, the live services ask their `Clock`.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable


def utcnow() -> dt.datetime:
    """The real time, aware, in UTC: when a record was written, when a link expires."""
    return dt.datetime.now(dt.UTC)


class Clock:
    """`now()` is `start` plus the real time elapsed since creation, times `speed`."""

    def __init__(
        self,
        start: dt.datetime | None = None,
        speed: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._origin = start or utcnow()
        self._t0 = monotonic()
        self.monotonic = monotonic
        self.speed = speed
        self.rehearsal = start is not None or speed != 1.0

    def now(self) -> dt.datetime:
        """Programme time: what the programme, warnings and transitions go by."""
        elapsed = (self.monotonic() - self._t0) * self.speed
        return self._origin + dt.timedelta(seconds=elapsed)

    def real_seconds(self, programme: dt.timedelta) -> float:
        """How long a stretch of programme time takes on the wall clock."""
        return programme.total_seconds() / self.speed
