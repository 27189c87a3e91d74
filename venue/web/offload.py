"""CPU-heavy request steps (parsing uploads) in worker processes, with a time and memory budget.

Parsing a crafted file on the event loop stalls every tick, ack and request (pypdf spent
14–31 s on a 100,000-page PDF). Here such a step runs in a separate process whose address
space is capped; a step that overruns its time is refused and its worker killed, so the
loop only ever waits on a future.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import multiprocessing
import resource
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from venue.domain.errors import Code, DomainError

log = logging.getLogger(__name__)

T = TypeVar("T")

WORKERS = 1  # two cores serve thousands of people: uploads queue rather than compete
STEP_SECONDS = 8.0  # a real logo or PDF takes well under a second
STEP_MEMORY = 1024 * 1024 * 1024  # address space of a worker (the interpreter needs ~150 MB)
QUEUED_MAX = 4  # steps waiting for a worker beyond this are refused as busy
STEPS_PER_WORKER = 50  # a fresh worker now and then returns what parsing kept
# A worker's start (an interpreter, the step's modules) is not part of a step's budget: on a
# loaded machine it alone can take longer than a step may.
STARTUP_SECONDS = 60.0


@dataclass(frozen=True)
class _Refused:
    """A DomainError crossing the process boundary (exceptions with codes do not pickle)."""

    code: Code
    message: str


@dataclass(frozen=True)
class _Done(Generic[T]):
    value: T


def _limit(memory: int) -> None:
    """In the worker: beyond `memory` bytes of address space, allocations fail."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def _warm(module: str) -> None:
    """In a new worker: import the step's module before its first step is timed."""
    importlib.import_module(module)


def _call(step: Callable[..., T], args: tuple[Any, ...]) -> _Done[T] | _Refused:
    try:
        return _Done(step(*args))
    except DomainError as exc:
        return _Refused(exc.code, exc.message)
    except MemoryError:
        return _Refused(Code.UPLOAD_TOO_COMPLEX, "That file needs too much memory to check.")


class Offload:
    """A small process pool for steps too heavy for the event loop."""

    def __init__(
        self,
        seconds: float = STEP_SECONDS,
        memory: int = STEP_MEMORY,
        workers: int = WORKERS,
    ) -> None:
        self.seconds = seconds
        self.memory = memory
        self.workers = workers
        self.refused = 0  # steps over budget, for /metrics and tests
        self._pool: ProcessPoolExecutor | None = None
        self._warmed: set[str] = set()  # modules the pool's worker has imported
        self._steps = 0  # steps the pool's worker has run
        self._slots = asyncio.Semaphore(workers)
        self._waiting = 0

    async def run(self, step: Callable[..., T], *args: Any) -> T:
        """`step(*args)` in a worker; DomainError as `step` raised it, or `upload.too_complex`
        when it overran its time or memory, or `work.busy` when too many steps wait."""
        if self._waiting >= QUEUED_MAX:
            raise DomainError(Code.WORK_BUSY, "Too many files are being checked; try again soon.")
        self._waiting += 1
        try:
            await self._slots.acquire()
        finally:
            self._waiting -= 1
        try:
            outcome = await self._run(step, args)
        finally:
            self._slots.release()
        if isinstance(outcome, _Refused):
            raise DomainError(outcome.code, outcome.message)
        return outcome.value

    async def _run(self, step: Callable[..., T], args: tuple[Any, ...]) -> _Done[T] | _Refused:
        loop = asyncio.get_running_loop()
        pool = self._executor()
        try:
            if step.__module__ not in self._warmed:
                warm = loop.run_in_executor(pool, _warm, step.__module__)
                await asyncio.wait_for(warm, STARTUP_SECONDS)
                self._warmed.add(step.__module__)
        except (TimeoutError, BrokenProcessPool):
            log.warning("a worker did not start within %.0f s", STARTUP_SECONDS)
            self._discard(pool)
            return _Refused(Code.WORK_BUSY, "Files cannot be checked right now; try again soon.")
        future = loop.run_in_executor(pool, _call, step, args)
        try:
            outcome = await asyncio.wait_for(future, self.seconds)
        except TimeoutError:
            log.warning("%s took longer than %.0f s: refused", step.__name__, self.seconds)
        except BrokenProcessPool:  # the worker died (out of memory, or killed)
            log.warning("%s ended its worker: refused", step.__name__)
        else:
            self._steps += 1
            if self._steps >= STEPS_PER_WORKER:  # the next step starts a fresh worker
                self._pool = None
                pool.shutdown(wait=False)
            return outcome
        self.refused += 1
        self._discard(pool)
        return _Refused(Code.UPLOAD_TOO_COMPLEX, "That file is too complex to check.")

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                # spawn: a fork would copy the running venue (threads, sockets) into the worker
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_limit,
                initargs=(self.memory,),
            )
            self._warmed, self._steps = set(), 0
        return self._pool

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        """Stop a pool at once, killing a worker still busy with a step over budget."""
        if self._pool is pool:
            self._pool = None
        processes = list((pool._processes or {}).values())  # no public way to stop a step
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.kill()

    def close(self) -> None:
        if self._pool is not None:
            self._discard(self._pool)
