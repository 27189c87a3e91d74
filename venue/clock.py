"""The programme's clock: real time, or a shifted and accelerated one for rehearsals."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable


class Clock:
    """`now()` is `start` plus the real time elapsed since creation, times `speed`."""

    def __init__(
        self,
        start: dt.datetime | None = None,
        speed: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._origin = start or dt.datetime.now(dt.UTC)
        self._t0 = monotonic()
        self._monotonic = monotonic
        self.speed = speed
        self.rehearsal = start is not None or speed != 1.0

    def now(self) -> dt.datetime:
        elapsed = (self._monotonic() - self._t0) * self.speed
        return self._origin + dt.timedelta(seconds=elapsed)

    def real_seconds(self, programme: dt.timedelta) -> float:
        """How long a stretch of programme time takes on the wall clock."""
        return programme.total_seconds() / self.speed
