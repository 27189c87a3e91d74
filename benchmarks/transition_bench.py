"""Transition benchmark: N registered participants moved from the break to their workshops.

    .venv/bin/python benchmarks/transition_bench.py                  # N = 100, 200, 400
    .venv/bin/python benchmarks/transition_bench.py --bots 400 --profile

For each N: a copy of maps/lausitz-2021 with capacities raised so that N fit, N participants
registered (half per workshop) and one moderator written to a fresh database with venue's own
store API, the server started on the rehearsal clock at 13:20 (the break: everyone lands in
the exhibition hall), N idle bots connected, then the moderator sends `mod.start_next
{"block": 2}` at T0 and every bot notes when the `space.snapshot` of its workshop arrives.
Issue 4 asks for p99 within 1 s at N = 400. See benchmarks/README.md for the columns.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import aiohttp
from bots import Bot, SocketIO, Swarm
from presence_bench import (
    BOT_CORE,
    ROOT,
    SERVER_CORE,
    WAIT_WARN,
    Target,
    _cpu_model,
    _git_state,
    free_port,
    own_cpu_seconds,
    pin_bots,
    proc_cpu_seconds,
    proc_wait_seconds,
    publish,
    quantile_ms,
    running,
)

SECRET = "bench-not-a-secret"
CLOCK = "2021-11-30T13:20"  # the break (block 1): the workshops (block 2) begin at 13:30
BLOCK = 2
WORKSHOPS = ("workshop-1", "workshop-2")
BREAK_SPACE = "exhibition"
GOAL_S = 1.0
START_ACK = 1


@dataclass(frozen=True, slots=True)
class Options:
    bots: list[int]
    venue: Path
    idle: float
    timeout: float
    profile: bool
    logs: Path | None


@dataclass(slots=True)
class Result:
    bots: int
    connected: int
    in_break: int
    latencies: list[float]
    ack: float | None
    ack_error: str | None
    window: float
    server_cpu: float
    bot_cpu: float
    server_wait: float
    bot_wait: float
    profiled: bool
    refusals: dict[str, int] = field(default_factory=dict)

    @property
    def arrived(self) -> int:
        return len(self.latencies)

    @property
    def within_goal(self) -> int:
        return sum(latency <= GOAL_S for latency in self.latencies)

    @property
    def missing(self) -> int:
        return self.connected - self.arrived

    def ms(self, q: float) -> float:
        return quantile_ms(self.latencies, q)


# -- the venue copy and its people ----------------------------------------------------------


def capacities(n: int) -> dict[str, int]:
    """Room for n people in every space they pass through; the lobby holds the largest."""
    big = max(450, n + 50)
    seats = max(250, n // 2 + 50)
    return {
        "lobby": big,
        "plenary": big,
        BREAK_SPACE: big,
        WORKSHOPS[0]: seats,
        WORKSHOPS[1]: seats,
    }


def copy_venue(
    source: Path, target: Path, capacity: Mapping[str, int], unassigned: str | None = None
) -> None:
    """A copy of the venue folder with these spaces' capacities (and `event.unassigned`)."""
    shutil.copytree(source, target)
    manifest = target / "venue.toml"
    text = manifest.read_text()
    for space, seats in capacity.items():
        pattern = re.compile(rf'(id = "{re.escape(space)}"\n(?:[^\[\n].*\n)*?capacity = )\d+')
        text, found = pattern.subn(rf"\g<1>{seats}", text)
        if found != 1:
            raise RuntimeError(f"no capacity for {space!r} in {manifest}")
    if unassigned is not None:
        text = text.replace("[event]\n", f'[event]\nunassigned = "{unassigned}"\n', 1)
    manifest.write_text(text)


@dataclass(frozen=True, slots=True)
class People:
    tokens: list[str | None]  # participant i is registered for WORKSHOPS[i % 2]
    moderator: str


