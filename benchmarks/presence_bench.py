"""Presence benchmark: N bots in one space, each moving at `hz`, against venue and a baseline.

    .venv/bin/python benchmarks/presence_bench.py --bots 200 --hz 5 --seconds 20
    .venv/bin/python benchmarks/presence_bench.py --bots 50,200,300

For each N it runs venue (`python -m venue serve`) and then benchmarks/baseline_server.py, each
pinned to core 0 with the bots on core 1, and reports server CPU per delivered position update,
RSS per connection, frames per client per second, move-to-seen latency and the bots' own CPU.
See benchmarks/README.md for how to read the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import resource
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import aiohttp
from bots import Dialect, RawJSON, SocketIO, Swarm
from walls import Grid

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
SERVER_CORE, BOT_CORE = 0, 1
JOINS_PER_ADDRESS = 20  # venue allows 20 joins per minute and address
BOT_CPU_WARN = 80.0
WAIT_WARN = 5.0
CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True, slots=True)
class Options:
    bots: list[int]
    hz: float
    seconds: float
    warmup: float
    tick: float
    venue: Path
    space: str
    observers: int
    logs: Path | None


@dataclass(frozen=True, slots=True)
class Target:
    """A server under test: how to start it and which dialect its bots speak."""

    name: str
    command: list[str]
    env: dict[str, str]
    dialect: Dialect
    joins: bool
    cwd: Path = ROOT  # venue runs from this checkout (bench.py --venue-root)


class Rates:
    """Per-second figures of a measured window, for the dataclasses holding these fields."""

    __slots__ = ()
    window: float  # seconds
    updates: int  # position updates received by all bots
    server_cpu: float  # seconds, over every server process
    bot_cpu: float
    server_wait: float  # seconds runnable but waiting for a core
    bot_wait: float

    @property
    def updates_per_s(self) -> float:
        return self.updates / self.window

    @property
    def cpu_us_per_update(self) -> float:
        return self.server_cpu / self.updates * 1e6 if self.updates else float("nan")

    @property
    def server_cpu_pct(self) -> float:
        return self.server_cpu / self.window * 100

    @property
    def bot_cpu_pct(self) -> float:
        return self.bot_cpu / self.window * 100

    @property
    def wait_pct(self) -> tuple[float, float]:
        """Run-queue wait of server and bots, % of the window: other load on their cores."""
        return self.server_wait / self.window * 100, self.bot_wait / self.window * 100


@dataclass(slots=True)
class Result(Rates):
    server: str
    bots: int
    connected: int
    hz: float
    tick: float
    window: float
    updates: int
    frames: int
    min_frames: int
    server_cpu: float
    bot_cpu: float
    server_wait: float
    bot_wait: float
    rss_kb_per_conn: float
    latencies: list[float]
    gaps: list[float]
    refusals: Counter[str] = field(default_factory=Counter)

    @property
    def lost_ticks(self) -> int:
        return sum(gap > 1.5 / self.tick for gap in self.gaps)

    @property
    def frames_per_client_s(self) -> float:
        return self.frames / max(self.connected, 1) / self.window

    def latency_ms(self, q: float) -> float:
        return quantile_ms(self.latencies, q)

    def gap_ms(self, q: float) -> float:
        """Time between two frames at one observer: 2 ticks or more means a tick was lost."""
        return quantile_ms(self.gaps, q)


def quantile_ms(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


# -- /proc ----------------------------------------------------------------------------------


def proc_cpu_seconds(pid: int) -> float:
    """utime + stime of a process, in seconds."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def proc_rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def proc_wait_seconds(pid: int | str) -> float:
    """Time the process's threads spent runnable but waiting for a CPU (another load there)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            total += int((task / "schedstat").read_text().split()[1])
    return total / 1e9


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# -- servers --------------------------------------------------------------------------------


def venue_target(opts: Options, port: int, tmp: Path) -> Target:
    command = [
        *("taskset", "-c", str(SERVER_CORE), sys.executable, "-m", "venue", "serve"),
        *("--venue", str(opts.venue), "--port", str(port)),
        *("--database", f"sqlite+aiosqlite:///{tmp}/bench.sqlite3"),
    ]
    env = {
        "VENUE_SECRET_KEY": "presence-bench-not-secret",
        "VENUE_LOG_LEVEL": "WARNING",
        "VENUE_TICK_HZ": str(opts.tick),
    }
    return Target("venue", command, env, SocketIO(), joins=True)


def baseline_target(opts: Options, port: int) -> Target:
    script = Path(__file__).resolve().parent / "baseline_server.py"
    command = [
        *("taskset", "-c", str(SERVER_CORE), sys.executable, str(script)),
        *("--port", str(port), "--tick", str(opts.tick)),
    ]
    return Target("baseline", command, {}, RawJSON(), joins=False)


@contextlib.asynccontextmanager
async def running(target: Target, base: str, log: Path) -> AsyncIterator[int]:
    """Start the server, wait until it answers, yield its pid; always stop it."""
    with log.open("wb") as out:
        proc = await asyncio.create_subprocess_exec(
            *target.command,
            cwd=target.cwd,
            env={**os.environ, **target.env},
            stdout=out,
            stderr=asyncio.subprocess.STDOUT,
        )
    try:
        await wait_ready(base, proc)
        yield proc.pid
    finally:
        await stop(proc)


async def wait_ready(base: str, proc: asyncio.subprocess.Process, limit: float = 20.0) -> None:
    deadline = time.monotonic() + limit
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            if proc.returncode is not None:
                raise RuntimeError(f"server exited with {proc.returncode}")
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(f"{base}/healthz") as resp:
                    if resp.status == 200:
                        return
            await asyncio.sleep(0.1)
    raise RuntimeError(f"server not ready after {limit} s")


async def stop(proc: asyncio.subprocess.Process) -> None:
    if proc.returncode is None:
        proc.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(proc.wait(), 10)
        except TimeoutError:
            proc.kill()
            await proc.wait()


# -- one run --------------------------------------------------------------------------------


def addresses_for(count: int) -> int:
    """How many source addresses `join_all` uses for `count` joins."""
    return -(-count // JOINS_PER_ADDRESS)


async def join_all(base: str, count: int, first_address: int = 2) -> list[str | None]:
    """Tokens for `count` guests, joining from 127.0.0.2, .3, … (20 per address); a later
    call in the same server's run starts after the addresses used before (`addresses_for`)."""
    groups = range(0, count, JOINS_PER_ADDRESS)
    chunks = await asyncio.gather(
        *(
            _join_from(base, f"127.0.0.{first_address + g // JOINS_PER_ADDRESS}", g, count)
            for g in groups
        )
    )
    return [token for chunk in chunks for token in chunk]


