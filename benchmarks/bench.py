"""The performance harness of issues 7 and 14: scenarios S1–S6 against venue and three baselines.

    make bench                                              # every scenario (about 18 minutes)
    .venv/bin/python benchmarks/bench.py --scenario S1 --seconds 10
    .venv/bin/python benchmarks/bench.py --scenario S4 --servers venue,node
    .venv/bin/python benchmarks/bench.py --scenario S2 --processes 2   # venue over Redis

Servers: venue (`python -m venue serve`), the raw aiohttp relay (`baseline_server.py`, batched
per tick: the floor), the naive python-socketio relay (`relay_socketio.py`, one `sio.emit` per
move) and the Node socket.io relay (`relay_node.js`, `io.to(space).emit` per move). Each runs
alone, pinned to core 0; the bots (`bots.py`, bare websockets), the harness and the lag probe
(`probe.py`) share core 1. Every server gets the same bots in the same spaces on the same
walks. The bots offer permessage-deflate as browsers do (`--no-deflate`: none) and may be
socket.io clients in Node (`--bots node`); S5 and S6 pack the crowd around the plenary's entry.
See benchmarks/README.md for the scenarios and how to read the table.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import hashlib
import json
import os
import platform
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import aiohttp
from bots import Dialect, RawJSON, Relay, SocketIO, Swarm
from node_bots import NodeSwarm
from presence_bench import (
    BOT_CORE,
    CLK_TCK,
    ROOT,
    SERVER_CORE,
    WAIT_WARN,
    Rates,
    Target,
    _cpu_model,
    _git_state,
    addresses_for,
    fetch_grid,
    free_port,
    join_all,
    own_cpu_seconds,
    pin_bots,
    proc_cpu_seconds,
    proc_rss_kb,
    proc_wait_seconds,
    publish,
    quantile_ms,
    running,
)
from transition_bench import (
    CLOCK,
    SECRET,
    WORKSHOPS,
    Arrivals,
    Moderator,
    copy_venue,
    seed,
)
from walls import Grid

Bots = Swarm | NodeSwarm

HERE = Path(__file__).resolve().parent
SERVERS = ("venue", "raw", "sio", "node")
LABELS = {
    "venue": "venue",
    "raw": "raw aiohttp relay",
    "sio": "naive python-socketio relay",
    "node": "Node socket.io relay",
}
BOT_KINDS = {
    "python": "bare websockets (bots.py)",
    "node": "official socket.io-client on Node (bots_node.js)",
}
PROBE_PATH = {"venue": "/healthz/live", "raw": "/healthz", "sio": "/healthz", "node": "/healthz"}
CAPACITY = 6000  # every space of the venue copy: the scenarios, not the venue data, set the load
# the service level of S4, from issue 7
MAX_P99_S = 0.250
MAX_LAG_S = 0.100
MAX_LOST = 0.001
BOT_CPU_LIMIT = 90.0  # % of the bots' core: above it the generator, not the server, is measured
BOT_LAG_LIMIT_S = 0.050  # the bots' own loop lag p99: above it they no longer keep up
SERVER_BUSY = 90.0  # % of the server's core: a failure there is the server's, whatever the bots
PUBLISHED = "venue_cluster_messages_published_total"
TICK = "venue_tick_duration_seconds"
TICK_MAX = "venue_tick_duration_max_seconds"
NOISY_RETRIES = 2  # S4: a failed step whose window saw other load on the cores is measured again
OTHERS_QUIET = 0.25  # --quiet-wait: other processes' CPU, in cores, that counts as quiet
PACKED_SPAN = 1  # S5, S6: a walker stays within this many tiles of where it landed
SCENARIOS = ("S1", "S2", "S3", "S4", "S5", "S6")
DEFAULT_SCENARIOS = ",".join(SCENARIOS)


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    title: str
    layout: dict[str, int]  # people per space
    walking: float = 0.3  # share of people walking
    hz: float = 5.0  # position updates per walker and second
    packed: bool = False  # no chairs: everyone lands at the entry and walks within PACKED_SPAN

    @property
    def people(self) -> int:
        return sum(self.layout.values())

    def plan(self) -> dict[int, str]:
        """Bot index → space, in blocks: bots 0…399 in the first space, and so on."""
        spaces = [space for space, count in self.layout.items() for _ in range(count)]
        return dict(enumerate(spaces))


S1 = Scenario("S1", "plenary: 500 in one space, 30 % walking at 5 Hz", {"plenary": 500})
S2 = Scenario(
    "S2",
    "venue: 1,000 over every space, 30 % walking at 5 Hz",
    {"plenary": 400, "workshop-1": 120, "workshop-2": 120, "exhibition": 200, "bar": 160},
)
S5 = Scenario(
    "S5",
    "packed plenary: 500 around its entry, 30 % walking at 5 Hz within a tile",
    {"plenary": 500},
    packed=True,
)
S3_MOVED = 400  # registered participants moved from the plenary to their workshops
S3_OTHERS = {"exhibition": 150, "bar": 100, "lobby": 50}  # guests who stay where they are


@dataclass(frozen=True, slots=True)
class Options:
    scenarios: list[str]
    servers: list[str]
    seconds: float
    warmup: float
    tick: float
    observers: int
    processes: int
    redis: str
    postgres: str
    ramp_start: int
    ramp_factor: float
    ramp_max: int
    ramp_seconds: float
    venue: Path
    logs: Path | None
    time_limit: float
    profile: Path | None = None
    deflate: bool = True  # the bots offer permessage-deflate, as browsers do
    bots: str = "python"  # python: bare websockets (bots.py); node: socket.io-client (Node)
    venue_root: Path = ROOT  # the checkout whose venue is measured (its .venv runs it)
    venue_env: dict[str, str] = field(default_factory=dict)  # e.g. VENUE_WS_COMPRESSION=off
    quiet_wait: float = 0.0  # seconds a window may wait for the rest of the machine to calm down


# -- measuring ------------------------------------------------------------------------------


class Probe:
    """`probe.py` in its own process; keeps (monotonic send time, round trip or None) and the
    send time of the request still waiting for its answer, if any."""

    def __init__(self, url: str, interval: float = 0.05) -> None:
        self.url = url
        self.interval = interval
        self.samples: list[tuple[float, float | None]] = []
        self.waiting: float | None = None
        self._proc: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None

    async def start(self) -> None:
        script = HERE / "probe.py"
        self._proc = await asyncio.create_subprocess_exec(
            *(sys.executable, str(script), self.url, "--interval", str(self.interval)),
            stdout=asyncio.subprocess.PIPE,
        )
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        async for line in self._proc.stdout:
            kind, sent, *value = line.split()
            if kind == b"S":
                self.waiting = float(sent)
                continue
            self.waiting = None
            rtt = None if value == [b"error"] else float(value[0])
            self.samples.append((float(sent), rtt))

    def between(self, start: float, end: float) -> tuple[list[float], int]:
        """Round trips of the requests sent in [start, end), and how many failed; a request
        still waiting counts with the time it has waited so far (a lower bound)."""
        chosen = [rtt for sent, rtt in self.samples if start <= sent < end]
        rtts = [rtt for rtt in chosen if rtt is not None]
        if self.waiting is not None and self.waiting < end:
            rtts.append(time.monotonic() - self.waiting)
        return rtts, sum(rtt is None for rtt in chosen)

    async def stop(self) -> None:
        if self._proc is not None and self._proc.returncode is None:
            self._proc.terminate()
            await self._proc.wait()
        if self._reader is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader


@dataclass(slots=True)
class Window(Rates):
    """What one measured interval saw, over every server process of the run."""

    window: float
    bots: int
    server_cpu: float
    bot_cpu: float
    server_wait: float
    bot_wait: float
    updates: int
    frames: int
    acks: int
    latencies: list[float]
    lags: list[float]
    probe_errors: int
    idle_rtt: float
    lost: int
    refusals: Counter[str]
    bot_lags: list[float] = field(default_factory=list)  # the bots' own loop, late wake-ups
    received: int = 0  # bytes the server sent to the bots in the window, on the wire
    extensions: Counter[str] = field(default_factory=Counter)  # agreed, per connection
    metrics: dict[str, float] = field(default_factory=dict)  # venue's /metrics: the window's
    # increase of each counter, the longest tick since start

    @property
    def published(self) -> float | None:
        """Redis messages venue's processes published in the window; None with one process."""
        return self.metrics.get(PUBLISHED)

    def tick_ms(self) -> tuple[float, float]:
        """venue's presence tick: mean over the window and longest since start, ms."""
        count = self.metrics.get(TICK + "_count", 0.0)
        mean = self.metrics.get(TICK + "_sum", 0.0) / count * 1000 if count else float("nan")
        return mean, self.metrics.get(TICK_MAX, float("nan")) * 1000

    def latency_ms(self, q: float) -> float:
        return quantile_ms(self.latencies, q)

    @property
    def egress_kb_per_client_s(self) -> float:
        """What each bot received from the server per second, KB on the wire (compressed)."""
        return self.received / 1000 / max(self.bots, 1) / self.window if self.window else 0.0

    @property
    def extension(self) -> str:
        """The websocket extension the server agreed to (every one, if they differ)."""
        return " / ".join(f"{name}" for name, _ in self.extensions.most_common()) or "—"

    def lag_ms(self, q: float) -> float:
        """Probe round trip above the idle server's median: time waiting for its event loop."""
        if not self.lags:
            return float("nan")
        return max(0.0, quantile_ms(self.lags, q) - self.idle_rtt * 1000)