async def seed(venue_dir: Path, database: str, n: int) -> People:
    """Registrations, a moderator and their tokens, written before the server starts."""
    # venue is imported here so that the harness's own start-up stays light
    from venue.accounts.identity import Identities
    from venue.domain.people import Role
    from venue.store.db import Store
    from venue.store.registrations import Applicant
    from venue.venuefile.loader import load_venue

    venue = load_venue(venue_dir)
    store = await Store.open(database)
    try:
        await store.registrations.sync_capacities({w.id: w.capacity for w in venue.workshops()})
        ends = venue.event.ends_at if venue.event else dt.datetime.now(dt.UTC)
        identities = Identities(SECRET, venue.id, store, ends, 30)
        tokens: list[str | None] = []
        for i in range(n):
            applicant = Applicant(
                name=f"bot-{i}",
                email=f"bot-{i}@bench.invalid",
                organisation=None,
                workshop=WORKSHOPS[i % 2],
                lang="en",
                wait=False,
            )
            outcome = await store.registrations.register(applicant)
            if outcome.participant.registration != "registered":
                raise RuntimeError(f"bot-{i} got no seat: {outcome.participant.registration}")
            tokens.append(await identities.issue(outcome.participant.id, "link"))
        moderator = await store.participants.create("bench moderator", Role.MODERATOR)
        return People(tokens, await identities.issue(moderator.id, "link"))
    finally:
        await store.close()


def venue_target(venue_dir: Path, port: int, database: str, profile: Path | None) -> Target:
    python = [sys.executable]
    if profile is not None:
        python += [str(Path(__file__).resolve().parent / "profile_server.py"), str(profile)]
    else:
        python += ["-m", "venue"]
    command = [
        *("taskset", "-c", str(SERVER_CORE), *python, "serve"),
        *("--venue", str(venue_dir), "--port", str(port), "--database", database),
    ]
    env = {
        "VENUE_CLOCK": CLOCK,
        "VENUE_SPEED": "1",
        "VENUE_SECRET_KEY": SECRET,
        "VENUE_LOG_LEVEL": "WARNING",
    }
    return Target("venue", command, env, SocketIO(), joins=False)


# -- the moderator --------------------------------------------------------------------------