async def _join_from(base: str, address: str, first: int, count: int) -> list[str | None]:
    if int(address.rsplit(".", 1)[1]) > 254:
        raise RuntimeError(f"too many joins for one /24 of loopback addresses: {address}")
    connector = aiohttp.TCPConnector(local_addr=(address, 0))
    async with aiohttp.ClientSession(connector=connector) as session:
        tokens: list[str | None] = []
        for i in range(first, min(first + JOINS_PER_ADDRESS, count)):
            async with session.post(f"{base}/api/join", json={"name": f"bot-{i}"}) as resp:
                body = await resp.json()
                if resp.status != 200:
                    raise RuntimeError(f"join from {address} refused: {resp.status} {body}")
                tokens.append(str(body["token"]))
        return tokens


async def fetch_grid(base: str, space: str) -> Grid:
    async with aiohttp.ClientSession() as session, session.get(f"{base}/maps/{space}.json") as r:
        r.raise_for_status()
        return Grid.from_tiled(await r.json())


async def run_one(
    target: Target, base: str, n: int, opts: Options, pid: int, swarm: Swarm
) -> Result:
    tokens: list[str | None] = await join_all(base, n) if target.joins else [None] * n
    rss_before = proc_rss_kb(pid)
    stop_walking = asyncio.Event()
    swarm.spaces.update(dict.fromkeys(range(n), opts.space))
    await swarm.connect([base], tokens)
    walker = asyncio.create_task(swarm.walk(opts.hz, stop_walking))
    try:
        await asyncio.sleep(opts.warmup)
        rss_after = proc_rss_kb(pid)
        result = await _window(target, n, opts, pid, swarm)
    finally:
        stop_walking.set()
        await walker
        await swarm.close()
    connected = len(swarm.bots)
    result.rss_kb_per_conn = (rss_after - rss_before) / max(connected, 1)
    return result


