"""A loop that calls `tick` on fixed deadlines of a monotonic clock, without drift."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def run_ticker(hz: float, tick: Callable[[], Awaitable[None]]) -> None:
    """Run until cancelled; a late tick is not made up with a burst, the schedule restarts."""
    loop = asyncio.get_running_loop()
    interval = 1.0 / hz
    deadline = loop.time()
    while True:
        deadline += interval
        try:
            await tick()
        except Exception:  # a failed frame must not stop presence for everyone
            log.exception("tick failed")
        delay = deadline - loop.time()
        if delay < 0:
            deadline = loop.time()
            delay = 0
        await asyncio.sleep(delay)