@dataclass(slots=True)
class Cluster:
    """The server processes of one run: pids and base URLs (several only for venue on Redis)."""

    pids: list[int]
    bases: list[str]

    def cpu(self) -> float:
        return sum(proc_cpu_seconds(pid) for pid in self.pids)

    def rss_kb(self) -> int:
        return sum(proc_rss_kb(pid) for pid in self.pids)

    def wait(self) -> float:
        return sum(proc_wait_seconds(pid) for pid in self.pids)


async def scrape(cluster: Cluster, kind: str) -> dict[str, float]:
    """venue's `/metrics` summed over its processes (the longest tick: the longest of any)."""
    if kind != "venue":
        return {}
    totals: dict[str, float] = {}
    async with aiohttp.ClientSession() as session:
        for base in cluster.bases:
            async with session.get(f"{base}/metrics") as resp:
                text = await resp.text()
            for line in text.splitlines():
                if line.startswith("#") or " " not in line:
                    continue
                series, value = line.rsplit(" ", 1)
                name = series.split("{", 1)[0]
                if name == TICK_MAX:
                    totals[name] = max(totals.get(name, 0.0), float(value))
                else:
                    totals[name] = totals.get(name, 0.0) + float(value)
    if len(cluster.pids) > 1 and PUBLISHED not in totals:
        raise RuntimeError(f"{cluster.bases[0]}/metrics has no {PUBLISHED}")
    return totals


def _machine_busy_seconds() -> float:
    """CPU seconds all cores spent busy since boot (/proc/stat: all but idle and iowait)."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / CLK_TCK


async def quiet(cluster: Cluster, swarm: Bots, limit: float) -> None:
    """Wait, at most `limit` seconds, for a second in which the other processes on the machine
    (not the server, not the bots) used less than OTHERS_QUIET of a core: on a shared machine
    a window then has a better chance of measuring the server rather than the neighbours."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        busy0, ours0 = _machine_busy_seconds(), cluster.cpu() + _generator_cpu(swarm)
        await asyncio.sleep(1.0)
        ours = cluster.cpu() + _generator_cpu(swarm) - ours0
        if _machine_busy_seconds() - busy0 - ours < OTHERS_QUIET:
            return


def _generator_cpu(swarm: Bots) -> float:
    """CPU seconds of the bots: this process and any other the generator runs (Node)."""
    return own_cpu_seconds() + sum(proc_cpu_seconds(pid) for pid in swarm.helper_pids)


def _generator_wait(swarm: Bots) -> float:
    return proc_wait_seconds("self") + sum(proc_wait_seconds(pid) for pid in swarm.helper_pids)


async def _oversleep(samples: list[float], period: float = 0.01) -> None:
    """The bots' own loop lag: how late a 10 ms sleep wakes up (is the generator keeping up?)."""
    loop = asyncio.get_running_loop()
    while True:
        start = loop.time()
        await asyncio.sleep(period)
        samples.append(loop.time() - start - period)


async def measure(
    cluster: Cluster,
    kind: str,
    swarm: Bots,
    probe: Probe,
    idle_rtt: float,
    seconds: float,
    quiet_wait: float = 0.0,
) -> Window:
    if quiet_wait > 0:
        await quiet(cluster, swarm, quiet_wait)
    stats = swarm.stats
    metrics0 = await scrape(cluster, kind)
    wait0 = cluster.wait(), _generator_wait(swarm)
    await swarm.begin()
    cpu0, bot0, t0 = cluster.cpu(), _generator_cpu(swarm), time.monotonic()
    oversleeps: list[float] = []
    monitor = asyncio.create_task(_oversleep(oversleeps))
    await asyncio.sleep(seconds)
    cpu1, bot1, t1 = cluster.cpu(), _generator_cpu(swarm), time.monotonic()
    await swarm.end()
    monitor.cancel()
    wait1 = cluster.wait(), _generator_wait(swarm)
    metrics1 = await scrape(cluster, kind)
    lags, errors = probe.between(t0, t1)
    return Window(
        window=t1 - t0,
        bots=len(swarm.bots),
        server_cpu=cpu1 - cpu0,
        bot_cpu=bot1 - bot0,
        server_wait=wait1[0] - wait0[0],
        bot_wait=wait1[1] - wait0[1],
        updates=stats.updates,
        frames=stats.frames,
        acks=stats.acks,
        latencies=list(stats.latencies),
        lags=lags,
        probe_errors=errors,
        idle_rtt=idle_rtt,
        lost=stats.lost,
        refusals=stats.refusals + swarm.connect_refusals,
        bot_lags=oversleeps + stats.lags,
        received=stats.received,
        extensions=Counter(swarm.extensions),
        metrics={
            name: value if name == TICK_MAX else value - metrics0.get(name, 0.0)
            for name, value in metrics1.items()
        },
    )


# -- servers --------------------------------------------------------------------------------


@dataclass(slots=True)
class VenueSetup:
    """How venue is started in a scenario: its folder, database, clock and processes."""

    folder: Path
    database: str
    env: dict[str, str] = field(default_factory=dict)
    processes: int = 1
    redis: str = ""
    profile: Path | None = None  # where profile_server.py writes the window's profile