async def _window(target: Target, n: int, opts: Options, pid: int, swarm: Swarm) -> Result:
    stats = swarm.stats
    stats.reset([bot.index for bot in swarm.bots])
    wait0 = proc_wait_seconds(pid), proc_wait_seconds("self")
    cpu0, bot0, t0 = proc_cpu_seconds(pid), own_cpu_seconds(), time.perf_counter()
    stats.recording = True
    await asyncio.sleep(opts.seconds)
    stats.recording = False
    cpu1, bot1, t1 = proc_cpu_seconds(pid), own_cpu_seconds(), time.perf_counter()
    wait1 = proc_wait_seconds(pid), proc_wait_seconds("self")
    return Result(
        server=target.name,
        bots=n,
        connected=len(swarm.bots),
        hz=opts.hz,
        tick=opts.tick,
        window=t1 - t0,
        updates=stats.updates,
        frames=stats.frames,
        min_frames=min(stats.frames_per_bot.values(), default=0),
        server_cpu=cpu1 - cpu0,
        bot_cpu=bot1 - bot0,
        server_wait=wait1[0] - wait0[0],
        bot_wait=wait1[1] - wait0[1],
        rss_kb_per_conn=0.0,
        latencies=list(stats.latencies),
        gaps=list(stats.gaps),
        refusals=stats.refusals + swarm.connect_refusals,
    )


@dataclass(slots=True)
class Shared:
    """What the venue run hands to the baseline run of the same N: the map and the spawns."""

    grid: Grid | None = None
    capacity: int | None = None
    spawns: dict[int, tuple[int, int]] = field(default_factory=dict)


async def bench(
    target: Target, n: int, opts: Options, shared: Shared, port: int, tmp: Path
) -> Result:
    base = f"http://127.0.0.1:{port}"
    log = (opts.logs or tmp) / f"{target.name}-{n}.log"
    limit = opts.warmup + opts.seconds + 40  # joins, connects, start-up and stop included
    try:
        async with asyncio.timeout(limit), running(target, base, log) as pid:
            if target.joins:
                shared.grid = await fetch_grid(base, opts.space)
                shared.capacity = await space_capacity(base, opts.space)
            if shared.grid is None:
                raise RuntimeError("the baseline needs the map: run venue first")
            swarm = Swarm(target.dialect, {opts.space: shared.grid}, opts.observers)
            swarm.spawns.update(shared.spawns)
            result = await run_one(target, base, n, opts, pid, swarm)
            if target.joins:
                shared.spawns = dict(swarm.spawns)
            return result
    except Exception:
        print(f"--- {log} ---\n{log.read_text()[-3000:]}", file=sys.stderr)
        raise


async def space_capacity(base: str, space: str) -> int | None:
    """The space's capacity from /api/venue, only to explain refusals: None if unknown."""
    async with aiohttp.ClientSession() as session, session.get(f"{base}/api/venue") as resp:
        if resp.status != 200:
            print(f"warning: /api/venue answered {resp.status}", file=sys.stderr)
            return None
        for entry in (await resp.json())["spaces"]:
            if entry["id"] == space:
                return int(entry["capacity"])
    return None


