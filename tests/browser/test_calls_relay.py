"""A call through a real coturn on loopback, browsers forced to `iceTransportPolicy: "relay"`:
venue's TURN REST credentials are accepted and the media flows through the relay."""

from __future__ import annotations

import asyncio
import shutil
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.browser.calls import SELECTED, browser, calling, hears  # noqa: F401
from tests.browser.conftest import Open
from tests.conftest import REQUIRE_SERVICES, SEED
from venue.settings import ROOT, Settings

pytestmark = pytest.mark.browser

SECRET = "relay-test-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def turnserver() -> str:
    binary = shutil.which("turnserver")
    if binary is None:
        if REQUIRE_SERVICES:
            pytest.fail(
                "turnserver missing but VENUE_TEST_REQUIRE_SERVICES=1 (apt-get install coturn)"
            )
        pytest.skip("turnserver not installed (scripts/system-packages.sh installs coturn)")
    return binary


@pytest.fixture
async def turn(tmp_path: Path, turnserver: str) -> AsyncIterator[int]:
    """coturn with deploy/turnserver.conf on loopback (which that file refuses to relay to)."""
    port = free_port()
    relay = free_port() // 2 * 2 % 20000 + 40000  # an even start, in the ephemeral range
    log = open(tmp_path / "turn.log", "wb")  # noqa: ASYNC230, SIM115  (before anything runs)
    process = await asyncio.create_subprocess_exec(
        turnserver,
        "-c",
        str(ROOT / "deploy" / "turnserver.conf"),
        f"--static-auth-secret={SECRET}",
        "--listening-ip=127.0.0.1",
        "--relay-ip=127.0.0.1",
        f"--listening-port={port}",
        f"--min-port={relay}",
        f"--max-port={relay + 100}",
        "--allow-loopback-peers",
        "--allowed-peer-ip=127.0.0.1",
        "--no-tls",
        "--no-dtls",
        f"--pidfile={tmp_path / 'turn.pid'}",
        f"--db={tmp_path / 'turndb'}",
        stdout=log,
        stderr=log,
    )
    try:
        async with asyncio.timeout(10):
            while True:  # listening: a UDP port cannot be probed, its TCP twin can
                try:
                    _r, w = await asyncio.open_connection("127.0.0.1", port)
                    w.close()
                    break
                except OSError:
                    await asyncio.sleep(0.1)
        yield port
    finally:
        process.terminate()
        await process.wait()
        log.close()


@pytest.fixture
def settings(tmp_path: Path, turn: int) -> Settings:
    return Settings(
        venue_dir=SEED,
        database_url=f"sqlite+aiosqlite:///{tmp_path}/venue.sqlite3",
        secret_key="test-secret-0123456789",
        disconnect_grace=0.3,
        tick_hz=20,
        av_turn_urls=[f"turn:127.0.0.1:{turn}?transport=udp"],
        av_turn_secret=SECRET,
        av_relay_only=True,
    )


async def test_a_call_relays_through_coturn(open_person: Open) -> None:
    ann, bob = await calling(open_person, "Ann"), await calling(open_person, "Bob")
    for p in (ann, bob):
        await hears(p.page, 1, within=30)
        policies = await p.page.evaluate(
            "() => window.__pcs.map((pc) => pc.getConfiguration().iceTransportPolicy)"
        )
        assert set(policies) == {"relay"}
        assert await p.page.evaluate(SELECTED) == ["relay"]