class Moderator:
    """One raw socket.io connection that sends `mod.start_next` and waits for its ack."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.acked = asyncio.Event()
        self.ack_at = 0.0
        self.ack_error: str | None = None
        self._task = asyncio.create_task(self._receive())

    @classmethod
    async def connect(cls, session: aiohttp.ClientSession, base: str, token: str) -> Moderator:
        dialect = SocketIO()
        ws = await session.ws_connect(dialect.url(base, ""), max_msg_size=0)
        await dialect.handshake(ws, token, (0, 0), "")
        return cls(ws)

    async def start_next(self, block: int) -> float:
        """Send the command; returns T0, taken just before the frame leaves."""
        frame = f'42{START_ACK}["mod.start_next",{json.dumps({"block": block})}]'
        t0 = time.perf_counter()
        await self.ws.send_str(frame)
        return t0

    async def _receive(self) -> None:
        prefix = f"43{START_ACK}["
        async for msg in self.ws:
            if msg.type is not aiohttp.WSMsgType.TEXT:
                continue
            text: str = msg.data
            if text == "2":
                await self.ws.send_str("3")
            elif text.startswith(prefix):
                self.ack_at = time.perf_counter()
                body = json.loads(text[len(prefix) - 1 :])[0]
                if body.get("ok") is not True:
                    self.ack_error = str(body.get("error", {}).get("code", "?"))
                self.acked.set()

    async def close(self) -> None:
        await self.ws.close()
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task


# -- one run --------------------------------------------------------------------------------


class Arrivals:
    """When each bot got the snapshot of its own workshop, after T0."""

    def __init__(self, expected: dict[int, str]) -> None:
        self.expected = expected
        self.at: dict[int, float] = {}
        self.armed = False
        self.all_in = asyncio.Event()
        self.wanted = 0

    def arm(self, wanted: int) -> None:
        self.wanted = wanted
        self.armed = True
        if wanted == 0:
            self.all_in.set()

    def __call__(self, bot: Bot, space: str, now: float) -> None:
        if not self.armed or bot.index in self.at or self.expected.get(bot.index) != space:
            return
        self.at[bot.index] = now
        if len(self.at) >= self.wanted:
            self.all_in.set()


async def run_one(n: int, opts: Options, tmp: Path, argv_profile: Path | None) -> Result:
    venue_dir = tmp / "venue"
    copy_venue(opts.venue, venue_dir, capacities(n))
    database = f"sqlite+aiosqlite:///{tmp}/bench.sqlite3"
    people = await seed(venue_dir, database, n)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    target = venue_target(venue_dir, port, database, argv_profile)
    log = (opts.logs or tmp) / f"transition-{tmp.name}.log"
    arrivals = Arrivals({i: WORKSHOPS[i % 2] for i in range(n)})
    swarm = Swarm(target.dialect, None, 0, on_snapshot=arrivals)
    limit = opts.idle + opts.timeout + 60 + n / 10  # start-up, connects and stop included
    try:
        async with asyncio.timeout(limit), running(target, base, log) as pid:
            connector = aiohttp.TCPConnector(limit=0)
            async with aiohttp.ClientSession(connector=connector) as session:
                moderator = await Moderator.connect(session, base, people.moderator)
                try:
                    await swarm.connect([base], people.tokens)
                    await asyncio.sleep(opts.idle)
                    return await _transition(n, opts, pid, swarm, moderator, arrivals)
                finally:
                    await moderator.close()
                    await swarm.close()
    except Exception:
        print(f"--- {log} ---\n{log.read_text()[-3000:]}", file=sys.stderr)
        raise


async def _transition(
    n: int, opts: Options, pid: int, swarm: Swarm, moderator: Moderator, arrivals: Arrivals
) -> Result:
    in_break = sum(bot.space == BREAK_SPACE for bot in swarm.bots)
    arrivals.arm(len(swarm.bots))
    profiling = opts.profile
    if profiling:
        os.kill(pid, signal.SIGUSR1)  # profile_server.py: start profiling
        await asyncio.sleep(0.2)
    wait0 = proc_wait_seconds(pid), proc_wait_seconds("self")
    cpu0, bot0 = proc_cpu_seconds(pid), own_cpu_seconds()
    t0 = await moderator.start_next(BLOCK)
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(opts.timeout):
            await arrivals.all_in.wait()
            await moderator.acked.wait()
    t1 = time.perf_counter()
    cpu1, bot1 = proc_cpu_seconds(pid), own_cpu_seconds()
    wait1 = proc_wait_seconds(pid), proc_wait_seconds("self")
    if profiling:
        os.kill(pid, signal.SIGUSR2)  # profile_server.py: stop and write the profile
        await asyncio.sleep(1.0)
    return Result(
        bots=n,
        connected=len(swarm.bots),
        in_break=in_break,
        latencies=sorted(at - t0 for at in arrivals.at.values()),
        ack=moderator.ack_at - t0 if moderator.acked.is_set() else None,
        ack_error=moderator.ack_error,
        window=t1 - t0,
        server_cpu=cpu1 - cpu0,
        bot_cpu=bot1 - bot0,
        server_wait=wait1[0] - wait0[0],
        bot_wait=wait1[1] - wait0[1],
        profiled=profiling,
        refusals=dict(swarm.connect_refusals),
    )


async def bench_all(opts: Options) -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="transition-bench-") as tmpdir:
        for run, n in enumerate(opts.bots, 1):
            tmp = Path(tmpdir) / f"{run}-{n}"
            tmp.mkdir()
            profile = None
            if opts.profile:
                folder = opts.logs or Path(tempfile.gettempdir())
                profile = folder / f"transition-{run}-{n}.pstats"
            print(f"transition: {n} participants …", file=sys.stderr, flush=True)
            results.append(await run_one(n, opts, tmp, profile))
            print("  " + table_row(results[-1]), file=sys.stderr, flush=True)
            if profile is not None:
                print(f"  profile written to {profile}", file=sys.stderr, flush=True)
    return results


# -- report ---------------------------------------------------------------------------------

HEADER = (
    "| N | in break | got snapshot | p50 ms | p95 ms | p99 ms | max ms | within 1 s "
    "| none after timeout | ack ms | server CPU ms | bot CPU ms | CPU wait % server/bots |"
)


def table_row(r: Result) -> str:
    n = f"{r.bots}" if r.connected == r.bots else f"{r.bots} ({r.connected} in)"
    if r.profiled:
        n += " (profiled)"
    ack = f"{r.ack * 1000:.0f}" if r.ack is not None else "none"
    if r.ack_error:
        ack += f" ({r.ack_error})"
    cells = [
        n,
        str(r.in_break),
        str(r.arrived),
        f"{r.ms(0.50):.0f}",
        f"{r.ms(0.95):.0f}",
        f"{r.ms(0.99):.0f}",
        f"{r.ms(1.0):.0f}",
        str(r.within_goal),
        str(r.missing),
        ack,
        f"{r.server_cpu * 1000:.0f}",
        f"{r.bot_cpu * 1000:.0f}",
        f"{_pct(r.server_wait, r.window):.0f} / {_pct(r.bot_wait, r.window):.0f}",
    ]
    return "| " + " | ".join(cells) + " |"


def _pct(part: float, whole: float) -> float:
    return part / whole * 100 if whole else 0.0


def warnings(results: Sequence[Result], opts: Options) -> list[str]:
    notes: list[str] = []
    for r in results:
        who = f"N={r.bots}"
        if r.connected < r.bots:
            refused = ", ".join(f"{code}: {k}" for code, k in r.refusals.items())
            notes.append(f"{who}: only {r.connected} of {r.bots} bots got in ({refused}).")
        if r.in_break < r.connected:
            notes.append(f"{who}: {r.connected - r.in_break} bots did not start in {BREAK_SPACE}.")
        if r.missing:
            late = f"{r.missing} bots had no workshop snapshot after {opts.timeout:g} s"
            notes.append(f"{who}: {late}.")
        if r.ack_error or r.ack is None:
            notes.append(f"{who}: `mod.start_next` was not acknowledged with ok: {r.ack_error}.")
        if r.window and max(r.server_wait, r.bot_wait) / r.window * 100 > WAIT_WARN:
            notes.append(f"{who}: another load shared the cores; figures are suspect.")
        if r.window and r.bot_cpu / r.window > 0.8:
            notes.append(
                f"{who}: the bots used {r.bot_cpu / r.window * 100:.0f} % of their core during "
                "the transition: arrival times include the generator's own queueing."
            )
        if r.profiled:
            notes.append(f"{who}: run under cProfile: its times are inflated, compare with care.")
    return notes


def report(results: Sequence[Result], opts: Options, argv: Sequence[str]) -> str:
    command = shlex.join([".venv/bin/python", "benchmarks/transition_bench.py", *argv])
    lines = [
        f"# Transition benchmark, {date.today().isoformat()}",
        "",
        f"Command: `{command}`  ",
        f"Machine: {_cpu_model()}, nproc {os.cpu_count()}; Python {platform.python_version()}; "
        f"server on core {SERVER_CORE}, bots on core {BOT_CORE}.  ",
        f"Code: {_git_state()}.  ",
        f"Scenario: N registered participants (half per workshop) idle in `{BREAK_SPACE}` at "
        f'{CLOCK} (rehearsal clock); a moderator sends `mod.start_next {{"block": {BLOCK}}}` '
        "at T0; latency = arrival of the bot's own workshop `space.snapshot` minus T0. "
        f"Goal (issue 4): p99 ≤ {GOAL_S * 1000:.0f} ms at N = 400. "
        "Server CPU: utime + stime from /proc between T0 and the last snapshot or the ack.",
        "",
        HEADER,
        "|" + "---|" * (HEADER.count(" | ") + 1),
        *(table_row(r) for r in results),
    ]
    notes = warnings(results, opts)
    if notes:
        lines += ["", "Warnings:", "", *(f"- {note}" for note in notes)]
    return "\n".join(lines) + "\n"


# -- command line ---------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--bots", default="100,200,400", help="participants per run: 100,400")
    parser.add_argument("--venue", type=Path, default=ROOT / "maps" / "lausitz-2021")
    parser.add_argument("--idle", type=float, default=2.0, help="seconds idle before T0")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait after T0")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run the server under cProfile during the transition only (profile_server.py); "
        "writes transition-RUN-N.pstats into --logs, else the temp folder",
    )
    parser.add_argument("--logs", type=Path, help="keep the server logs in this folder")
    args = parser.parse_args(argv)
    bots = [int(n) for n in str(args.bots).split(",") if n.strip()]
    if not bots or min(bots) < 2:
        parser.error("--bots needs numbers of at least 2")
    return Options(bots, args.venue.resolve(), args.idle, args.timeout, args.profile, args.logs)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    opts = parse_args(argv)
    if opts.logs is not None:
        opts.logs.mkdir(parents=True, exist_ok=True)
    pin_bots()
    results = asyncio.run(bench_all(opts))
    suffix = "-profiled" if opts.profile else ""
    publish(report(results, opts, argv), f"transition-{date.today().isoformat()}{suffix}.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