async def bench_all(opts: Options) -> tuple[list[Result], Shared]:
    results: list[Result] = []
    shared = Shared()
    with tempfile.TemporaryDirectory(prefix="presence-bench-") as tmpdir:
        for n in opts.bots:
            tmp = Path(tmpdir) / str(n)
            tmp.mkdir()
            for make in (_venue, _baseline):
                port = free_port()
                target = make(opts, port, tmp)
                print(f"{target.name}: {n} bots at {opts.hz:g} Hz …", file=sys.stderr, flush=True)
                results.append(await bench(target, n, opts, shared, port, tmp))
                print("  " + table_row(results[-1]), file=sys.stderr, flush=True)
    return results, shared


def _venue(opts: Options, port: int, tmp: Path) -> Target:
    return venue_target(opts, port, tmp)


def _baseline(opts: Options, port: int, _tmp: Path) -> Target:
    return baseline_target(opts, port)


# -- report ---------------------------------------------------------------------------------

HEADER = (
    "| server | N | hz | tick | updates delivered/s | CPU µs/update | server CPU % "
    "| RSS KB/conn | frames/client/s | latency p50 ms | latency p95 ms | bot CPU % | refusals "
    "| CPU wait % server/bots |"
)


def table_row(r: Result) -> str:
    n = f"{r.bots}" if r.connected == r.bots else f"{r.bots} ({r.connected} in)"
    cells = [
        r.server,
        n,
        f"{r.hz:g}",
        f"{r.tick:g}",
        f"{r.updates_per_s:,.0f}",
        f"{r.cpu_us_per_update:.2f}",
        f"{r.server_cpu_pct:.0f}",
        f"{r.rss_kb_per_conn:.0f}",
        f"{r.frames_per_client_s:.2f}",
        f"{r.latency_ms(0.50):.1f}",
        f"{r.latency_ms(0.95):.1f}",
        f"{r.bot_cpu_pct:.0f}",
        str(sum(r.refusals.values())),
        "{:.0f} / {:.0f}".format(*r.wait_pct),
    ]
    return "| " + " | ".join(cells) + " |"


def ratio_rows(results: Sequence[Result]) -> list[str]:
    rows = [
        "| N | CPU µs/update | RSS KB/conn | latency p50 | latency p95 |",
        "|---|---|---|---|---|",
    ]
    by_key = {(r.server, r.bots): r for r in results}
    for n in sorted({r.bots for r in results}):
        venue, base = by_key.get(("venue", n)), by_key.get(("baseline", n))
        if venue is None or base is None:
            continue
        cells = [
            _ratio(venue.cpu_us_per_update, base.cpu_us_per_update),
            _ratio(venue.rss_kb_per_conn, base.rss_kb_per_conn),
            _ratio(venue.latency_ms(0.5), base.latency_ms(0.5)),
            _ratio(venue.latency_ms(0.95), base.latency_ms(0.95)),
        ]
        rows.append(f"| {n} | " + " | ".join(cells) + " |")
    return rows


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}x" if b > 0 else "n/a"


def warnings(results: Sequence[Result], shared: Shared) -> list[str]:
    notes: list[str] = []
    for r in results:
        who = f"{r.server}, N={r.bots}"
        if r.bot_cpu_pct > BOT_CPU_WARN:
            notes.append(f"{who}: bots used {r.bot_cpu_pct:.0f} % of a core: generator saturated.")
        if r.server_cpu_pct > BOT_CPU_WARN:
            notes.append(f"{who}: server used {r.server_cpu_pct:.0f} % of its core: saturated.")
        if max(r.wait_pct) > WAIT_WARN:
            notes.append(
                f"{who}: waited for a CPU {r.wait_pct[0]:.0f} % (server) / {r.wait_pct[1]:.0f} % "
                "(bots) of the window: something else runs on these cores; figures are suspect."
            )
        if r.frames_per_client_s < 0.95 * r.tick:
            notes.append(
                f"{who}: {r.frames_per_client_s:.2f} frames/client/s is below the tick rate "
                f"{r.tick:g} (slowest client {r.min_frames / r.window:.2f}/s; gaps between "
                f"frames p99 {r.gap_ms(0.99):.0f} ms, max {r.gap_ms(1.0):.0f} ms, "
                f"{r.lost_ticks} gaps of two ticks or more at the observers)."
            )
        if r.refusals:
            codes = ", ".join(f"{code}: {k}" for code, k in r.refusals.most_common())
            notes.append(f"{who}: refusals: {codes}.")
        if r.connected < r.bots:
            notes.append(f"{who}: only {r.connected} of {r.bots} bots got in.")
    capacity = shared.capacity
    if capacity is not None and any(r.bots > capacity for r in results):
        notes.append(f"The space holds {capacity}: bots beyond that are refused (`space.full`).")
    return notes


