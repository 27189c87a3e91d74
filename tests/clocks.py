"""A programme clock the test moves by hand: transitions happen exactly when the test says."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from venue.clock import Clock

BERLIN = ZoneInfo("Europe/Berlin")


def on_event_day(hhmm: str) -> dt.datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return dt.datetime(2021, 11, 30, hours, minutes, tzinfo=BERLIN)


class ManualClock(Clock):
    def __init__(self, hhmm: str) -> None:
        super().__init__(on_event_day(hhmm), speed=1.0)
        self._now = on_event_day(hhmm)

    def now(self) -> dt.datetime:
        return self._now

    def to(self, hhmm: str) -> None:
        self._now = on_event_day(hhmm)

    def advance(self, seconds: float) -> None:
        """Programme time moves on by `seconds` (rounds, warnings: whatever runs on it)."""
        self._now += dt.timedelta(seconds=seconds)