def target(kind: str, port: int, opts: Options, setup: VenueSetup) -> Target:
    pin = ("taskset", "-c", str(SERVER_CORE))
    if kind == "venue":
        interpreter = venue_python(opts.venue_root)
        python = [interpreter, "-m", "venue"]
        if opts.profile is not None:  # cProfile, switched on for the window only
            python = [interpreter, str(HERE / "profile_server.py"), str(setup.profile)]
        command = [
            *(*pin, *python, "serve", "--venue", str(setup.folder)),
            *("--port", str(port), "--database", setup.database),
        ]
        if setup.redis:
            command += ["--redis", setup.redis]
        env = {
            "VENUE_SECRET_KEY": SECRET,
            "VENUE_LOG_LEVEL": "WARNING",
            "VENUE_TICK_HZ": str(opts.tick),
            **opts.venue_env,
            **setup.env,
        }
        return Target(kind, command, env, SocketIO(), joins=True, cwd=opts.venue_root)
    if kind == "raw":
        script = str(HERE / "baseline_server.py")
        command = [*pin, sys.executable, script, "--port", str(port), "--tick", str(opts.tick)]
        return Target(kind, command, {}, RawJSON(), joins=False)
    if kind == "sio":
        command = [*pin, sys.executable, str(HERE / "relay_socketio.py"), "--port", str(port)]
        return Target(kind, command, {}, Relay(), joins=False)
    if kind == "node":
        command = [*pin, "node", str(HERE / "relay_node.js"), "--port", str(port)]
        return Target(kind, command, {"NODE_ENV": "production"}, Relay(), joins=False)
    raise ValueError(kind)


def venue_python(root: Path) -> str:
    """The interpreter that runs venue from `root`: its own .venv (its dependencies), started
    in `root` so that `-m venue` imports that checkout."""
    return sys.executable if root == ROOT else str(root / ".venv" / "bin" / "python")


@contextlib.asynccontextmanager
async def serving(
    kind: str, opts: Options, setup: VenueSetup, logs: Path, label: str
) -> AsyncIterator[tuple[Target, Cluster]]:
    """Start the server (venue: `setup.processes` of them, one after the other) and stop it."""
    count = setup.processes if kind == "venue" else 1
    async with contextlib.AsyncExitStack() as stack:
        cluster = Cluster([], [])
        first: Target | None = None
        for n in range(count):
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            server = target(kind, port, opts, setup)
            log = logs / f"{label}-{kind}-{n}.log"
            try:
                pid = await stack.enter_async_context(running(server, base, log))
            except Exception:
                print(f"--- {log} ---\n{log.read_text()[-3000:]}", file=sys.stderr)
                raise
            cluster.pids.append(pid)
            cluster.bases.append(base)
            first = first or server
        assert first is not None
        yield first, cluster


@contextlib.asynccontextmanager
async def probing(kind: str, base: str) -> AsyncIterator[tuple[Probe, float]]:
    """The lag probe against a server that carries no load yet; yields it and the idle RTT."""
    probe = Probe(base + PROBE_PATH[kind])
    await probe.start()
    try:
        start = time.monotonic()
        await asyncio.sleep(1.0)
        idle, _ = probe.between(start, time.monotonic())
        yield probe, statistics.median(idle) if idle else 0.0
    finally:
        await probe.stop()


@dataclass(slots=True)
class Shared:
    """What venue's run hands to the baselines of the same scenario: maps and spawns."""

    grids: dict[str, Grid] = field(default_factory=dict)
    spawns: dict[int, tuple[int, int]] = field(default_factory=dict)


async def fetch_grids(base: str, spaces: Sequence[str], shared: Shared) -> None:
    for space in spaces:
        if space not in shared.grids:
            shared.grids[space] = await fetch_grid(base, space)


async def tokens_for(
    kind: str, base: str, count: int, first_address: int, spaces: Sequence[str], shared: Shared
) -> list[str | None]:
    if kind != "venue":
        if not shared.grids:
            raise RuntimeError("the baselines need venue's maps: run venue first (--servers)")
        return [None] * count
    await fetch_grids(base, spaces, shared)
    return await join_all(base, count, first_address)


def make_bots(
    opts: Options,
    dialect: Dialect,
    grids: dict[str, Grid],
    observers: int,
    observe_every: int,
    packed: bool,
) -> Bots:
    """The bots of a run: the bare ones (`bots.py`) or socket.io clients in Node (`--bots`)."""
    kind = NodeSwarm if opts.bots == "node" else Swarm
    return kind(
        dialect,
        grids,
        observers,
        observe_every=observe_every,
        walking=0.3,
        deflate=opts.deflate,
        span=PACKED_SPAN if packed else None,
    )


# -- S1, S2: steady state -------------------------------------------------------------------


@dataclass(slots=True)
class Steady:
    scenario: str
    server: str
    people: int
    window: Window
    rss_kb_per_conn: float  # connected, idle
    rss_kb_per_conn_walking: float  # after the warm-up, walking
    processes: int = 1
    connected: int = 0
    postgres: bool = False