def report(results: Sequence[Result], shared: Shared, argv: Sequence[str]) -> str:
    cpu = _cpu_model()
    lines = [
        f"# Presence benchmark, {date.today().isoformat()}",
        "",
        f"Command: `{shlex.join(['.venv/bin/python', 'benchmarks/presence_bench.py', *argv])}`  ",
        f"Machine: {cpu}, {os.cpu_count()} cores; Python {platform.python_version()}; "
        f"server on core {SERVER_CORE}, bots on core {BOT_CORE}.  ",
        f"Code: {_git_state()}.  ",
        "Window: steady state only (after warm-up). Noise is about ±25 %: compare ratios.",
        "",
        HEADER,
        "|" + "---|" * HEADER.count(" | ") + "---|",
        *(table_row(r) for r in results),
        "",
        "venue ÷ baseline (lower is better for the server; 1.0x = as cheap as raw aiohttp):",
        "",
        *ratio_rows(results),
    ]
    notes = warnings(results, shared)
    if notes:
        lines += ["", "Warnings:", "", *(f"- {note}" for note in notes)]
    return "\n".join(lines) + "\n"


def _git_state() -> str:
    """The commit measured, and whether the work tree differed from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "venue"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown (no git)"
    return f"{head}" + (" with uncommitted changes in venue/" if dirty else "")


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


# -- command line ---------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--bots", default="200", help="bots per run; a list runs each: 50,200")
    parser.add_argument("--hz", type=float, default=5.0, help="moves per bot and second")
    parser.add_argument("--seconds", type=float, default=20.0, help="measured window")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds before the window")
    parser.add_argument("--tick", type=float, default=10.0, help="server frames per second")
    parser.add_argument("--venue", type=Path, default=Path("maps/lausitz-2021"))
    parser.add_argument("--space", default="lobby", help="the space every bot is in")
    parser.add_argument("--observers", type=int, default=20, help="bots that sample latency")
    parser.add_argument("--logs", type=Path, help="keep the servers' logs in this folder")
    args = parser.parse_args(argv)
    bots = [int(n) for n in str(args.bots).split(",") if n.strip()]
    if not bots or min(bots) < 1:
        parser.error("--bots needs positive numbers")
    if args.hz * 8 > 240:
        parser.error("8 px steps faster than 30 Hz exceed venue's walking speed")
    return Options(
        bots,
        args.hz,
        args.seconds,
        args.warmup,
        args.tick,
        args.venue,
        args.space,
        args.observers,
        args.logs,
    )


def pin_bots() -> None:
    if (os.cpu_count() or 1) < 2:
        print("warning: one core only; server and bots share it", file=sys.stderr)
        return
    os.sched_setaffinity(0, {BOT_CORE})


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    opts = parse_args(argv)
    pin_bots()
    results, shared = asyncio.run(bench_all(opts))
    publish(report(results, shared, argv), f"presence-{date.today().isoformat()}.md")
    return 0


def publish(text: str, name: str) -> None:
    """Write a report to results/NAME and print it."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / name
    out.write_text(text)
    print(text)
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