async def steady(
    kind: str, scenario: Scenario, opts: Options, setup: VenueSetup, shared: Shared, logs: Path
) -> Steady:
    plan = scenario.plan()
    n = scenario.people
    label = scenario.name + (f"-p{setup.processes}" if setup.processes > 1 else "")
    async with contextlib.AsyncExitStack() as stack:
        server, cluster = await stack.enter_async_context(serving(kind, opts, setup, logs, label))
        probe, idle = await stack.enter_async_context(probing(kind, cluster.bases[0]))
        tokens = await tokens_for(kind, cluster.bases[0], n, 2, sorted(scenario.layout), shared)
        observe_every = max(1, n // opts.observers)
        swarm = make_bots(
            opts, server.dialect, shared.grids, opts.observers, observe_every, scenario.packed
        )
        swarm.spaces.update(plan)
        swarm.spawns.update(shared.spawns)
        rss0 = cluster.rss_kb()
        stop = asyncio.Event()
        await swarm.connect(cluster.bases, tokens)
        gc.freeze()  # what is alive now stays: no collection walks through it while measuring
        await asyncio.sleep(1.0)
        rss1 = cluster.rss_kb()  # connected, nobody walking yet: what connections cost
        walker = asyncio.create_task(swarm.walk(scenario.hz, stop))
        try:
            await asyncio.sleep(opts.warmup)
            rss2 = cluster.rss_kb()  # walking: with what overload queues up
            profiling = kind == "venue" and opts.profile is not None
            if profiling:
                os.kill(cluster.pids[0], signal.SIGUSR1)  # profile_server.py: start
            window = await measure(cluster, kind, swarm, probe, idle, opts.seconds, opts.quiet_wait)
            if profiling:
                os.kill(cluster.pids[0], signal.SIGUSR2)  # profile_server.py: stop and write
                await asyncio.sleep(1.0)
                _say(f"  profile written to {setup.profile}")
        finally:
            stop.set()
            await walker
            await swarm.close()
    if kind == "venue":
        shared.spawns.update(swarm.spawns)
    connected = len(swarm.bots)
    return Steady(
        scenario.name,
        kind,
        n,
        window,
        (rss1 - rss0) / max(connected, 1),
        (rss2 - rss0) / max(connected, 1),
        setup.processes if kind == "venue" else 1,
        connected,
        kind == "venue" and setup.database.startswith("postgresql"),
    )


# -- S4: ramp -------------------------------------------------------------------------------


@dataclass(slots=True)
class Step:
    people: int
    window: Window
    lost_share: float
    verdict: str  # "ok", or what broke the service level
    counted: bool = True  # False: the bots, not the server, were saturated

    @property
    def ok(self) -> bool:
        return self.verdict == "ok"


@dataclass(slots=True)
class Ramp:
    server: str
    steps: list[Step]
    end: str  # why the ramp stopped
    scenario: str = "S4"  # or S6, packed

    @property
    def capacity(self) -> int:
        passed = [s.people for s in self.steps if s.ok]
        return max(passed, default=0)

    @property
    def failed_at(self) -> int | None:
        failed = [s.people for s in self.steps if not s.ok and s.counted]
        return min(failed, default=None)

    @property
    def bounded_by_generator(self) -> bool:
        return self.end.startswith("generator") or self.end.startswith("limit")


def ramp_sizes(opts: Options) -> list[int]:
    sizes = [opts.ramp_start]
    while True:
        following = round(sizes[-1] * opts.ramp_factor / 10.0) * 10
        following = max(following, sizes[-1] + 10)
        if following > opts.ramp_max:
            return sizes
        sizes.append(following)


def verdict(window: Window, lost_share: float) -> str:
    broken = []
    if not window.latencies:
        broken.append("no update seen")
    elif window.latency_ms(0.99) > MAX_P99_S * 1000:
        broken.append(f"p99 {window.latency_ms(0.99):.0f} ms")
    if window.probe_errors or window.lag_ms(0.99) > MAX_LAG_S * 1000:
        broken.append(f"lag p99 {window.lag_ms(0.99):.0f} ms")
    if lost_share > MAX_LOST:
        broken.append(f"{lost_share * 100:.1f} % disconnected")
    return ", ".join(broken) or "ok"


async def ramp(
    kind: str, opts: Options, setup: VenueSetup, shared: Shared, logs: Path, name: str = "S4"
) -> Ramp:
    """S4 (spread) or S6 (packed: the same in a venue copy without chairs, walks of a tile)."""
    sizes = ramp_sizes(opts)
    steps: list[Step] = []
    end = f"limit: --ramp-max {opts.ramp_max} reached"
    async with contextlib.AsyncExitStack() as stack:
        server, cluster = await stack.enter_async_context(serving(kind, opts, setup, logs, name))
        probe, idle = await stack.enter_async_context(probing(kind, cluster.bases[0]))
        swarm = make_bots(opts, server.dialect, shared.grids, 40, 10, name == "S6")
        swarm.spaces.update(dict.fromkeys(range(sizes[-1]), "plenary"))
        swarm.spawns.update(shared.spawns)
        stop = asyncio.Event()
        walker: asyncio.Task[None] | None = None
        base = cluster.bases[0]
        have = 0  # bots tried so far
        address = 2  # the next loopback address to join from (127.0.0.2, .3, …)
        try:
            for n in sizes:
                tokens = await tokens_for(kind, base, n - have, address, ["plenary"], shared)
                await swarm.connect(cluster.bases, tokens, first=have)
                address += addresses_for(n - have)
                have = n
                if walker is None:
                    walker = asyncio.create_task(swarm.walk(5.0, stop))
                gc.freeze()
                await asyncio.sleep(2.0)
                for _attempt in range(1 + NOISY_RETRIES):
                    window = await measure(
                        cluster, kind, swarm, probe, idle, opts.ramp_seconds, opts.quiet_wait
                    )
                    lost_share = (swarm.lost + _failed(swarm)) / n
                    step = Step(n, window, lost_share, verdict(window, lost_share))
                    if step.ok or max(window.wait_pct) <= WAIT_WARN:
                        break
                    print(
                        f"    {step_row(kind, step, name)} (other load: measured again)",
                        file=sys.stderr,
                    )
                steps.append(step)
                print(f"    {step_row(kind, step, name)}", file=sys.stderr, flush=True)
                # late bots that waited for their core lag because of the neighbours, not
                # because they cannot keep up: that is noise (measured again above), not the end
                generator = window.bot_cpu_pct > BOT_CPU_LIMIT or (
                    quantile_ms(window.bot_lags, 0.99) > BOT_LAG_LIMIT_S * 1000
                    and window.wait_pct[1] <= WAIT_WARN
                )
                if not step.ok and generator and window.server_cpu_pct < SERVER_BUSY:
                    step.verdict = f"not counted, bots saturated ({step.verdict})"
                    step.counted = False
                    end = f"generator saturated at {n} ({window.bot_cpu_pct:.0f} % CPU)"
                    break
                if not step.ok:
                    end = f"service level broken at {n}: {step.verdict}"
                    break
                if generator:
                    end = f"generator saturated at {n} ({window.bot_cpu_pct:.0f} % CPU)"
                    break
        finally:
            stop.set()
            if walker is not None:
                await walker
            await swarm.close()
    if kind == "venue":
        shared.spawns.update(swarm.spawns)
    return Ramp(kind, steps, end, name)


def _failed(swarm: Bots) -> int:
    return sum(swarm.connect_refusals.values()) + swarm.connect_errors


# -- S3: transition -------------------------------------------------------------------------


@dataclass(slots=True)
class Transition:
    moved: int
    connected: int
    arrivals: list[float]
    ack: float | None
    before: Window  # the others, steady, just before T0
    during: Window  # the others, from T0 until everyone arrived (at least 3 s)

    def ms(self, q: float) -> float:
        return quantile_ms(self.arrivals, q)


async def transition(opts: Options, setup: VenueSetup, shared: Shared, logs: Path) -> Transition:
    others = Scenario("S3", "others", dict(S3_OTHERS))
    plan = {i: "plenary" for i in range(S3_MOVED)}
    plan.update({S3_MOVED + i: space for i, space in others.plan().items()})
    people = await seed(setup.folder, setup.database, S3_MOVED)
    arrivals = Arrivals({i: WORKSHOPS[i % 2] for i in range(S3_MOVED)})
    async with serving("venue", opts, setup, logs, "S3") as (server, cluster):
        base = cluster.bases[0]
        async with probing("venue", base) as (probe, idle):
            spaces = sorted({*plan.values(), *WORKSHOPS})  # the moved walk on there
            guests = await tokens_for("venue", base, others.people, 2, spaces, shared)
            swarm = Swarm(
                server.dialect,
                shared.grids,
                0,
                on_snapshot=arrivals,
                walking=0.3,
                deflate=opts.deflate,
            )
            swarm.spaces.update(plan)
            connector = aiohttp.TCPConnector(limit=0)
            async with aiohttp.ClientSession(connector=connector) as session:
                moderator = await Moderator.connect(session, base, people.moderator)
                stop = asyncio.Event()
                await swarm.connect(cluster.bases, [*people.tokens, *guests])
                for bot in swarm.bots:  # latency is sampled by every 10th of the others only
                    bot.observer = bot.index >= S3_MOVED and bot.index % 10 == 0
                gc.freeze()
                walker = asyncio.create_task(swarm.walk(5.0, stop))
                try:
                    await asyncio.sleep(opts.warmup)
                    before = await measure(cluster, "venue", swarm, probe, idle, 5.0)
                    moved = sum(1 for bot in swarm.bots if bot.index < S3_MOVED)
                    arrivals.arm(moved)
                    during_task = asyncio.create_task(
                        measure(cluster, "venue", swarm, probe, idle, 3.0)
                    )
                    await asyncio.sleep(0)  # the window opens before T0
                    if opts.profile is not None:
                        os.kill(cluster.pids[0], signal.SIGUSR1)  # profile_server.py: start
                    t0 = await moderator.start_next(2)
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(10.0):
                            await arrivals.all_in.wait()
                            await moderator.acked.wait()
                    if opts.profile is not None:
                        os.kill(cluster.pids[0], signal.SIGUSR2)  # profile_server.py: write
                        _say(f"  profile of the transition written to {setup.profile}")
                    during = await during_task
                finally:
                    stop.set()
                    await walker
                    await moderator.close()
                    await swarm.close()
    return Transition(
        moved=S3_MOVED,
        connected=moved,
        arrivals=sorted(at - t0 for at in arrivals.at.values()),
        ack=moderator.ack_at - t0 if moderator.acked.is_set() else None,
        before=before,
        during=during,
    )


# -- running everything ---------------------------------------------------------------------


@dataclass(slots=True)
class Results:
    steady: list[Steady] = field(default_factory=list)
    ramps: list[Ramp] = field(default_factory=list)
    transition: Transition | None = None
    notes: list[str] = field(default_factory=list)


@contextlib.asynccontextmanager
async def venue_setup(
    opts: Options,
    tmp: Path,
    name: str,
    env: Mapping[str, str] | None = None,
    processes: int = 0,
    packed: bool = False,
    **copy: str,
) -> AsyncIterator[VenueSetup]:
    """A venue copy with room for every scenario and a fresh database: SQLite, or PostgreSQL
    with `processes` (1 or more: the scale-out comparison; above 1 sharing over Redis).
    `packed`: a copy without chairs, so that venue lands every arrival at the entry."""
    folder = tmp / f"venue-{name}-{processes}"
    profile = opts.profile / f"{name}-venue.pstats" if opts.profile is not None else None
    spaces = ("lobby", "plenary", *WORKSHOPS, "exhibition", "bar")
    copy_venue(opts.venue, folder, dict.fromkeys(spaces, CAPACITY), **copy)
    if packed:
        remove_chairs(folder)
    if processes:
        database = f"bench_{os.getpid()}_{name.lower()}_{processes}"
        pg = shlex.split(opts.postgres)
        await _command("createdb", *pg, database)
        try:
            url = f"postgresql://postgres@127.0.0.1:5432/{database}"
            redis = opts.redis if processes > 1 else ""
            yield VenueSetup(folder, url, dict(env or {}), processes, redis, profile)
        finally:
            await _command("dropdb", *pg, "--if-exists", database)
    else:
        database = f"sqlite+aiosqlite:///{tmp}/{name}.sqlite3"
        yield VenueSetup(folder, database, dict(env or {}), profile=profile)


def remove_chairs(folder: Path) -> None:
    """Take the `seat` property off every tileset of a venue copy: with no chair to hand out,
    venue puts each arrival on a free tile of the space's entry or the nearest one beside it
    (`Map.spot_in`), so a crowd stands packed around the entry, as after a transition."""
    for tileset in folder.rglob("*.tsj"):
        data = json.loads(tileset.read_text())
        for tile in data.get("tiles", []):
            props = tile.get("properties", [])
            tile["properties"] = [p for p in props if p.get("name") != "seat"]
        tileset.write_text(json.dumps(data))


async def _command(*args: str) -> None:
    proc = await asyncio.create_subprocess_exec(*args)
    if await proc.wait():
        raise RuntimeError(f"{shlex.join(args)} failed with {proc.returncode}")


def code_fingerprint(root: Path = ROOT) -> str:
    """venue/'s tree in the commit and a digest of its uncommitted changes: every server start
    loads the working tree, so a change during the run mixes code versions."""
    head = subprocess.run(
        ["git", "rev-parse", "HEAD:venue"], cwd=root, capture_output=True, text=True, check=False
    ).stdout.strip()
    diff = subprocess.run(
        ["git", "diff", "HEAD", "--", "venue"], cwd=root, capture_output=True, check=False
    ).stdout
    return f"{head[:9]}+{hashlib.sha1(diff).hexdigest()[:8]}"


async def run_all(opts: Options) -> Results:
    results = Results()
    before = code_fingerprint(opts.venue_root)
    try:
        await _run_all(opts, results)
    finally:
        after = code_fingerprint(opts.venue_root)
        if after != before:
            results.notes.append(
                f"venue's code changed during the run ({before} → {after}: venue/'s tree + digest "
                "of uncommitted changes): servers started later ran other code. Run again."
            )
    return results


@contextlib.contextmanager
def clean_heap() -> Iterator[None]:
    """The bots' process starts each server's run on a collected heap and, after it, unfreezes
    what the run froze (`gc.freeze` once connected): a collection of a heap left over from an
    earlier run can stall the bots for hundreds of milliseconds in the middle of a window."""
    gc.collect()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.collect()


async def _run_all(opts: Options, results: Results) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-") as tmpdir:
        tmp = Path(tmpdir)
        logs = opts.logs or tmp
        async with asyncio.timeout(opts.time_limit):
            for name in opts.scenarios:
                shared = Shared()
                if name in ("S1", "S2", "S5"):
                    scenario = {"S1": S1, "S2": S2, "S5": S5}[name]
                    if opts.processes > 1:  # scale-out: 1 and N venue processes, PostgreSQL
                        for count in (1, opts.processes):
                            _say(f"{name} {scenario.title}: venue, {count} process(es) …")
                            async with venue_setup(opts, tmp, name, processes=count) as setup:
                                with clean_heap():
                                    run = await steady("venue", scenario, opts, setup, shared, logs)
                            results.steady.append(run)
                            _say("  " + steady_row(run))
                        continue
                    async with venue_setup(opts, tmp, name, packed=scenario.packed) as setup:
                        for kind in opts.servers:
                            _say(f"{name} {scenario.title}: {LABELS[kind]} …")
                            with clean_heap():
                                run = await steady(kind, scenario, opts, setup, shared, logs)
                            results.steady.append(run)
                            _say("  " + steady_row(run))
                elif name == "S3":
                    if "venue" not in opts.servers:
                        continue
                    _say("S3 transition: 400 from the plenary to the workshops (venue) …")
                    env = {"VENUE_CLOCK": CLOCK, "VENUE_SPEED": "1"}
                    async with venue_setup(opts, tmp, name, env, unassigned="choose") as setup:
                        with clean_heap():
                            results.transition = await transition(opts, setup, shared, logs)
                    _say("  " + transition_summary(results.transition))
                elif name in ("S4", "S6"):
                    packed = name == "S6"
                    async with venue_setup(opts, tmp, name, packed=packed) as setup:
                        for kind in opts.servers:
                            how = "packed around its entry" if packed else "spread"
                            _say(f"{name} ramp in the plenary, {how}: {LABELS[kind]} …")
                            with clean_heap():
                                run = await ramp(kind, opts, setup, shared, logs, name)
                                results.ramps.append(run)
                            _say(
                                f"  capacity {results.ramps[-1].capacity}: {results.ramps[-1].end}"
                            )


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# -- report ---------------------------------------------------------------------------------


def steady_row(r: Steady) -> str:
    w = r.window
    who = LABELS[r.server]
    if r.postgres:
        who += f" x{r.processes} (PostgreSQL{', Redis' if r.processes > 1 else ''})"
    n = f"{r.people}" if r.connected == r.people else f"{r.people} ({r.connected} in)"
    cells = [
        r.scenario,
        who,
        n,
        f"{w.updates_per_s:,.0f}",
        f"{w.cpu_us_per_update:.2f}",
        f"{w.server_cpu_pct:.0f}",
        f"{r.rss_kb_per_conn:.0f} / {r.rss_kb_per_conn_walking:.0f}",
        f"{w.latency_ms(0.5):.0f}",
        f"{w.latency_ms(0.99):.0f}",
        f"{w.lag_ms(0.99):.0f}",
        "{:.0f} / {:.0f}".format(*w.tick_ms()) if w.metrics else "—",
        str(w.lost + sum(w.refusals.values())),
        f"{w.bot_cpu_pct:.0f} / {quantile_ms(w.bot_lags, 1.0):.0f}",
        "{:.0f} / {:.0f}".format(*w.wait_pct),
        f"{w.egress_kb_per_client_s:.1f}",
        w.extension,
    ]
    return "| " + " | ".join(cells) + " |"


STEADY_HEADER = (
    "| scenario | server | people | updates delivered/s | server CPU µs/update | server CPU % "
    "| RSS KB/conn idle / walking | latency p50 ms | latency p99 ms | loop lag p99 ms "
    "| venue tick mean / max ms | lost + refused | bot CPU % / lag max ms "
    "| CPU wait % server/bots | egress KB/client/s | extension agreed |"
)


def step_row(kind: str, s: Step, scenario: str = "S4") -> str:
    w = s.window
    cells = [
        scenario,
        LABELS[kind],
        str(s.people),
        f"{w.updates_per_s:,.0f}",
        f"{w.server_cpu_pct:.0f}",
        f"{w.latency_ms(0.99):.0f}",
        f"{w.lag_ms(0.99):.0f}",
        "{:.0f} / {:.0f}".format(*w.tick_ms()) if w.metrics else "—",
        f"{s.lost_share * 100:.2f}",
        f"{w.bot_cpu_pct:.0f}",
        "{:.0f} / {:.0f}".format(*w.wait_pct),
        f"{w.egress_kb_per_client_s:.1f}",
        w.extension,
        s.verdict,
    ]
    return "| " + " | ".join(cells) + " |"


STEP_HEADER = (
    "| ramp | server | people | updates delivered/s | server CPU % | latency p99 ms "
    "| loop lag p99 ms | venue tick mean / max ms | lost % | bot CPU % | CPU wait % server/bots "
    "| egress KB/client/s | extension agreed | service level |"
)


def transition_summary(t: Transition) -> str:
    ack = f"{t.ack * 1000:.0f} ms" if t.ack is not None else "none"
    return (
        f"{len(t.arrivals)}/{t.connected} snapshots, p50 {t.ms(0.5):.0f} ms, "
        f"p99 {t.ms(0.99):.0f} ms, max {t.ms(1.0):.0f} ms; ack {ack}; others' p99 "
        f"{t.before.latency_ms(0.99):.0f} → {t.during.latency_ms(0.99):.0f} ms"
    )


Figure = tuple[str, str, Callable[[Steady], float], str]
STEADY_FIGURES: list[Figure] = [
    ("updates delivered/s", "{:,.0f}", lambda r: r.window.updates_per_s, "higher"),
    ("server CPU µs per delivered update", "{:.2f}", lambda r: r.window.cpu_us_per_update, "lower"),
    ("RSS KB per connection", "{:.0f}", lambda r: r.rss_kb_per_conn, "lower"),
    ("latency p50 ms", "{:.0f}", lambda r: r.window.latency_ms(0.5), "lower"),
    ("latency p99 ms", "{:.0f}", lambda r: r.window.latency_ms(0.99), "lower"),
    ("loop lag p99 ms", "{:.0f}", lambda r: r.window.lag_ms(0.99), "lower"),
    (
        "egress KB per client and second",
        "{:.1f}",
        lambda r: r.window.egress_kb_per_client_s,
        "lower",
    ),
]


def _ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b != b or a != a:
        return "—"
    if b == 0:
        return "—" if a == 0 else "∞"
    return f"{a / b:.2f}x"


def main_table(results: Results, servers: Sequence[str]) -> list[str]:
    baselines = [s for s in servers if s != "venue"]
    head = ["scenario", "figure", *(LABELS[s] for s in servers)]
    head += [f"venue ÷ {LABELS[b].removesuffix(' relay')}" for b in baselines]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def row(scenario: str, figure: str, values: Mapping[str, float | None], fmt: str) -> None:
        cells = [scenario, figure]
        for s in servers:
            v = values.get(s)
            cells.append("—" if v is None or v != v else fmt.format(v))
        venue = values.get("venue")
        cells += [_ratio(venue, values.get(b)) for b in baselines]
        lines.append("| " + " | ".join(cells) + " |")

    for name in ("S1", "S2", "S5"):
        runs = {r.server: r for r in results.steady if r.scenario == name and r.processes == 1}
        if not runs:
            continue
        for figure, fmt, get, _better in STEADY_FIGURES:
            row(name, figure, {s: get(r) for s, r in runs.items()}, fmt)
        extensions = {s: r.window.extension for s, r in runs.items()}
        lines.append(
            f"| {name} | extension agreed | "
            + " | ".join(extensions.get(s, "—") for s in servers)
            + " |" * (len(baselines) + 1)
        )
    t = results.transition
    if t is not None:
        row("S3", "snapshot after T0, p99 ms", {"venue": t.ms(0.99)}, "{:.0f}")
        row("S3", "others' latency p99 ms, steady → during", {}, "")
        lines[-1] = lines[-1].replace(
            "| — |", f"| {t.before.latency_ms(0.99):.0f} → {t.during.latency_ms(0.99):.0f} |", 1
        )
    for name in ("S4", "S6"):
        ramps = [r for r in results.ramps if r.scenario == name]
        if not ramps:
            continue
        values: dict[str, float | None] = {r.server: float(r.capacity) for r in ramps}
        row(name, "capacity at the service level (people)", values, "{:,.0f}")
        at_capacity = {r.server: _egress_at_capacity(r) for r in ramps}
        row(name, "egress KB per client and second at capacity", at_capacity, "{:.1f}")
    return lines


def _egress_at_capacity(r: Ramp) -> float | None:
    passed = [s for s in r.steps if s.ok]
    return passed[-1].window.egress_kb_per_client_s if passed else None


def targets(results: Results) -> list[str]:
    """Issue 7's targets, each met or missed, and by how much."""
    out: list[str] = []

    def check(
        what: str, value: float | None, goal: float, higher: bool, at_least: bool = False
    ) -> None:
        if value is None or value != value:
            out.append(f"- {what}: not measured in this run.")
            return
        met = value >= goal if higher else value <= goal
        verb = "met" if met else "**missed**"
        if at_least and not met:  # the bots saturated before the server broke the level
            verb = "not decided: the bots saturated first (a bigger generator is needed)"
        more = " or more" if at_least else ""
        goal_text = f"goal {'≥' if higher else '≤'} {goal:g}"
        out.append(f"- {what}: {value:.2f}{more} ({goal_text}): {verb}.")

    for name, goals in (
        ("S4", (("node", 2.0), ("sio", 10.0))),
        ("S6", (("node", 5.0), ("sio", 10.0))),
    ):
        caps = {r.server: r for r in results.ramps if r.scenario == name}
        venue = caps.get("venue")
        bounded = venue is not None and venue.bounded_by_generator
        if name == "S6":  # issue 14: 1,500 in one packed space
            capacity = venue.capacity if venue else None
            check("S6 packed capacity, venue (people)", capacity, 1500, True, bounded)
        for base, goal in goals:
            other = caps.get(base)
            value = venue.capacity / other.capacity if venue and other and other.capacity else None
            check(f"{name} capacity, venue ÷ {LABELS[base]}", value, goal, True, bounded)
    for name in ("S1", "S2", "S5"):
        runs = {r.server: r for r in results.steady if r.scenario == name and r.processes == 1}
        v, raw = runs.get("venue"), runs.get("raw")
        cpu = v.window.cpu_us_per_update / raw.window.cpu_us_per_update if v and raw else None
        rss = v.rss_kb_per_conn / raw.rss_kb_per_conn if v and raw and raw.rss_kb_per_conn else None
        check(f"{name} server CPU per delivered update, venue ÷ raw aiohttp", cpu, 1.5, False)
        check(f"{name} RSS per connection, venue ÷ raw aiohttp", rss, 2.0, False)
    t = results.transition
    check("S3 snapshot p99, seconds", t.ms(0.99) / 1000 if t else None, 1.0, False)
    return out


def _load_line(results: Results) -> list[str]:
    """How much the neighbours took: the median run-queue wait of every window."""
    windows = [r.window for r in results.steady] + [
        s.window for r in results.ramps for s in r.steps
    ]
    if not windows:
        return []
    server = statistics.median(w.wait_pct[0] for w in windows)
    bots = statistics.median(w.wait_pct[1] for w in windows)
    verdict = (
        "a quiet machine" if max(server, bots) <= WAIT_WARN else "**a shared, loaded machine**"
    )
    return [
        f"Load: the windows waited for a CPU {server:.0f} % (server) / {bots:.0f} % (bots) of "
        f"their time (median): {verdict}."
    ]


def warnings(results: Results) -> list[str]:
    notes = list(results.notes)
    windows: list[tuple[str, Window]] = [
        (f"{r.scenario} {LABELS[r.server]}", r.window) for r in results.steady if r.processes == 1
    ]
    for r in results.steady:
        if r.processes > 1:
            notes.append(
                f"{r.scenario} venue x{r.processes}: the processes share core {SERVER_CORE}, so "
                f"their CPU wait ({r.window.wait_pct[0]:.0f} %) is mostly each other's turn; "
                f"the bots waited {r.window.wait_pct[1]:.0f} %."
            )
    for r in results.ramps:
        windows += [(f"{r.scenario} {LABELS[r.server]} at {s.people}", s.window) for s in r.steps]
    if results.transition is not None:
        windows += [("S3 before T0", results.transition.before)]
        windows += [("S3 from T0", results.transition.during)]
    for who, w in windows:
        if max(w.wait_pct) > WAIT_WARN:
            notes.append(
                f"{who}: waited for a CPU {w.wait_pct[0]:.0f} % (server) / {w.wait_pct[1]:.0f} % "
                "(bots) of the window: another load shared the cores; figures are suspect."
            )
        if w.bot_cpu_pct > BOT_CPU_LIMIT:
            notes.append(f"{who}: the bots used {w.bot_cpu_pct:.0f} % of their core.")
        if w.refusals:
            codes = ", ".join(f"{code}: {k}" for code, k in w.refusals.most_common())
            notes.append(f"{who}: refusals: {codes}.")
        if w.lost:
            notes.append(f"{who}: {w.lost} connections closed by the server.")
        if w.probe_errors:
            notes.append(f"{who}: {w.probe_errors} probe requests failed.")
    return notes


def report(results: Results, opts: Options, argv: Sequence[str]) -> str:
    servers = [s for s in SERVERS if s in opts.servers]
    command = shlex.join([".venv/bin/python", "benchmarks/bench.py", *argv])
    load = os.getloadavg()
    lines = [
        f"# Benchmark (issues 7, 14), {date.today().isoformat()}",
        "",
        f"Command: `{command}`  ",
        f"Machine: {_cpu_model()}, {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}, "
        f"Node {_node_version()}; server on core {SERVER_CORE}, bots and probe on core "
        f"{BOT_CORE}; load average at the end {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}.  ",
        f"Code: {_git_state()}.  ",
        f"Windows: {opts.seconds:g} s after {opts.warmup:g} s warm-up (S4: "
        f"{opts.ramp_seconds:g} s per step, x{opts.ramp_factor:g} from {opts.ramp_start}); "
        f"venue ticks at {opts.tick:g} Hz. Noise is about ±25 %: compare ratios.  ",
        f"Bots: {BOT_KINDS[opts.bots]}, "
        + ("offering permessage-deflate as Chromium does" if opts.deflate else "no extension")
        + f". Venue from {opts.venue_root}"
        + (f" ({code_fingerprint(opts.venue_root)})" if opts.venue_root != ROOT else "")
        + "".join(f", {name}={value}" for name, value in opts.venue_env.items())
        + ".",
        *_load_line(results),
        "",
        *main_table(results, servers),
        "",
        "Targets (issues 7 and 14):",
        "",
        *targets(results),
    ]
    if results.steady:
        lines += [
            "",
            "## S1, S2, S5: every run",
            "",
            STEADY_HEADER,
            "|" + "---|" * (STEADY_HEADER.count(" | ") + 1),
            *(steady_row(r) for r in results.steady),
        ]
        lines += scale_out(results)
    if results.transition is not None:
        t = results.transition
        lines += [
            "",
            "## S3: transition",
            "",
            f"{S3_MOVED} registered participants in the plenary (half per workshop) and "
            f"{sum(S3_OTHERS.values())} guests elsewhere ({_layout(S3_OTHERS)}), "
            "30 % of everyone walking at 5 Hz; at T0 a moderator sends "
            '`mod.start_next {"block": 2}` (the workshops, rehearsal clock at 13:20) and the '
            'guests stay (`unassigned = "choose"`).',
            "",
            "| moved | got snapshot | p50 ms | p95 ms | p99 ms | max ms | within 1 s | ack ms "
            "| others' p99 before ms | others' p99 during ms | lag p99 before / during ms "
            "| server CPU % during | CPU wait % server/bots during "
            "| bot CPU % / lag max ms during |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
            "| "
            + " | ".join(
                [
                    str(t.connected),
                    str(len(t.arrivals)),
                    f"{t.ms(0.5):.0f}",
                    f"{t.ms(0.95):.0f}",
                    f"{t.ms(0.99):.0f}",
                    f"{t.ms(1.0):.0f}",
                    str(sum(a <= 1.0 for a in t.arrivals)),
                    f"{t.ack * 1000:.0f}" if t.ack is not None else "none",
                    f"{t.before.latency_ms(0.99):.0f}",
                    f"{t.during.latency_ms(0.99):.0f}",
                    f"{t.before.lag_ms(0.99):.0f} / {t.during.lag_ms(0.99):.0f}",
                    f"{t.during.server_cpu_pct:.0f}",
                    "{:.0f} / {:.0f}".format(*t.during.wait_pct),
                    f"{t.during.bot_cpu_pct:.0f} / {quantile_ms(t.during.bot_lags, 1.0):.0f}",
                ]
            )
            + " |",
        ]
    if results.ramps:
        lines += [
            "",
            "## S4, S6: ramps",
            "",
            "One space (the plenary), 30 % walking at 5 Hz (S4: spread over its chairs and rows; "
            f"S6: packed, no chairs, everyone around the entry, walking within {PACKED_SPAN} "
            "tile); people are added "
            f"(x{opts.ramp_factor:g}) until latency p99 > {MAX_P99_S * 1000:.0f} ms, loop lag "
            f"p99 > {MAX_LAG_S * 1000:.0f} ms or more than {MAX_LOST * 100:g} % are disconnected.",
            "",
            "| ramp | server | capacity | first failure | why the ramp ended |",
            "|---|---|---|---|---|",
            *(
                f"| {r.scenario} | {LABELS[r.server]} "
                f"| {r.capacity:,}{' or more' * r.bounded_by_generator} "
                f"| {r.failed_at or '—'} | {r.end} |"
                for r in results.ramps
            ),
            "",
            STEP_HEADER,
            "|" + "---|" * (STEP_HEADER.count(" | ") + 1),
            *(step_row(r.server, s, r.scenario) for r in results.ramps for s in r.steps),
        ]
    notes = warnings(results)
    if notes:
        lines += ["", "Warnings:", "", *(f"- {note}" for note in notes)]
    return "\n".join(lines) + "\n"


def _layout(layout: Mapping[str, int]) -> str:
    return ", ".join(f"{space} {count}" for space, count in layout.items())


def scale_out(results: Results) -> list[str]:
    runs = [r for r in results.steady if r.scenario == "S2" and r.server == "venue"]
    one = next((r for r in runs if r.processes == 1), None)
    many = [r for r in runs if r.processes > 1]
    if not many:
        return []
    lines = [
        "",
        "## S2 scale-out: venue processes sharing presence over Redis",
        "",
        "| processes | server CPU µs/update (all processes) | RSS KB/conn | latency p99 ms "
        "| Redis messages per tick | ratio to 1 process (CPU / RSS / p99) |",
        "|---|---|---|---|---|---|",
    ]
    for r in [*([one] if one else []), *many]:
        w = r.window
        per_tick = "—"
        if w.published is not None:
            per_tick = f"{w.published / (w.window * _TICK_HZ[0]):.1f}"
        ratios = "—"
        if one is not None and r is not one:
            ratios = " / ".join(
                [
                    _ratio(w.cpu_us_per_update, one.window.cpu_us_per_update),
                    _ratio(r.rss_kb_per_conn, one.rss_kb_per_conn),
                    _ratio(w.latency_ms(0.99), one.window.latency_ms(0.99)),
                ]
            )
        lines.append(
            f"| {r.processes} | {w.cpu_us_per_update:.2f} | {r.rss_kb_per_conn:.0f} "
            f"| {w.latency_ms(0.99):.0f} | {per_tick} | {ratios} |"
        )
    lines.append("")
    lines.append(
        f"Every process is pinned to core {SERVER_CORE} (the other core runs the bots), so two "
        "processes show the cost of sharing presence, not a gain in capacity."
    )
    return lines


_TICK_HZ = [10.0]  # set from --tick in main()


def _node_version() -> str:
    try:
        return subprocess.run(
            ["node", "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        return "none"


# -- command line ---------------------------------------------------------------------------


def redis_ready() -> str | None:
    """Why `--processes` cannot run yet, or None when venue has `serve --redis`."""
    help_text = subprocess.run(
        [sys.executable, "-m", "venue", "serve", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    if "--redis" not in help_text:
        return (
            "--processes needs `venue serve --redis URL` (several processes sharing presence "
            "over Redis), which this checkout of venue does not have yet"
        )
    return None


def parse_args(argv: Sequence[str]) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scenario", default=DEFAULT_SCENARIOS, help="any of " + DEFAULT_SCENARIOS)
    parser.add_argument("--servers", default=",".join(SERVERS), help="any of " + ",".join(SERVERS))
    parser.add_argument("--seconds", type=float, default=10.0, help="measured window (S1, S2)")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds before the window")
    parser.add_argument("--tick", type=float, default=10.0, help="venue's and raw's tick (Hz)")
    parser.add_argument("--observers", type=int, default=40, help="bots that sample latency")
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="S2 only: run venue as this many processes sharing presence over Redis "
        "(PostgreSQL database, bots spread over their ports)",
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15", help="for --processes")
    parser.add_argument(
        "--postgres",
        default="-h 127.0.0.1 -U postgres",
        help="createdb/dropdb options for --processes (a database bench_PID_s2 is made)",
    )
    parser.add_argument("--ramp-start", type=int, default=60, help="S4: people at the first step")
    parser.add_argument("--ramp-factor", type=float, default=1.25, help="S4: growth per step")
    parser.add_argument("--ramp-max", type=int, default=3000, help="S4: stop there at the latest")
    parser.add_argument("--ramp-seconds", type=float, default=4.0, help="S4: window per step")
    parser.add_argument("--venue", type=Path, default=ROOT / "maps" / "lausitz-2021")
    parser.add_argument("--logs", type=Path, help="keep the servers' logs in this folder")
    parser.add_argument("--time-limit", type=float, default=1800.0, help="whole run, seconds")
    parser.add_argument(
        "--deflate",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the bots offer permessage-deflate as browsers do (--no-deflate: the bare bots "
        "of issue 7, no extension)",
    )
    parser.add_argument(
        "--bots",
        choices=("python", "node"),
        default="python",
        help="python: bare websockets in this process; node: the official socket.io-client, "
        "many in one Node process (Socket.IO servers only: not the raw relay, not S3)",
    )
    parser.add_argument(
        "--venue-root",
        type=Path,
        default=ROOT,
        help="measure the venue of this checkout (run by its own .venv), e.g. another worktree",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="on a shared machine: before each window wait up to this long for a second in "
        f"which other processes use under {OTHERS_QUIET:g} of a core",
    )
    parser.add_argument(
        "--venue-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an environment variable for venue (repeatable), e.g. VENUE_WS_COMPRESSION=off",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="S1, S2, S3: run venue under cProfile during the window (S3: from T0 until every "
        "snapshot arrived) and write S1-venue.pstats etc. into this folder; inflates venue's "
        "figures (not for the table)",
    )
    args = parser.parse_args(argv)
    scenarios = [s.strip().upper() for s in args.scenario.split(",") if s.strip()]
    servers = [s.strip() for s in args.servers.split(",") if s.strip()]
    if not scenarios or set(scenarios) - set(SCENARIOS):
        parser.error(f"--scenario takes {', '.join(SCENARIOS)}")
    if not servers or set(servers) - set(SERVERS):
        parser.error(f"--servers takes {', '.join(SERVERS)}")
    servers = [s for s in SERVERS if s in servers]  # venue first: the baselines need its maps
    if args.bots == "node":
        if "raw" in servers:
            parser.error("--bots node speaks Socket.IO: leave out the raw relay (--servers)")
        if "S3" in scenarios:
            parser.error("--bots node: S3 (the transition) needs the Python bots")
    venue_env = dict(pair.partition("=")[::2] for pair in args.venue_env)
    if any(not name.startswith("VENUE_") for name in venue_env):
        parser.error("--venue-env takes VENUE_NAME=VALUE")
    venue_root = args.venue_root.resolve()
    if not (venue_root / "venue").is_dir() or not Path(venue_python(venue_root)).exists():
        parser.error(f"--venue-root {venue_root}: no venue/ or no .venv/bin/python there")
    if args.processes < 1:
        parser.error("--processes needs a positive number")
    if args.processes > 1:
        if scenarios != ["S2"]:
            parser.error("--processes is for --scenario S2")
        if servers != ["venue"]:
            servers = ["venue"]
        why = redis_ready()
        if why:
            parser.error(why)
    return Options(
        scenarios,
        servers,
        args.seconds,
        args.warmup,
        args.tick,
        args.observers,
        args.processes,
        args.redis,
        args.postgres,
        args.ramp_start,
        args.ramp_factor,
        args.ramp_max,
        args.ramp_seconds,
        args.venue.resolve(),
        args.logs,
        args.time_limit,
        args.profile,
        args.deflate,
        args.bots,
        venue_root,
        venue_env,
        args.quiet_wait,
    )


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    opts = parse_args(argv)
    _TICK_HZ[0] = opts.tick
    for folder in (opts.logs, opts.profile):
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
    pin_bots()
    results = asyncio.run(run_all(opts))
    suffix = "" if opts.scenarios == list(SCENARIOS) else "-" + "-".join(opts.scenarios)
    suffix += ("" if opts.deflate else "-nodeflate") + ("-node" if opts.bots == "node" else "")
    if opts.venue_root != ROOT:
        suffix += "-" + opts.venue_root.name
    suffix += "".join(f"-{value}" for value in opts.venue_env.values())
    if opts.processes > 1:
        suffix += f"-p{opts.processes}"
    if opts.profile is not None:
        suffix += "-profiled"
    publish(report(results, opts, argv), f"bench-{date.today().isoformat()}{suffix}.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
